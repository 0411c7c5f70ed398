// Reason segments: the profiles of one bucket grouped by their dominant factor, the feature that
// raises their score the most ("likely to churn mainly because of days since last purchase").
import { factorSentence } from '../explain/sentence';
import type { FeatureInfo } from '../explain/factors';
import { median } from '../metrics/classification';
import type { Bucket } from '../types';

export interface ReasonSegment {
	/** The dominant feature's key, or null for the profiles no feature raises (all ≤ 0). */
	key: string | null;
	name: string;
	profiles: number;
	/** Sum of calibrated probabilities: goal events expected in the segment. */
	expected: number;
	meanProbability: number;
	/** Median contribution of the dominant feature (log-odds). */
	medianContribution: number;
	/** The segment's typical value of the feature, as a sentence ("Last purchase 62 days ago"). */
	typical: string;
}

/**
 * Groups `target`-bucket profiles by the feature with the largest positive contribution, largest
 * segments first; beyond `maxSegments`, the rest are merged into one "Other reasons" segment.
 */
export function reasonSegments(
	features: FeatureInfo[],
	x: Float32Array,
	contributions: Float32Array,
	probability: ArrayLike<number>,
	bucket: Bucket[],
	target: Bucket = 'high',
	maxSegments = 6
): ReasonSegment[] {
	const cols = features.length;
	const members = new Map<number, number[]>();
	for (let i = 0; i < bucket.length; i++) {
		if (bucket[i] !== target) continue;
		let best = -1;
		let top = 0;
		for (let j = 0; j < cols; j++) {
			const c = contributions[i * cols + j]!;
			if (c > top) {
				top = c;
				best = j;
			}
		}
		const list = members.get(best) ?? [];
		list.push(i);
		members.set(best, list);
	}
	const segment = (j: number, rows: number[]): ReasonSegment => {
		const expected = rows.reduce((s, i) => s + probability[i]!, 0);
		const f = j >= 0 ? features[j] : undefined;
		const values = f ? rows.map((i) => x[i * cols + j]!).filter((v) => isFinite(v)) : [];
		const typical = f && values.length ? factorSentence(f, median(values)) : '';
		return {
			key: f ? f.key : null,
			name: f ? f.name : 'No single factor raises the score',
			profiles: rows.length,
			expected,
			meanProbability: rows.length ? expected / rows.length : 0,
			medianContribution: f ? median(rows.map((i) => contributions[i * cols + j]!)) : 0,
			typical
		};
	};
	const all = [...members.entries()]
		.map(([j, rows]) => ({ j, rows }))
		.sort((a, b) => b.rows.length - a.rows.length);
	const shown = all.slice(0, maxSegments).map(({ j, rows }) => segment(j, rows));
	const rest = all.slice(maxSegments);
	if (rest.length)
		shown.push(
			otherReasons(
				`${rest.length} features`,
				rest.flatMap((r) => r.rows),
				probability
			)
		);
	return shown;
}

/** The segments beyond those shown, as one: "Other reasons (12 features)". */
export function otherReasons(
	what: string,
	rows: number[],
	probability: ArrayLike<number>
): ReasonSegment {
	const expected = rows.reduce((s, i) => s + probability[i]!, 0);
	return {
		key: null,
		name: `Other reasons (${what})`,
		profiles: rows.length,
		expected,
		meanProbability: expected / rows.length,
		medianContribution: NaN,
		typical: ''
	};
}
