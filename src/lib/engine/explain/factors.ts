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
export const IMPORTANCE_AT = { high: 0.5, medium: 0.15 } as const;

export function importanceOf(contribution: number): Importance {
	const c = Math.abs(contribution);
	return c >= IMPORTANCE_AT.high ? 'high' : c >= IMPORTANCE_AT.medium ? 'medium' : 'low';
}

/** A factor's sentence by feature index and value (`sentences` memoises it for many rows). */
export type SentenceOf = (j: number, value: number) => string;

/**
 * Sentences memoised per feature and value: a million profiles repeat few (feature, value)
 * pairs (counts and days are whole numbers), and formatting numbers is most of a sentence's cost.
 */
export function sentences(features: FeatureInfo[], perFeature = 10_000): SentenceOf {
	const cache = features.map(() => new Map<number, string>());
	return (j, value) => {
		const seen = cache[j]!;
		let s = seen.get(value);
		if (s === undefined) {
			s = factorSentence(features[j]!, value);
			if (seen.size < perFeature) seen.set(value, s);
		}
		return s;
	};
}

/**
 * The features of row `r`'s `k` largest contributions (|contribution|, largest first; ties: the
 * earlier feature, as a stable sort would), written into `out`; returns how many (k, or fewer
 * when there are fewer features).
 */
export function topFeatureIndices(
	contributions: ArrayLike<number>,
	cols: number,
	r: number,
	k: number,
	out: Int32Array,
	size: Float64Array = new Float64Array(k)
): number {
	const base = r * cols;
	// One pass keeping the k largest in order: sorting every row's features was most of the time
	// to explain a million profiles.
	let n = 0;
	for (let j = 0; j < cols; j++) {
		const a = Math.abs(contributions[base + j]!);
		let at = n;
		while (at > 0 && a > size[at - 1]!) at--;
		if (at >= k) continue;
		for (let m = Math.min(n, k - 1); m > at; m--) {
			out[m] = out[m - 1]!;
			size[m] = size[m - 1]!;
		}
		out[at] = j;
		size[at] = a;
		if (n < k) n++;
	}
	return n;
}

/** The `k` largest contributions of row `r` of a row-major `contributions` matrix. */
export function topFactors(
	features: FeatureInfo[],
	values: Float32Array,
	contributions: Float32Array,
	r: number,
	k = 3,
	sentenceOf: SentenceOf = (j, value) => factorSentence(features[j]!, value)
): Factor[] {
	const cols = features.length;
	const top = new Int32Array(k);
	const n = topFeatureIndices(contributions, cols, r, k, top);
	return Array.from(top.subarray(0, n), (j) => {
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
			sentence: sentenceOf(j, value)
		};
	});
}
