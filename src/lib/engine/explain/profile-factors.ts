// Every scored profile's top factors, kept small as its groups are (profile-groups.ts): per
// profile only the index of its top feature (what filters and counts read), and its factors with
// their sentences made when a row is shown or exported. Made eagerly, 439,000 profiles' 1.3 M
// factor objects were most of the page's heap, and a full collection of that heap held the
// page's thread for 250 ms in the middle of an export (docs/BENCHMARKS.md, session 14).
import {
	sentences,
	topFactors,
	topFeatureIndices,
	type Factor,
	type FeatureInfo,
	type SentenceOf
} from './factors';
import { listedIndex } from './profile-groups';

/** A feature as a factor names it. */
export interface FactorFeature {
	key: string;
	name: string;
}

export interface ProfileFactors {
	/** The features factors come from, by index. */
	readonly features: readonly FactorFeature[];
	/** Per profile: its top factor's feature index (largest |contribution|), or −1 when none. */
	readonly top: Int16Array;
	/** Profile `i`'s largest factors, largest first, with their sentences. */
	of(i: number): Factor[];
}

export const NO_FACTORS: ProfileFactors = { features: [], top: new Int16Array(0), of: () => [] };

/**
 * The factors of scored rows, from their raw values and contributions (row-major, rows ×
 * features, both kept by reference: `of` reads them). `fill(start, end)` finds the rows' top
 * features, so a caller can do it in slices; until then a row's `top` is −1.
 */
export function profileFactors(
	features: FeatureInfo[],
	x: Float32Array,
	contributions: Float32Array,
	rows: number,
	perProfile = 3,
	sentenceOf: SentenceOf = sentences(features)
): ProfileFactors & { fill(start: number, end: number): void } {
	const top = new Int16Array(rows).fill(-1);
	const cols = features.length;
	// The top of the same ranking `of` makes (ties and all), without making the factors.
	const ranked = new Int32Array(perProfile);
	const size = new Float64Array(perProfile);
	return {
		features,
		top,
		of: (i) => topFactors(features, x, contributions, i, perProfile, sentenceOf),
		fill(start, end) {
			for (let r = start; r < end; r++)
				if (topFeatureIndices(contributions, cols, r, perProfile, ranked, size) > 0)
					top[r] = ranked[0]!;
		}
	};
}

/** Factors given as lists per profile (tests, and profiles repeated for a benchmark). */
export function listedFactors(lists: Factor[][]): ProfileFactors {
	const { named, top } = listedIndex(lists);
	return { features: named, top, of: (i) => lists[i] ?? [] };
}
