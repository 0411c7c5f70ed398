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
	/** Group key of the profile's top reason (its largest factor group), or null for any. */
	topGroup: string | null;
}

export const NO_FILTER: ProfileFilter = {
	search: '',
	buckets: [],
	score: [0, 100],
	percentile: [1, 100],
	topFactor: null,
	topGroup: null
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
	const wantGroup = wantedIndex(f.topGroup, p.groups.groups);
	const wantFeature = wantedIndex(f.topFactor, p.factors.features);
	// Into a typed array: at 440,000 profiles, pushing onto a list held the page for 60 ms.
	const out = new Int32Array(order.length);
	let n = 0;
	for (let k = 0; k < order.length; k++) {
		const i = order[k]!;
		if (buckets.size && !buckets.has(p.bucket[i]!)) continue;
		if (p.score[i]! < score[0]! || p.score[i]! > score[1]!) continue;
		if (p.percentile[i]! < percentile[0]! || p.percentile[i]! > percentile[1]!) continue;
		if (wantFeature !== null && p.factors.top[i] !== wantFeature) continue;
		if (wantGroup !== null && p.groups.top[i] !== wantGroup) continue;
		if (q && !p.customerIds[i]!.toLowerCase().includes(q)) continue;
		out[n++] = i;
	}
	return out.slice(0, n);
}

/**
 * A filter's top group or feature (`key`) as an index into the profiles' `named` groups or
 * features: null for any, −2 for one no profile has.
 */
function wantedIndex(key: string | null, named: readonly { key: string }[]): number | null {
	if (key === null) return null;
	const at = named.findIndex((x) => x.key === key);
	return at < 0 ? -2 : at;
}

export function isNoFilter(f: ProfileFilter): boolean {
	return describeFilter(f, () => '') === 'all profiles';
}

/**
 * The filter in words: "high bucket · percentile 81–100 · top reason Cart add activity · top
 * factor Days since last event". `name` gives a feature's or a group's name by its key.
 */
export function describeFilter(f: ProfileFilter, name: (key: string) => string): string {
	const parts: string[] = [];
	if (f.buckets.length) parts.push(`${f.buckets.join(' or ')} bucket`);
	if (f.score[0] > 0 || f.score[1] < 100) parts.push(`score ${f.score[0]}–${f.score[1]}`);
	if (f.percentile[0] > 1 || f.percentile[1] < 100)
		parts.push(`percentile ${f.percentile[0]}–${f.percentile[1]}`);
	if (f.topGroup !== null) parts.push(`top reason ${name(f.topGroup)}`);
	if (f.topFactor !== null) parts.push(`top factor ${name(f.topFactor)}`);
	if (f.search.trim()) parts.push(`id contains “${f.search.trim()}”`);
	return parts.join(' · ') || 'all profiles';
}

/**
 * The features (or, `by` 'groups', the groups) that are some profile's top factor, with how many
 * profiles, most first (ties: the one first met in profile order). One pass, no list per profile:
 * it runs on the page's thread when the Profiles step opens.
 */
export function topFactorCounts(
	p: ScoredProfiles,
	by: 'factors' | 'groups' = 'factors'
): { key: string; name: string; profiles: number }[] {
	const [features, top] =
		by === 'groups' ? [p.groups.groups, p.groups.top] : [p.factors.features, p.factors.top];
	const profiles = new Int32Array(features.length);
	const first = new Int32Array(features.length);
	for (let i = 0; i < top.length; i++) {
		const g = top[i]!;
		if (g >= 0 && profiles[g]!++ === 0) first[g] = i;
	}
	return features
		.map((g, k) => ({ key: g.key, name: g.name, profiles: profiles[k]!, first: first[k]! }))
		.filter((c) => c.profiles > 0)
		.sort((a, b) => b.profiles - a.profiles || a.first - b.first)
		.map(({ key, name, profiles }) => ({ key, name, profiles }));
}

export type SortColumn = 'customer' | 'probability' | 'score' | 'percentile' | 'bucket' | 'reason';

const BUCKET_RANK: Record<Bucket, number> = { low: 0, medium: 1, high: 2 };

/** Per scored profiles: every row in customer id order, sorted once (a million ids take a second). */
const byCustomer = new WeakMap<ScoredProfiles, Int32Array>();

function customerOrder(p: ScoredProfiles): Int32Array {
	let order = byCustomer.get(p);
	if (!order) {
		const ids = p.customerIds;
		order = Int32Array.from(ids, (_, i) => i).sort((a, b) =>
			ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0
		);
		byCustomer.set(p, order);
	}
	return order;
}

/** Stable counting sort of rows by a small whole-number key (0 … groups − 1). */
function byGroup(
	rows: Int32Array,
	group: (row: number) => number,
	groups: number,
	descending: boolean
): Int32Array {
	const start = new Int32Array(groups + 1);
	for (const r of rows) start[(descending ? groups - 1 - group(r) : group(r)) + 1]!++;
	for (let g = 0; g < groups; g++) start[g + 1]! += start[g]!;
	const out = new Int32Array(rows.length);
	for (const r of rows) out[start[descending ? groups - 1 - group(r) : group(r)]!++] = r;
	return out;
}

/**
 * Rows re-ordered by a column, ties kept in their order. Only probability needs a comparison
 * sort: ids walk an order of all rows sorted once, and the other columns take few values (a
 * counting sort), so re-sorting after a filter change is one pass over the rows.
 */
export function sortRows(
	p: ScoredProfiles,
	rows: Int32Array,
	column: SortColumn,
	descending: boolean
): Int32Array {
	switch (column) {
		case 'customer': {
			const kept = new Uint8Array(p.customerIds.length);
			for (const r of rows) kept[r] = 1;
			const out = new Int32Array(rows.length);
			let n = 0;
			for (const r of customerOrder(p)) if (kept[r]) out[n++] = r;
			// Ids are unique: reversing is the descending order.
			return descending ? out.reverse() : out;
		}
		case 'score':
			return byGroup(rows, (r) => p.score[r]!, 101, descending);
		case 'percentile':
			return byGroup(rows, (r) => p.percentile[r]!, 101, descending);
		case 'bucket':
			return byGroup(rows, (r) => BUCKET_RANK[p.bucket[r]!], 3, descending);
		case 'reason': {
			// By the name of the top reason (the profile's largest factor group).
			const nameOf = (r: number) => p.groups.groups[p.groups.top[r]!]?.name ?? '';
			const names = [...new Set(Array.from(p.groups.top, (_, r) => nameOf(r)))].sort();
			const rank = new Map(names.map((n, k) => [n, k]));
			return byGroup(rows, (r) => rank.get(nameOf(r))!, names.length, descending);
		}
		case 'probability': {
			const position = new Int32Array(p.customerIds.length);
			rows.forEach((r, k) => (position[r] = k));
			const sign = descending ? -1 : 1;
			return Int32Array.from(rows).sort(
				(a, b) => sign * (p.probability[a]! - p.probability[b]!) || position[a]! - position[b]!
			);
		}
	}
}

/** Size and expected goal events (sum of probabilities) of a set of rows. */
export function rowsSummary(p: ScoredProfiles, rows: ArrayLike<number>) {
	let expected = 0;
	for (let k = 0; k < rows.length; k++) expected += p.probability[rows[k]!]!;
	return { profiles: rows.length, expected };
}
