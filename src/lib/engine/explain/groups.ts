// A profile's factor groups: each group's contribution is the exact sum of its features'
// (so the groups still add up to the logit minus the baseline), and its sentence joins the
// strongest facts that push the way the group does ("3 cart adds in the last 7 days, last cart
// add 2 days ago").
import type { Importance } from '../types';
import { grouping, type Grouping } from '../features/groups';
import { importanceOf, sentences, type FeatureInfo, type SentenceOf } from './factors';

export interface GroupFactor {
	/** The group's key (`type:commerce.productListAdds`, `recency`, `attr:tier`). */
	key: string;
	name: string;
	/** Σ of its features' contributions to the calibrated logit (log-odds). */
	contribution: number;
	importance: Importance;
	direction: 'raises' | 'lowers';
	sentence: string;
}

/** Facts a group's sentence joins at most. */
const FACTS = 2;
/** Members looked at for those facts: the strongest that push the way the group does. */
const CANDIDATES = 4;

/**
 * Whether a feature's value says "none in the window": such facts overlap ("no cart add in the
 * last 7 days", "no cart add in the last 180 days"), so a sentence keeps the widest of them.
 */
function noneWindow(f: FeatureInfo, value: number): number | null {
	switch (f.kind) {
		case 'count':
		case 'activeDays':
		case 'valueSum':
			return Math.round(value) === 0 ? (f.windowDays ?? 0) : null;
		case 'daysSince':
			return value >= (f.capDays ?? Infinity) ? f.capDays! : null;
		case 'tenure':
			return value <= 0 ? (f.windowDays ?? 0) : null;
		default:
			return null;
	}
}

// Our sentences open with one of these words; lower-cased they read on after a comma. A
// sentence that opens with a name from the data ("VIP purchase events…") keeps its case.
const OPENERS = /^(No|Last|First|Active|Total|Average|As|Change|Share|Days) /;

function continued(s: string): string {
	return OPENERS.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s;
}

/**
 * The facts (member indices) of a group's sentence for one profile: for a one-hot attribute the
 * category it has, if any; else up to two members that push the group's way, strongest first.
 */
function groupFacts(
	features: FeatureInfo[],
	members: number[],
	values: ArrayLike<number>,
	contributions: ArrayLike<number>,
	base: number,
	sum: number
): number[] {
	if (features[members[0]!]!.kind === 'category') {
		const has = members.find((j) => values[base + j]! >= 0.5);
		if (has !== undefined) return [has];
	}
	const sign = sum >= 0 ? 1 : -1;
	const pushing = members
		.filter((j) => sign * contributions[base + j]! > 0)
		.sort((a, b) => Math.abs(contributions[base + b]!) - Math.abs(contributions[base + a]!))
		.slice(0, CANDIDATES);
	if (!pushing.length) return [members[0]!];
	// Of the "none in the window" facts, only the widest says something the others do not.
	const none = (j: number) => noneWindow(features[j]!, values[base + j]!);
	let widest: number | null = null;
	for (const j of pushing)
		if (none(j) !== null && (widest === null || none(j)! > none(widest)!)) widest = j;
	return pushing.filter((j) => widest === null || j === widest || none(j) === null).slice(0, FACTS);
}

export interface GroupExplainer {
	grouping: Grouping;
	/** Row `r`'s `k` largest groups by |contribution|, largest first (ties: the earlier group). */
	top(values: Float32Array, contributions: Float32Array, r: number, k: number): GroupFactor[];
	/** Row `r`'s contribution per group (Σ of its members'), in `grouping.groups` order. */
	sums(contributions: ArrayLike<number>, r: number): Float64Array;
	/** Row `r`'s sentence for group `g` (an index into `grouping.groups`). */
	sentence(
		values: ArrayLike<number>,
		contributions: ArrayLike<number>,
		r: number,
		g: number
	): string;
	/** The features (indices) that sentence says. */
	facts(
		values: ArrayLike<number>,
		contributions: ArrayLike<number>,
		r: number,
		g: number
	): number[];
}

/** Explains rows of one feature plan by group; sentences are memoised as `sentences` does. */
export function groupExplainer(
	features: FeatureInfo[],
	sentenceOf: SentenceOf = sentences(features)
): GroupExplainer {
	const g = grouping(features);
	const cols = features.length;
	const sums = (contributions: ArrayLike<number>, r: number) => {
		const out = new Float64Array(g.groups.length);
		for (let j = 0; j < cols; j++) out[g.of[j]!]! += contributions[r * cols + j]!;
		return out;
	};
	const facts = (
		values: ArrayLike<number>,
		contributions: ArrayLike<number>,
		r: number,
		i: number,
		sum?: number
	) => {
		if (sum === undefined) {
			sum = 0;
			for (const j of g.members[i]!) sum += contributions[r * cols + j]!;
		}
		return groupFacts(features, g.members[i]!, values, contributions, r * cols, sum);
	};
	const say = (values: ArrayLike<number>, r: number, facts: number[]) =>
		facts
			.map((j, k) => {
				const s = sentenceOf(j, values[r * cols + j]!);
				return k ? continued(s) : s;
			})
			.join(', ');
	const sentence = (
		values: ArrayLike<number>,
		contributions: ArrayLike<number>,
		r: number,
		i: number
	) => say(values, r, facts(values, contributions, r, i));
	return {
		grouping: g,
		sums,
		sentence,
		facts: (values, contributions, r, i) => facts(values, contributions, r, i),
		top(values, contributions, r, k) {
			const s = sums(contributions, r);
			const order = Array.from(s.keys())
				.sort((a, b) => Math.abs(s[b]!) - Math.abs(s[a]!) || a - b)
				.slice(0, k);
			return order.map((i) => {
				const c = s[i]!;
				return {
					key: g.groups[i]!.key,
					name: g.groups[i]!.name,
					contribution: c,
					importance: importanceOf(c),
					direction: c >= 0 ? 'raises' : 'lowers',
					sentence: say(values, r, facts(values, contributions, r, i, c))
				};
			});
		}
	};
}
