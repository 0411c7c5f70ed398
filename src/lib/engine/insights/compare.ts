// Two segments side by side: how their profiles' top reasons (factor groups), top factors and
// one feature's values are distributed in each. A profile may be in both; each segment is counted on its own rows.
import type { ScoredProfiles } from '../export/csv';
import type { FeatureInfo } from '../explain/factors';
import { distribution } from './drivers';

export interface ComparedGroup {
	label: string;
	/** Share of segment A's and B's profiles in this group (each side sums to 1). */
	a: number;
	b: number;
}

export interface FeatureComparison {
	key: string;
	name: string;
	kind: 'numeric' | 'flag' | 'category';
	groups: ComparedGroup[];
	/** Median value in each segment (numeric features only). */
	median: { a: number; b: number } | null;
}

/**
 * Share of each segment's profiles whose strongest factor is each feature (or, `by` 'groups',
 * whose top reason is each factor group), largest first.
 */
export function topFactorShares(
	p: ScoredProfiles,
	rowsA: ArrayLike<number>,
	rowsB: ArrayLike<number>,
	limit = 8,
	by: 'factors' | 'groups' = 'factors'
): ComparedGroup[] {
	const counts = new Map<string, { label: string; a: number; b: number }>();
	const nameOf = (i: number) =>
		by === 'factors'
			? p.factors.features[p.factors.top[i]!]?.name
			: p.groups.groups[p.groups.top[i]!]?.name;
	const add = (rows: ArrayLike<number>, side: 'a' | 'b') => {
		for (let k = 0; k < rows.length; k++) {
			const top = nameOf(rows[k]!);
			const label = top ?? (by === 'factors' ? 'No factor' : 'No reason');
			const c = counts.get(label) ?? { label, a: 0, b: 0 };
			c[side] += 1 / rows.length;
			counts.set(label, c);
		}
	};
	add(rowsA, 'a');
	add(rowsB, 'b');
	return [...counts.values()]
		.sort((x, y) => Math.max(y.a, y.b) - Math.max(x.a, x.b))
		.slice(0, limit);
}

/** Feature j's value distribution in each segment (ranges, flags or an attribute's categories). */
export function compareFeature(
	features: FeatureInfo[],
	x: Float32Array,
	rowsA: ArrayLike<number>,
	rowsB: ArrayLike<number>,
	j: number
): FeatureComparison {
	const f = features[j]!;
	const cols = features.length;
	// Only the columns the distribution reads: the feature, or its attribute's one-hot siblings.
	const keep =
		f.kind === 'category'
			? features.flatMap((g, k) =>
					g.kind === 'category' && g.attribute === f.attribute ? [k] : []
				)
			: [j];
	const n = rowsA.length + rowsB.length;
	const sub = new Float32Array(n * keep.length);
	// Side codes as the bucket codes distribution() groups by: 0 for A, 1 for B.
	const side = new Uint8Array(n);
	const copy = (rows: ArrayLike<number>, offset: number, code: number) => {
		for (let k = 0; k < rows.length; k++) {
			const i = offset + k;
			side[i] = code;
			keep.forEach((c, m) => (sub[i * keep.length + m] = x[rows[k]! * cols + c]!));
		}
	};
	copy(rowsA, 0, 0);
	copy(rowsB, rowsA.length, 1);
	const d = distribution(
		keep.map((k) => features[k]!),
		sub,
		side,
		keep.indexOf(j)
	);
	return {
		key: d.key,
		name: d.name,
		kind: d.kind,
		groups: d.groups.map((g) => ({ label: g.label, a: g.share.high, b: g.share.medium })),
		median: d.median && { a: d.median.high, b: d.median.medium }
	};
}
