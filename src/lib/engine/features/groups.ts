// Factor groups: every feature belongs to exactly one group named for what it measures (an
// event type's counts, recency and rhythm; overall recency; spend; one attribute), so a
// profile's explanation reads as a few groups whose contributions still add up to its logit.
import { capitalise, type Noun } from '../explain/nouns';
import type { FeatureKind } from './spec';

export interface FactorGroup {
	/** Stable identifier: `activity`, `recency`, `rhythm`, `spend`, `type:<event>`, `custom:<name>`, `attr:<column>`. */
	key: string;
	/** What it measures, for people: "Cart add activity", "Overall recency", "Loyalty tier". */
	name: string;
}

/** What a feature's group is decided by: it follows from the feature plan, never from the data. */
export interface GroupedFeature {
	key: string;
	kind: FeatureKind;
	noun: Noun;
	attribute?: string;
}

/** The log-wide features by what they measure: how much, how recently, in what rhythm, how much value. */
const OVERALL: Record<FeatureKind, FactorGroup | null> = {
	count: { key: 'activity', name: 'Overall activity' },
	activeDays: { key: 'activity', name: 'Overall activity' },
	trend: { key: 'activity', name: 'Overall activity' },
	distinctTypes: { key: 'activity', name: 'Overall activity' },
	daysSince: { key: 'recency', name: 'Overall recency' },
	tenure: { key: 'recency', name: 'Overall recency' },
	overdue: { key: 'recency', name: 'Overall recency' },
	gap: { key: 'rhythm', name: 'Visit rhythm' },
	share: { key: 'rhythm', name: 'Visit rhythm' },
	valueSum: { key: 'spend', name: 'Spend' },
	valueMean: { key: 'spend', name: 'Spend' },
	attribute: null,
	attributeDays: null,
	category: null
};

/**
 * The group of a feature of `planFeatures`. Keys are `type:<event>:<what>`,
 * `custom:<name>:<what>` (no `<what>` holds a colon, so the last one ends the name),
 * `attr:<column>…`, or a log-wide key.
 */
export function factorGroup(f: GroupedFeature): FactorGroup {
	if (f.attribute !== undefined) return { key: `attr:${f.attribute}`, name: f.attribute };
	const scoped = /^(type|custom):/.exec(f.key);
	if (scoped) {
		const what = f.key.slice(scoped[0].length, f.key.lastIndexOf(':'));
		return {
			key: `${scoped[1]}:${what}`,
			name: scoped[1] === 'type' ? `${capitalise(f.noun.one)} activity` : what
		};
	}
	const overall = OVERALL[f.kind];
	if (!overall) throw new Error(`invalid feature for a factor group: ${f.key} (${f.kind})`);
	return overall;
}

export interface Grouping {
	/** The groups, in the order their first feature comes in the plan. */
	groups: FactorGroup[];
	/** Feature index → group index. */
	of: Int32Array;
	/** Group index → its features' indices, in plan order. */
	members: number[][];
}

export function grouping(features: { group: FactorGroup }[]): Grouping {
	const at = new Map<string, number>();
	const groups: FactorGroup[] = [];
	const members: number[][] = [];
	const of = new Int32Array(features.length);
	features.forEach((f, j) => {
		let g = at.get(f.group.key);
		if (g === undefined) {
			g = groups.length;
			at.set(f.group.key, g);
			groups.push(f.group);
			members.push([]);
		}
		of[j] = g;
		members[g]!.push(j);
	});
	return { groups, of, members };
}
