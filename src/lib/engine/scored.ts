// Assembles what the user reads per profile from the model's probabilities and contributions.
import type { ScoredProfiles } from './export/csv';
import { sentences, topFactors, type Factor, type FeatureInfo } from './explain/factors';
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
	const factors = new Array<Factor[]>(customerIds.length);
	await inSlices(
		customerIds.length,
		FACTOR_SLICE,
		(start, end) => {
			for (let r = start; r < end; r++)
				factors[r] = topFactors(features, x, contributions, r, factorsPerProfile, sentenceOf);
		},
		pause
	);
	return { customerIds, probability, ...columns, factors };
}

/** Row order by probability, highest first (ties by customer id, for stable output). */
export function byProbability(s: ScoredProfiles): Int32Array {
	const order = Int32Array.from(s.customerIds, (_, i) => i);
	return order.sort(
		(a, b) =>
			s.probability[b]! - s.probability[a]! || (s.customerIds[a]! < s.customerIds[b]! ? -1 : 1)
	);
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
