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
 * The group of a feature of `planFeatures`; `labels` by group key: the names of attributes and
 * renamed event types (the plan's names). Keys are `type:<event>:<what>`,
 * `custom:<name>:<what>` (no `<what>` holds a colon, so the last one ends the name),
 * `attr:<column>…`, or a log-wide key.
 */
export function factorGroup(f: GroupedFeature, labels?: Map<string, string>): FactorGroup {
	if (f.attribute !== undefined) {
		const key = `attr:${f.attribute}`;
		return { key, name: labels?.get(key) ?? f.attribute };
	}
	const scoped = /^(type|custom):/.exec(f.key);
	if (scoped) {
		const what = f.key.slice(scoped[0].length, f.key.lastIndexOf(':'));
		const key = `${scoped[1]}:${what}`;
		return {
			key,
			name: labels?.get(key) ?? (scoped[1] === 'type' ? `${capitalise(f.noun.one)} activity` : what)
		};
	}
	const overall = OVERALL[f.kind];
	if (!overall) throw new Error(`invalid feature for a factor group: ${f.key} (${f.kind})`);
	return overall;
}

/**
 * Which way a feature measures its group's activity: +1 when more of it is more activity (counts,
 * active days, value, tenure, trend), −1 when more is less (days since last, gaps, overdue), 0
 * when it has no such direction (shares, attributes).
 */
export function activityDirection(kind: FeatureKind): -1 | 0 | 1 {
	switch (kind) {
		case 'count':
		case 'activeDays':
		case 'valueSum':
		case 'valueMean':
		case 'tenure':
		case 'trend':
		case 'distinctTypes':
			return 1;
		case 'daysSince':
		case 'gap':
		case 'overdue':
			return -1;
		default:
			return 0;
	}
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
