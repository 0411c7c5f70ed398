// The additive model's basis: each feature becomes a few columns whose weighted sum is that
// feature's learned shape function. After the shape transform and standardisation
// (transform.ts): the value itself, hinges max(0, z − k) at training quantiles k (a
// piecewise-linear shape; a penalty on hinge weights keeps it smooth), and an indicator for
// missing values when training had any. Every column is centred on its training mean, so a
// feature's contribution is exactly the sum of its columns × weights, and a profile at the
// training average of every column sits at the baseline logit (the bias).
import { fitStandardiser, shape, type Matrix, type Standardiser } from './transform';
import type { Transform } from './spec';

export interface Basis {
	standardiser: Standardiser;
	/** Per feature: hinge knots, in standardised units, ascending. */
	knots: number[][];
	/** Per feature: whether a missing-value indicator column exists. */
	missing: boolean[];
	/** Per basis column: its training mean (subtracted) and the feature it belongs to. */
	means: number[];
	owner: number[];
	/** Per basis column: 'linear', 'hinge' or 'missing' (regularised differently). */
	kinds: ('linear' | 'hinge' | 'missing')[];
}

export const SPLINE_QUANTILES = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

/** The order statistic nearest quantile q: a value the feature really takes, so a 0/1 flag gets no knot. */
function quantile(sorted: Float32Array, q: number): number {
	return sorted[Math.round((sorted.length - 1) * q)]!;
}

/** Writes the raw value's columns for feature j (uncentred) into `out` from `at`; returns the next index. */
function writeColumns(
	b: Basis,
	j: number,
	x: number,
	out: Float32Array | Float64Array,
	at: number
): number {
	const isMissing = !isFinite(x);
	const z = isMissing
		? 0
		: (shape(b.standardiser.transforms[j]!, x) - b.standardiser.means[j]!) /
			b.standardiser.stds[j]!;
	out[at++] = z;
	for (const k of b.knots[j]!) out[at++] = Math.max(0, z - k);
	if (b.missing[j]) out[at++] = isMissing ? 1 : 0;
	return at;
}

/** Index of the first value of ascending `sorted` above k. */
function firstAbove(sorted: Float32Array, k: number): number {
	let lo = 0;
	let hi = sorted.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (sorted[mid]! > k) hi = mid;
		else lo = mid + 1;
	}
	return lo;
}

/**
 * Learns the basis on the training rows. `quantiles` places the hinge knots; none gives the
 * linear model (one column per feature), which is the logistic model on transformed features.
 * `standardiser` (fitted on the same rows) lets several bases share one.
 */
export function fitBasis(
	m: Matrix,
	transforms: Transform[],
	trainRows: ArrayLike<number>,
	quantiles: number[] = [],
	standardiser: Standardiser = fitStandardiser(m, transforms, trainRows)
): Basis {
	const n = trainRows.length;
	const { means: mu, stds } = standardiser;
	// One row-major pass: each feature's standardised values (missing = 0, as writeColumns has
	// it), their sum and the missing count; the values are kept per feature only for knots.
	const hasKnots = quantiles.length > 0 && n > 0;
	const columns = hasKnots ? new Float32Array(n * m.cols) : null;
	const sums = new Float64Array(m.cols);
	const missingCount = new Float64Array(m.cols);
	for (let i = 0; i < n; i++) {
		const base = trainRows[i]! * m.cols;
		for (let j = 0; j < m.cols; j++) {
			const x = m.data[base + j]!;
			let z = 0;
			if (isFinite(x)) z = (shape(standardiser.transforms[j]!, x) - mu[j]!) / stds[j]!;
			else missingCount[j]!++;
			sums[j]! += z;
			if (columns) columns[j * n + i] = z;
		}
	}
	const knots: number[][] = [];
	const missing: boolean[] = [];
	const means: number[] = [];
	const suffix = hasKnots ? new Float64Array(n + 1) : null;
	for (let j = 0; j < m.cols; j++) {
		const colMeans = [n ? sums[j]! / n : 0];
		const ks: number[] = [];
		if (columns && suffix) {
			const col = columns.subarray(j * n, (j + 1) * n).sort();
			const lo = col[0]!;
			const hi = col[n - 1]!;
			for (const q of quantiles) {
				const k = quantile(col, q);
				// A knot needs values on both sides, and distinct knots (binary features get none).
				if (k > lo + 1e-9 && k < hi - 1e-9 && (ks.length === 0 || k > ks[ks.length - 1]! + 1e-6))
					ks.push(k);
			}
			// Hinge means from suffix sums of the sorted column: Σ_{z > k} (z − k) / n.
			for (let i = n - 1; i >= 0; i--) suffix[i] = suffix[i + 1]! + col[i]!;
			for (const k of ks) {
				const at = firstAbove(col, k);
				colMeans.push((suffix[at]! - k * (n - at)) / n);
			}
		}
		const hasMissing = missingCount[j]! > 0;
		if (hasMissing) colMeans.push(missingCount[j]! / n);
		knots.push(ks);
		missing.push(hasMissing);
		means.push(...colMeans);
	}
	const owner: number[] = [];
	const kinds: Basis['kinds'] = [];
	for (let j = 0; j < m.cols; j++) {
		owner.push(j);
		kinds.push('linear');
		for (let k = 0; k < knots[j]!.length; k++) {
			owner.push(j);
			kinds.push('hinge');
		}
		if (missing[j]) {
			owner.push(j);
			kinds.push('missing');
		}
	}
	return { standardiser, knots, missing, means, owner, kinds };
}

/** The centred design matrix of the rows in `rowIndex` (all rows when absent). */
export function expandBasis(m: Matrix, b: Basis, rowIndex?: ArrayLike<number>): Matrix {
	const rows = rowIndex ? rowIndex.length : m.rows;
	const cols = b.owner.length;
	const out = new Float32Array(rows * cols);
	const row = new Float64Array(cols);
	for (let k = 0; k < rows; k++) {
		const r = rowIndex ? rowIndex[k]! : k;
		let at = 0;
		for (let j = 0; j < m.cols; j++) at = writeColumns(b, j, m.data[r * m.cols + j]!, row, at);
		const base = k * cols;
		for (let c = 0; c < cols; c++) out[base + c] = row[c]! - b.means[c]!;
	}
	return { data: out, rows, cols };
}

/** Feature j's contribution (before calibration) at raw value x: Σ weights × centred columns. */
export function featureContribution(
	b: Basis,
	weights: ArrayLike<number>,
	j: number,
	x: number
): number {
	const first = b.owner.indexOf(j);
	const row = new Float64Array(b.owner.length);
	const end = writeColumns(b, j, x, row, first);
	let s = 0;
	for (let c = first; c < end; c++) s += weights[c]! * (row[c]! - b.means[c]!);
	return s;
}

/**
 * `weights` of basis `from` as weights of basis `to`, giving every row the same logit: `to` must
 * share from's standardiser and training rows (so its linear and missing columns are from's,
 * with the same means) and may add hinges, which get weight 0. Lets the GAM start at the fitted
 * logistic model.
 */
export function liftWeights(from: Basis, weights: ArrayLike<number>, to: Basis): Float64Array {
	const out = new Float64Array(to.owner.length);
	for (let c = 0; c < to.owner.length; c++) {
		if (to.kinds[c] === 'hinge') continue;
		const k = from.owner.findIndex((j, i) => j === to.owner[c] && from.kinds[i] === to.kinds[c]);
		if (k >= 0) out[c] = weights[k]!;
	}
	return out;
}
