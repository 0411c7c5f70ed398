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
/** Joined sentences memoised per explainer. */
const JOINED = 200_000;
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

// Scratch space for groupFacts: a million profiles call it three times each, and allocating
// its small arrays (with their garbage collection) was most of the time.
const candidate = new Int32Array(CANDIDATES);
const candidateSize = new Float64Array(CANDIDATES);
const candidateNone = new Float64Array(CANDIDATES);

/**
 * The facts (member indices) of a group's sentence for one profile, written to `out`; returns
 * how many (1 or 2). For a one-hot attribute the category it has, if any; else up to two
 * members that push the group's way, strongest first.
 */
function groupFacts(
	features: FeatureInfo[],
	members: number[],
	values: ArrayLike<number>,
	contributions: ArrayLike<number>,
	base: number,
	sum: number,
	out: Int32Array
): number {
	if (features[members[0]!]!.kind === 'category') {
		for (const j of members)
			if (values[base + j]! >= 0.5) {
				out[0] = j;
				return 1;
			}
	}
	const sign = sum >= 0 ? 1 : -1;
	// The strongest CANDIDATES members that push the group's way, largest first (ties: the
	// earlier member, as a stable sort would keep them).
	let n = 0;
	for (const j of members) {
		const c = sign * contributions[base + j]!;
		if (!(c > 0)) continue;
		let at = n;
		while (at > 0 && c > candidateSize[at - 1]!) at--;
		if (at >= CANDIDATES) continue;
		for (let m = Math.min(n, CANDIDATES - 1); m > at; m--) {
			candidate[m] = candidate[m - 1]!;
			candidateSize[m] = candidateSize[m - 1]!;
		}
		candidate[at] = j;
		candidateSize[at] = c;
		if (n < CANDIDATES) n++;
	}
	if (!n) {
		out[0] = members[0]!;
		return 1;
	}
	// Of the "none in the window" facts, only the widest says something the others do not.
	let widest = -1;
	for (let k = 0; k < n; k++) {
		const j = candidate[k]!;
		candidateNone[k] = noneWindow(features[j]!, values[base + j]!) ?? -1;
		if (candidateNone[k]! >= 0 && (widest < 0 || candidateNone[k]! > candidateNone[widest]!))
			widest = k;
	}
	let facts = 0;
	for (let k = 0; k < n && facts < FACTS; k++)
		if (candidateNone[k]! < 0 || k === widest) out[facts++] = candidate[k]!;
	return facts;
}

export interface GroupExplainer {
	grouping: Grouping;
	/** Row `r`'s `k` largest groups by |contribution|, largest first (ties: the earlier group). */
	top(values: Float32Array, contributions: Float32Array, r: number, k: number): GroupFactor[];
	/**
	 * Row `r`'s contribution per group (Σ of its members'), in `grouping.groups` order; written
	 * into `out` when given (a scratch array, for loops over many rows), else into a new array.
	 */
	sums(contributions: ArrayLike<number>, r: number, out?: Float64Array): Float64Array;
	/** Row `r`'s sentence for group `g` (an index into `grouping.groups`). */
	sentence(
		values: ArrayLike<number>,
		contributions: ArrayLike<number>,
		r: number,
		g: number
	): string;
	/** Row `r`'s largest group (index) by |contribution|, the earlier on ties; −1 without groups. */
	topIndex(contributions: ArrayLike<number>, r: number): number;
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
	const sums = (
		contributions: ArrayLike<number>,
		r: number,
		out = new Float64Array(g.groups.length)
	) => {
		out.fill(0);
		for (let j = 0; j < cols; j++) out[g.of[j]!]! += contributions[r * cols + j]!;
		return out;
	};
	const chosen = new Int32Array(FACTS);
	/** Row r's facts for group i, in `chosen`; returns how many. */
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
		return groupFacts(features, g.members[i]!, values, contributions, r * cols, sum, chosen);
	};
	// A second fact reads on after a comma: memoised like the sentences themselves.
	const after = features.map(() => new Map<number, string>());
	const continuedOf = (j: number, value: number) => {
		let s = after[j]!.get(value);
		if (s === undefined) {
			s = continued(sentenceOf(j, value));
			if (after[j]!.size < 10_000) after[j]!.set(value, s);
		}
		return s;
	};
	/** The sentence of the `n` facts in `chosen` (FACTS is 2: one, or one and a second). */
	// Joined sentences are memoised too: a million profiles repeat few pairs of facts, and one
	// string per pair (not two joined per profile) keeps the live heap, and its collection, small.
	const joined = new Map<string, string>();
	const say = (values: ArrayLike<number>, r: number, n: number) => {
		const a = chosen[0]!;
		const va = values[r * cols + a]!;
		if (n < 2) return sentenceOf(a, va);
		const b = chosen[1]!;
		const vb = values[r * cols + b]!;
		const key = `${a} ${va} ${b} ${vb}`;
		let s = joined.get(key);
		if (s === undefined) {
			s = `${sentenceOf(a, va)}, ${continuedOf(b, vb)}`;
			if (joined.size < JOINED) joined.set(key, s);
		}
		return s;
	};
	const scratch = new Float64Array(g.groups.length);
	const order = new Int32Array(g.groups.length);
	const sentence = (
		values: ArrayLike<number>,
		contributions: ArrayLike<number>,
		r: number,
		i: number
	) => say(values, r, facts(values, contributions, r, i));
	const factList = (
		values: ArrayLike<number>,
		contributions: ArrayLike<number>,
		r: number,
		i: number
	) => Array.from(chosen.subarray(0, facts(values, contributions, r, i)));
	return {
		grouping: g,
		sums,
		topIndex(contributions, r) {
			const s = sums(contributions, r, scratch);
			let best = -1;
			for (let i = 0; i < s.length; i++)
				if (best < 0 || Math.abs(s[i]!) > Math.abs(s[best]!)) best = i;
			return best;
		},
		sentence,
		facts: factList,
		top(values, contributions, r, k) {
			const s = sums(contributions, r, scratch);
			// The k largest by |sum| in one pass, ties to the earlier group (as topFactors does).
			let n = 0;
			for (let i = 0; i < s.length; i++) {
				const a = Math.abs(s[i]!);
				let at = n;
				while (at > 0 && a > Math.abs(s[order[at - 1]!]!)) at--;
				if (at >= k) continue;
				for (let m = Math.min(n, k - 1); m > at; m--) order[m] = order[m - 1]!;
				order[at] = i;
				if (n < k) n++;
			}
			const out: GroupFactor[] = [];
			for (let t = 0; t < n; t++) {
				const i = order[t]!;
				const c = s[i]!;
				out.push({
					key: g.groups[i]!.key,
					name: g.groups[i]!.name,
					contribution: c,
					importance: importanceOf(c),
					direction: c >= 0 ? 'raises' : 'lowers',
					sentence: say(values, r, facts(values, contributions, r, i, c))
				});
			}
			return out;
		}
	};
}
