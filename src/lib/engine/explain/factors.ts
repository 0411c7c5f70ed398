// Factors: the features that moved one profile's score most, each with its value, signed
// contribution to the logit, importance level and a sentence.
import type { FeatureDef } from '../features/spec';
import type { Importance } from '../types';
import { factorSentence } from './sentence';

/** What display needs of a feature: plain data, saved with the model (no SQL). */
export type FeatureInfo = Omit<FeatureDef, 'sql' | 'stage'>;

export function featureInfo(f: FeatureDef): FeatureInfo {
	// eslint-disable-next-line @typescript-eslint/no-unused-vars
	const { sql, stage, ...info } = f;
	return info;
}

export interface Factor {
	key: string;
	name: string;
	value: number;
	/** Signed contribution to the calibrated logit (log-odds). */
	contribution: number;
	importance: Importance;
	direction: 'raises' | 'lowers';
	sentence: string;
}

/**
 * Importance by the size of the contribution in log-odds: high at 0.5 or more (the odds change
 * by at least 65 %), medium from 0.15 (at least 16 %), low below.
 */
export function importanceOf(contribution: number): Importance {
	const c = Math.abs(contribution);
	return c >= 0.5 ? 'high' : c >= 0.15 ? 'medium' : 'low';
}

/** The `k` largest contributions of row `r` of a row-major `contributions` matrix. */
export function topFactors(
	features: FeatureInfo[],
	values: Float32Array,
	contributions: Float32Array,
	r: number,
	k = 3
): Factor[] {
	const cols = features.length;
	const order = features.map((_, j) => j);
	order.sort(
		(a, b) => Math.abs(contributions[r * cols + b]!) - Math.abs(contributions[r * cols + a]!)
	);
	return order.slice(0, k).map((j) => {
		const f = features[j]!;
		const value = values[r * cols + j]!;
		const contribution = contributions[r * cols + j]!;
		return {
			key: f.key,
			name: f.name,
			value,
			contribution,
			importance: importanceOf(contribution),
			direction: contribution >= 0 ? 'raises' : 'lowers',
			sentence: factorSentence(f, value)
		};
	});
}
