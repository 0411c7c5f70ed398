// The curves and tables of the model evaluation view, as plain data for the charts: the ROC
// curve, lift and cumulative gains by decile, and calibration bins (predicted vs observed).
// Labels are 0/1; scores: higher means more likely 1.

export interface RocPoint {
	/** False positive rate and true positive rate at one score threshold. */
	fpr: number;
	tpr: number;
	/** Rows scored at or above this threshold are called positive. */
	threshold: number;
}

/** Descending order of scores (stable: ties keep row order). */
function descending(scores: ArrayLike<number>): Int32Array {
	return Int32Array.from({ length: scores.length }, (_, i) => i).sort(
		(a, b) => scores[b]! - scores[a]! || a - b
	);
}

/**
 * The ROC curve from (0, 0) to (1, 1), one point per distinct score (tied scores move the
 * curve diagonally, which is how ties count one half in the AUC). Empty when a class is absent.
 */
export function rocCurve(labels: ArrayLike<number>, scores: ArrayLike<number>): RocPoint[] {
	const order = descending(scores);
	let positives = 0;
	for (let i = 0; i < labels.length; i++) positives += labels[i] === 1 ? 1 : 0;
	const negatives = labels.length - positives;
	if (!positives || !negatives) return [];
	const points: RocPoint[] = [{ fpr: 0, tpr: 0, threshold: Infinity }];
	let tp = 0;
	let fp = 0;
	for (let k = 0; k < order.length; k++) {
		const i = order[k]!;
		if (labels[i] === 1) tp++;
		else fp++;
		const next = order[k + 1];
		if (next === undefined || scores[next] !== scores[i])
			points.push({ fpr: fp / negatives, tpr: tp / positives, threshold: scores[i]! });
	}
	return points;
}

/** Area under a curve of points by the trapezoid rule (a check on the rank AUC). */
export function trapezoidArea(points: RocPoint[]): number {
	let area = 0;
	for (let k = 1; k < points.length; k++)
		area += ((points[k]!.fpr - points[k - 1]!.fpr) * (points[k]!.tpr + points[k - 1]!.tpr)) / 2;
	return area;
}

export interface LiftRow {
	/** 1 = the highest-scored tenth of rows. */
	decile: number;
	rows: number;
	positives: number;
	/** Positive rate in this decile. */
	rate: number;
	/** Rate over the overall rate. */
	lift: number;
	/** Share of all positives found in deciles 1 … this one. */
	cumulativeGain: number;
	/** Share of all rows in deciles 1 … this one. */
	cumulativeShare: number;
}

/**
 * Lift and cumulative gains by decile of score, highest first. Decile sizes differ by at most
 * one row; tied scores are split by row order.
 */
export function liftTable(
	labels: ArrayLike<number>,
	scores: ArrayLike<number>,
	groups = 10
): LiftRow[] {
	const n = labels.length;
	const order = descending(scores);
	let total = 0;
	for (let i = 0; i < n; i++) total += labels[i] === 1 ? 1 : 0;
	const overall = n ? total / n : 0;
	const rows: LiftRow[] = [];
	let found = 0;
	for (let g = 0; g < groups; g++) {
		const start = Math.round((g * n) / groups);
		const end = Math.round(((g + 1) * n) / groups);
		let positives = 0;
		for (let k = start; k < end; k++) positives += labels[order[k]!] === 1 ? 1 : 0;
		found += positives;
		const size = end - start;
		const rate = size ? positives / size : 0;
		rows.push({
			decile: g + 1,
			rows: size,
			positives,
			rate,
			lift: overall ? rate / overall : 0,
			cumulativeGain: total ? found / total : 0,
			cumulativeShare: n ? end / n : 0
		});
	}
	return rows;
}

export interface CalibrationBin {
	/** Bin bounds on the predicted probability, [lo, hi) (the last bin includes 1). */
	lo: number;
	hi: number;
	rows: number;
	meanPredicted: number;
	observed: number;
}

/** Predicted against observed rates in equal-width probability bins (empty bins left out). */
export function calibrationBins(
	labels: ArrayLike<number>,
	p: ArrayLike<number>,
	bins = 10
): CalibrationBin[] {
	const sumP = new Float64Array(bins);
	const sumY = new Float64Array(bins);
	const count = new Float64Array(bins);
	for (let i = 0; i < labels.length; i++) {
		const b = Math.min(bins - 1, Math.max(0, Math.floor(p[i]! * bins)));
		sumP[b]! += p[i]!;
		sumY[b]! += labels[i] === 1 ? 1 : 0;
		count[b]!++;
	}
	const out: CalibrationBin[] = [];
	for (let b = 0; b < bins; b++)
		if (count[b])
			out.push({
				lo: b / bins,
				hi: (b + 1) / bins,
				rows: count[b]!,
				meanPredicted: sumP[b]! / count[b]!,
				observed: sumY[b]! / count[b]!
			});
	return out;
}

/**
 * At most `max` points of a ROC curve for drawing, evenly spaced along it, keeping both ends
 * (a curve has a point per distinct score: up to one per row).
 */
export function thinCurve<T>(points: T[], max = 500): T[] {
	if (points.length <= max) return points;
	return Array.from(
		{ length: max },
		(_, k) => points[Math.round((k / (max - 1)) * (points.length - 1))]!
	);
}

export interface EvaluationCurves {
	/** ROC curves (at most 500 points each) of the model and of the recency rule. */
	roc: { model: RocPoint[]; rule: RocPoint[] };
	lift: { model: LiftRow[]; rule: LiftRow[] };
	calibration: CalibrationBin[];
}

/**
 * Everything the model evaluation view draws, from the validation rows: labels, the model's
 * calibrated probabilities and the recency rule's scores. Small, whatever the row count.
 */
export function evaluationCurves(
	labels: ArrayLike<number>,
	probability: ArrayLike<number>,
	recency: ArrayLike<number>
): EvaluationCurves {
	return {
		roc: {
			model: thinCurve(rocCurve(labels, probability)),
			rule: thinCurve(rocCurve(labels, recency))
		},
		lift: { model: liftTable(labels, probability), rule: liftTable(labels, recency) },
		calibration: calibrationBins(labels, probability)
	};
}
