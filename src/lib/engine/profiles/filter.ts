// Which scored profiles a filter (and a saved segment) selects, in what order, and how to say
// it in words. Pure: the Profiles step and the exports share it.
import type { ScoredProfiles } from '../export/csv';
import type { Bucket } from '../types';

export interface ProfileFilter {
	/** Part of the customer id, any case. */
	search: string;
	/** Buckets kept; empty keeps all. */
	buckets: Bucket[];
	/** Inclusive ranges of score (0–100) and percentile (1–100). */
	score: [number, number];
	percentile: [number, number];
	/** Feature key of the profile's top factor, or null for any. */
	topFactor: string | null;
}

export const NO_FILTER: ProfileFilter = {
	search: '',
	buckets: [],
	score: [0, 100],
	percentile: [1, 100],
	topFactor: null
};

export interface Segment {
	name: string;
	filter: ProfileFilter;
}

/** The rows of `order` (kept in that order) that pass the filter. */
export function filterRows(
	p: ScoredProfiles,
	order: ArrayLike<number>,
	f: ProfileFilter
): Int32Array {
	const q = f.search.trim().toLowerCase();
	const buckets = new Set(f.buckets);
	// A bound left empty in the form (null, NaN) means no bound.
	const bound = (x: number, fallback: number) => (Number.isFinite(x) ? x : fallback);
	const score = [bound(f.score[0], 0), bound(f.score[1], 100)];
	const percentile = [bound(f.percentile[0], 1), bound(f.percentile[1], 100)];
	const out: number[] = [];
	for (let k = 0; k < order.length; k++) {
		const i = order[k]!;
		if (buckets.size && !buckets.has(p.bucket[i]!)) continue;
		if (p.score[i]! < score[0]! || p.score[i]! > score[1]!) continue;
		if (p.percentile[i]! < percentile[0]! || p.percentile[i]! > percentile[1]!) continue;
		if (f.topFactor !== null && p.factors[i]?.[0]?.key !== f.topFactor) continue;
		if (q && !p.customerIds[i]!.toLowerCase().includes(q)) continue;
		out.push(i);
	}
	return Int32Array.from(out);
}

export function isNoFilter(f: ProfileFilter): boolean {
	return describeFilter(f, () => '') === 'all profiles';
}

/** The filter in words: "high bucket · percentile 81–100 · top factor Days since last event". */
export function describeFilter(f: ProfileFilter, featureName: (key: string) => string): string {
	const parts: string[] = [];
	if (f.buckets.length) parts.push(`${f.buckets.join(' or ')} bucket`);
	if (f.score[0] > 0 || f.score[1] < 100) parts.push(`score ${f.score[0]}–${f.score[1]}`);
	if (f.percentile[0] > 1 || f.percentile[1] < 100)
		parts.push(`percentile ${f.percentile[0]}–${f.percentile[1]}`);
	if (f.topFactor !== null) parts.push(`top factor ${featureName(f.topFactor)}`);
	if (f.search.trim()) parts.push(`id contains “${f.search.trim()}”`);
	return parts.join(' · ') || 'all profiles';
}

/** The features that are some profile's top factor, with how many profiles, most first. */
export function topFactorCounts(
	p: ScoredProfiles
): { key: string; name: string; profiles: number }[] {
	const counts = new Map<string, { key: string; name: string; profiles: number }>();
	for (const factors of p.factors) {
		const top = factors[0];
		if (!top) continue;
		const c = counts.get(top.key) ?? { key: top.key, name: top.name, profiles: 0 };
		c.profiles++;
		counts.set(top.key, c);
	}
	return [...counts.values()].sort((a, b) => b.profiles - a.profiles);
}

export type SortColumn = 'probability' | 'customer' | 'factor';

/** Rows re-ordered by a column (stable; probability is the export order already). */
export function sortRows(
	p: ScoredProfiles,
	rows: Int32Array,
	column: SortColumn,
	descending: boolean
): Int32Array {
	const key =
		column === 'probability'
			? (i: number) => p.probability[i]!
			: column === 'customer'
				? (i: number) => p.customerIds[i]!
				: (i: number) => p.factors[i]?.[0]?.name ?? '';
	const sign = descending ? -1 : 1;
	return Int32Array.from(rows).sort((a, b) => {
		const x = key(a);
		const y = key(b);
		return x < y ? -sign : x > y ? sign : 0;
	});
}

/** Size and expected goal events (sum of probabilities) of a set of rows. */
export function rowsSummary(p: ScoredProfiles, rows: ArrayLike<number>) {
	let expected = 0;
	for (let k = 0; k < rows.length; k++) expected += p.probability[rows[k]!]!;
	return { profiles: rows.length, expected };
}
