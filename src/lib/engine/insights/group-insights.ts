// What drives each bucket, by factor group: per bucket the groups with the largest mean absolute
// contribution, and the high bucket's profiles by the group that raises their score most (the
// groups' answer to drivers.ts and segments.ts, which work on single features).
import type { FeatureInfo } from '../explain/factors';
import { groupExplainer } from '../explain/groups';
import { median } from '../metrics/classification';
import { BUCKETS } from '../scores';
import type { Bucket } from '../types';
import type { BucketDriver } from './drivers';
import { otherReasons, type ReasonSegment } from './segments';

export interface GroupInsights {
	/** Per bucket, the groups that move its scores most (keys are group keys). */
	drivers: Record<Bucket, BucketDriver[]>;
	/** High-bucket profiles by their dominant group; `typical` is its sentence for a typical profile. */
	segments: ReasonSegment[];
	/** Every group over every scored profile, largest mean absolute contribution first. */
	importance: BucketDriver[];
}

/**
 * @param x row-major raw values of the scored rows (rows × features)
 * @param contributions row-major, same shape
 */
export function groupInsights(
	features: FeatureInfo[],
	x: Float32Array,
	contributions: Float32Array,
	probability: ArrayLike<number>,
	bucket: Bucket[],
	k = 5,
	maxSegments = 6
): GroupInsights {
	const explain = groupExplainer(features);
	const { groups } = explain.grouping;
	const G = groups.length;
	const abs = { high: new Float64Array(G), medium: new Float64Array(G), low: new Float64Array(G) };
	const sum = { high: new Float64Array(G), medium: new Float64Array(G), low: new Float64Array(G) };
	const n = { high: 0, medium: 0, low: 0 };
	// High-bucket rows by dominant group (-1: no group raises the score), with that group's sum.
	const members = new Map<number, { rows: number[]; c: number[] }>();
	// Row i's group sums, in one scratch array (a new one per row was most of the time).
	const scratch = new Float64Array(G);
	for (let i = 0; i < bucket.length; i++) {
		const b = bucket[i]!;
		const s = explain.sums(contributions, i, scratch);
		n[b]++;
		let best = -1;
		let top = 0;
		for (let g = 0; g < G; g++) {
			abs[b][g]! += Math.abs(s[g]!);
			sum[b][g]! += s[g]!;
			if (s[g]! > top) {
				top = s[g]!;
				best = g;
			}
		}
		if (b !== 'high') continue;
		const m = members.get(best) ?? { rows: [], c: [] };
		m.rows.push(i);
		m.c.push(top);
		members.set(best, m);
	}
	const drivers = {} as Record<Bucket, BucketDriver[]>;
	for (const b of BUCKETS)
		drivers[b] = n[b]
			? groups
					.map((g, i) => ({
						key: g.key,
						name: g.name,
						meanAbs: abs[b][i]! / n[b],
						mean: sum[b][i]! / n[b]
					}))
					.sort((p, q) => q.meanAbs - p.meanAbs)
					.slice(0, k)
			: [];
	const rowsAll = n.high + n.medium + n.low;
	const importance = groups
		.map((g, i) => ({
			key: g.key,
			name: g.name,
			meanAbs: rowsAll ? (abs.high[i]! + abs.medium[i]! + abs.low[i]!) / rowsAll : 0,
			mean: rowsAll ? (sum.high[i]! + sum.medium[i]! + sum.low[i]!) / rowsAll : 0
		}))
		.sort((p, q) => q.meanAbs - p.meanAbs);
	const segment = (g: number, rows: number[], c: number[]): ReasonSegment => {
		const expected = rows.reduce((s, i) => s + probability[i]!, 0);
		// The typical profile: the one whose group contribution is nearest the median.
		const mid = g >= 0 ? median(c) : NaN;
		let typicalRow = -1;
		for (let k = 0; k < rows.length; k++)
			if (typicalRow < 0 || Math.abs(c[k]! - mid) < Math.abs(c[typicalRow]! - mid)) typicalRow = k;
		return {
			key: g >= 0 ? groups[g]!.key : null,
			name: g >= 0 ? groups[g]!.name : 'No single group raises the score',
			profiles: rows.length,
			expected,
			meanProbability: rows.length ? expected / rows.length : 0,
			medianContribution: g >= 0 ? mid : 0,
			typical: g >= 0 ? explain.sentence(x, contributions, rows[typicalRow]!, g) : ''
		};
	};
	const all = [...members.entries()].sort((a, b) => b[1].rows.length - a[1].rows.length);
	const segments = all.slice(0, maxSegments).map(([g, m]) => segment(g, m.rows, m.c));
	const rest = all.slice(maxSegments);
	if (rest.length)
		segments.push(
			otherReasons(
				`${rest.length} groups`,
				rest.flatMap(([, m]) => m.rows),
				probability
			)
		);
	return { drivers, segments, importance };
}
