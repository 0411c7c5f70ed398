// Every scored profile's factor groups, kept small: per profile only the index of its top group
// (what filters, sorts and counts read), and its groups with their sentences made when a row is
// shown or exported. Made eagerly, a million profiles' groups doubled the page's heap (438 →
// 882 MB) and tripled the time to explain them (2.5 → 8 s; docs/BENCHMARKS.md, session 8).
import type { FactorGroup } from '../features/groups';
import type { FeatureInfo, SentenceOf } from './factors';
import { groupExplainer, type GroupFactor } from './groups';

export interface ProfileGroups {
	/** The groups a profile's reasons come from, by index. */
	readonly groups: readonly FactorGroup[];
	/** Per profile: its top group's index (largest |contribution|), or −1 when it has none. */
	readonly top: Int16Array;
	/** Profile `i`'s largest groups (at most three), largest first, with their sentences. */
	of(i: number): GroupFactor[];
}

export const NO_GROUPS: ProfileGroups = { groups: [], top: new Int16Array(0), of: () => [] };

/** Groups shown per profile, as the factors are. */
const SHOWN = 3;

/**
 * The groups of scored rows, from their raw values and contributions (row-major, rows × features,
 * both kept by reference: `of` reads them). `fill(start, end)` computes the rows' top groups, so a
 * caller can do it in slices; until then a row's `top` is −1.
 */
export function profileGroups(
	features: FeatureInfo[],
	x: Float32Array,
	contributions: Float32Array,
	rows: number,
	sentenceOf?: SentenceOf
): ProfileGroups & { fill(start: number, end: number): void } {
	const explain = groupExplainer(features, sentenceOf);
	const top = new Int16Array(rows).fill(-1);
	return {
		groups: explain.grouping.groups,
		top,
		of: (i) => explain.top(x, contributions, i, SHOWN),
		fill(start, end) {
			for (let r = start; r < end; r++) top[r] = explain.topIndex(contributions, r);
		}
	};
}

/**
 * What reasons given as lists per profile index (groups here, factors in profile-factors.ts):
 * each key once, in the order first met, and per profile the index of its first reason (−1: none).
 */
export function listedIndex(lists: { key: string; name: string }[][]): {
	named: FactorGroup[];
	top: Int16Array;
} {
	const named: FactorGroup[] = [];
	const at = new Map<string, number>();
	for (const list of lists)
		for (const g of list)
			if (!at.has(g.key)) {
				at.set(g.key, named.length);
				named.push({ key: g.key, name: g.name });
			}
	return { named, top: Int16Array.from(lists, (list) => (list[0] ? at.get(list[0].key)! : -1)) };
}

/** Groups given as lists per profile (tests, and profiles repeated for a benchmark). */
export function listedGroups(lists: GroupFactor[][]): ProfileGroups {
	const { named, top } = listedIndex(lists);
	return { groups: named, top, of: (i) => lists[i] ?? [] };
}
