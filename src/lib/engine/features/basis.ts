// The additive model's basis: each feature becomes a few columns whose weighted sum is that
// feature's learned shape function. After the shape transform and standardisation
// (transform.ts): the value itself, hinges max(0, z − k) at training quantiles k (a
// piecewise-linear shape; a penalty on hinge weights keeps it smooth), and an indicator for
// missing values when training had any. Every column is centred on its training mean, so a
// feature's contribution is exactly the sum of its columns × weights, and a profile at the
// training average of every column sits at the baseline logit (the bias).
import {
	applyStandardiser,
	fitStandardiser,
	shape,
	type Matrix,
	type Standardiser
} from './transform';
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
function quantile(sorted: Float64Array, q: number): number {
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

/**
 * Learns the basis on the training rows. `quantiles` places the hinge knots; none gives the
 * linear model (one column per feature), which is the logistic model on transformed features.
 */
export function fitBasis(
	m: Matrix,
	transforms: Transform[],
	trainRows: ArrayLike<number>,
	quantiles: number[] = []
): Basis {
	const standardiser = fitStandardiser(m, transforms, trainRows);
	const z = applyStandardiser(m, standardiser, trainRows);
	const knots: number[][] = [];
	const missing: boolean[] = [];
	for (let j = 0; j < m.cols; j++) {
		const col = new Float64Array(z.rows);
		let hasMissing = false;
		for (let i = 0; i < z.rows; i++) {
			col[i] = z.data[i * z.cols + j]!;
			if (!isFinite(m.data[trainRows[i]! * m.cols + j]!)) hasMissing = true;
		}
		col.sort();
		const lo = col[0] ?? 0;
		const hi = col[col.length - 1] ?? 0;
		const ks: number[] = [];
		for (const q of quantiles) {
			const k = quantile(col, q);
			// A knot needs values on both sides, and distinct knots (binary features get none).
			if (k > lo + 1e-9 && k < hi - 1e-9 && (ks.length === 0 || k > ks[ks.length - 1]! + 1e-6))
				ks.push(k);
		}
		knots.push(ks);
		missing.push(hasMissing);
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
	const basis: Basis = {
		standardiser,
		knots,
		missing,
		means: new Array<number>(owner.length).fill(0),
		owner,
		kinds
	};
	const sums = new Float64Array(owner.length);
	const row = new Float64Array(owner.length);
	for (let i = 0; i < trainRows.length; i++) {
		let at = 0;
		for (let j = 0; j < m.cols; j++)
			at = writeColumns(basis, j, m.data[trainRows[i]! * m.cols + j]!, row, at);
		for (let c = 0; c < row.length; c++) sums[c]! += row[c]!;
	}
	basis.means = Array.from(sums, (s) => (trainRows.length ? s / trainRows.length : 0));
	return basis;
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
