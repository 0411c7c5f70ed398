// Metrics of a binary classifier on typed arrays. Labels are 0/1; scores are any real numbers
// where higher means more likely 1 (a probability or a logit).

/**
 * Area under the ROC curve: the share of (positive, negative) pairs the scores order correctly,
 * tied pairs counting one half. NaN when one class is absent. Each class's scores are sorted
 * natively as a typed array and merged (no comparator sort of indices): the fit reports it every
 * iteration on the validation rows.
 */
export function auc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
	let positives = 0;
	for (let i = 0; i < labels.length; i++) if (labels[i] === 1) positives++;
	const negatives = labels.length - positives;
	if (positives === 0 || negatives === 0) return NaN;
	const pos = new Float64Array(positives);
	const neg = new Float64Array(negatives);
	for (let i = 0, p = 0, q = 0; i < labels.length; i++) {
		if (labels[i] === 1) pos[p++] = scores[i]!;
		else neg[q++] = scores[i]!;
	}
	pos.sort();
	neg.sort();
	// For each positive (ascending): negatives strictly below it win, equal ones count half.
	let below = 0;
	let atOrBelow = 0;
	let wins = 0;
	for (let k = 0; k < positives; k++) {
		const s = pos[k]!;
		while (below < negatives && neg[below]! < s) below++;
		if (atOrBelow < below) atOrBelow = below;
		while (atOrBelow < negatives && neg[atOrBelow]! <= s) atOrBelow++;
		wins += below + (atOrBelow - below) / 2;
	}
	return wins / (positives * negatives);
}

const EPS = 1e-12;

/** Mean negative log-likelihood (natural log) of probabilities `p`. */
export function logLoss(labels: ArrayLike<number>, p: ArrayLike<number>): number {
	let sum = 0;
	for (let i = 0; i < labels.length; i++) {
		const q = Math.min(1 - EPS, Math.max(EPS, p[i]!));
		sum -= labels[i] === 1 ? Math.log(q) : Math.log(1 - q);
	}
	return sum / labels.length;
}

/** Mean squared error of probabilities. */
export function brier(labels: ArrayLike<number>, p: ArrayLike<number>): number {
	let sum = 0;
	for (let i = 0; i < labels.length; i++) sum += (p[i]! - labels[i]!) ** 2;
	return sum / labels.length;
}

export function mean(xs: ArrayLike<number>): number {
	let s = 0;
	for (let i = 0; i < xs.length; i++) s += xs[i]!;
	return s / xs.length;
}

/** The middle value (the mean of the two middle ones for an even count); NaN when empty. */
export function median(xs: ArrayLike<number>): number {
	if (!xs.length) return NaN;
	const s = Float64Array.from(xs).sort();
	const m = s.length >> 1;
	return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function sigmoid(z: number): number {
	return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

export function logit(p: number): number {
	const q = Math.min(1 - EPS, Math.max(EPS, p));
	return Math.log(q / (1 - q));
}

/** A plain-language reading of an AUC, with advice when the model is weak. */
export function gradeAuc(value: number): { grade: string; advice: string | null } {
	if (!isFinite(value))
		return { grade: 'not measurable', advice: 'The validation cutoff has one class only.' };
	if (value >= 0.85) return { grade: 'excellent', advice: null };
	if (value >= 0.75) return { grade: 'good', advice: null };
	if (value >= 0.65) return { grade: 'fair', advice: null };
	return {
		grade: 'poor',
		advice:
			'The model ranks customers only a little better than chance, so its scores should not ' +
			'drive a campaign yet. Try a shorter outcome window (the near future is easier to predict), ' +
			'a narrower eligible population (for example customers active in the last 90 days), more ' +
			'history (a longer lookback or an older export), or custom events that capture what leads ' +
			'to the goal.'
	};
}

/**
 * Expected calibration error: the mean |predicted − observed| over 10 equal-width probability
 * bins, weighted by how many rows fall in each.
 */
export function expectedCalibrationError(
	labels: ArrayLike<number>,
	p: ArrayLike<number>,
	bins = 10
): number {
	const sumP = new Float64Array(bins);
	const sumY = new Float64Array(bins);
	const count = new Float64Array(bins);
	for (let i = 0; i < labels.length; i++) {
		const b = Math.min(bins - 1, Math.floor(p[i]! * bins));
		sumP[b]! += p[i]!;
		sumY[b]! += labels[i]!;
		count[b]!++;
	}
	let ece = 0;
	for (let b = 0; b < bins; b++) if (count[b]) ece += Math.abs(sumP[b]! - sumY[b]!);
	return ece / labels.length;
}

/** A 95 % bootstrap interval for the AUC (rows resampled with replacement; seeded). */
export function bootstrapAuc(
	labels: ArrayLike<number>,
	scores: ArrayLike<number>,
	next: () => number,
	resamples = 200
): [number, number] {
	const n = labels.length;
	const y = new Float64Array(n);
	const s = new Float64Array(n);
	const aucs: number[] = [];
	for (let r = 0; r < resamples; r++) {
		for (let i = 0; i < n; i++) {
			const k = Math.floor(next() * n);
			y[i] = labels[k]!;
			s[i] = scores[k]!;
		}
		const a = auc(y, s);
		if (isFinite(a)) aucs.push(a);
	}
	aucs.sort((a, b) => a - b);
	const at = (q: number) =>
		aucs[Math.min(aucs.length - 1, Math.max(0, Math.round(q * (aucs.length - 1))))] ?? NaN;
	return [at(0.025), at(0.975)];
}
