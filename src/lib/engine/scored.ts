// Assembles what the user reads per profile from the model's probabilities and contributions.
import type { ScoredProfiles } from './export/csv';
import { sentences, type FeatureInfo } from './explain/factors';
import { profileFactors } from './explain/profile-factors';
import { profileGroups } from './explain/profile-groups';
import { inSlices, type Pause } from './slices';
import { scoreColumns, type ScoreColumns } from './scores';

/** Rows of factors explained between two pauses (about 25 ms of work at 65 features). */
const FACTOR_SLICE = 10_000;

export interface ScoredProfilesOptions {
	factorsPerProfile?: number;
	/** Score, percentile and bucket, when already computed (by the ML worker). */
	columns?: ScoreColumns;
	/** Awaited between slices of rows, so the page stays responsive (see slices.ts). */
	pause?: Pause;
}

/**
 * @param x row-major raw feature values of the scored rows (for factor sentences)
 * @param contributions row-major, same shape as `x`
 */
export async function scoredProfiles(
	customerIds: string[],
	features: FeatureInfo[],
	x: Float32Array,
	probability: Float32Array,
	contributions: Float32Array,
	options: ScoredProfilesOptions = {}
): Promise<ScoredProfiles> {
	const { factorsPerProfile = 3, columns = scoreColumns(probability), pause } = options;
	const sentenceOf = sentences(features);
	const groups = profileGroups(features, x, contributions, customerIds.length, sentenceOf);
	const factors = profileFactors(
		features,
		x,
		contributions,
		customerIds.length,
		factorsPerProfile,
		sentenceOf
	);
	await inSlices(
		customerIds.length,
		FACTOR_SLICE,
		(start, end) => {
			factors.fill(start, end);
			groups.fill(start, end);
		},
		pause
	);
	return { customerIds, probability, ...columns, factors, groups };
}

/** Rows a typed-key sort can order: the index takes the key's low 23 bits. */
const KEYED_ROWS = 2 ** 23;
/** The float32 bits of 1; larger bit patterns are above 1, negative (−0 too) or NaN. */
const ONE_BITS = 0x3f800000;

/** Row order by probability, highest first (ties by customer id, for stable output). */
export function byProbability(s: ScoredProfiles): Int32Array {
	const n = s.customerIds.length;
	const byId = (a: number, b: number) => (s.customerIds[a]! < s.customerIds[b]! ? -1 : 1);
	const compare = (a: number, b: number) => s.probability[b]! - s.probability[a]! || byId(a, b);
	// One typed sort of whole-number keys, instead of a comparator sort (400 ms of the page's
	// thread at 439,000 profiles): the bits of a float32 in [+0, 1] rise with its value and stay
	// below 2^30, so (2^30 − 1 − bits) · 2^23 + row is below 2^53, exact in a double, and sorts
	// highest first.
	const bits = new Uint32Array(s.probability.buffer, s.probability.byteOffset, n);
	if (n > KEYED_ROWS || bits.some((b) => b > ONE_BITS))
		return Int32Array.from(s.customerIds, (_, i) => i).sort(compare);
	const keys = new Float64Array(n);
	for (let i = 0; i < n; i++) keys[i] = (2 ** 30 - 1 - bits[i]!) * KEYED_ROWS + i;
	keys.sort();
	const order = new Int32Array(n);
	for (let k = 0; k < n; k++) order[k] = keys[k]! % KEYED_ROWS;
	// Equal probabilities came out by row: reorder each such run by customer id.
	for (let start = 0; start < n;) {
		let end = start + 1;
		while (end < n && s.probability[order[end]!] === s.probability[order[start]!]) end++;
		if (end - start > 1) order.subarray(start, end).sort(byId);
		start = end;
	}
	return order;
}

export interface Importance {
	key: string;
	name: string;
	/** Mean absolute contribution to the logit over the scored profiles. */
	meanAbs: number;
}

/** Global importance: each feature's mean absolute contribution, largest first. */
export function globalImportance(
	features: FeatureInfo[],
	contributions: Float32Array,
	rows: number
): Importance[] {
	const cols = features.length;
	const sums = new Float64Array(cols);
	for (let i = 0; i < rows; i++)
		for (let j = 0; j < cols; j++) sums[j]! += Math.abs(contributions[i * cols + j]!);
	return features
		.map((f, j) => ({ key: f.key, name: f.name, meanAbs: rows ? sums[j]! / rows : 0 }))
		.sort((a, b) => b.meanAbs - a.meanAbs);
}
