// A profile's score as a walk from the baseline (a profile at the training average) to its own
// logit: one step per factor group (every group: they are few, so nothing hides in "other"),
// and within the group a user opens, one step per feature.
import { grouping, type FactorGroup } from '../features/groups';

export interface WaterfallStep {
	key: string | null;
	name: string;
	/** Signed contribution (log-odds) and the running logit before and after it. */
	contribution: number;
	from: number;
	to: number;
}

export interface Waterfall {
	baseline: number;
	steps: WaterfallStep[];
	/** The profile's calibrated logit: baseline + Σ contributions. */
	logit: number;
	/** What the first and last rows are called (a walk within a group starts and ends inside it). */
	labels: { start: string; end: string };
}

const WHOLE_WALK = { start: 'Baseline (average profile)', end: 'This profile' };

/**
 * @param contributions one profile's contribution per feature (same order as `names`)
 * @param shown the number of largest steps shown one by one; the others become one step
 */
export function waterfall(
	features: { key: string; name: string }[],
	contributions: ArrayLike<number>,
	baseline: number,
	shown = 10,
	labels = WHOLE_WALK
): Waterfall {
	const order = features
		.map((_, j) => j)
		.sort((a, b) => Math.abs(contributions[b]!) - Math.abs(contributions[a]!));
	const steps: WaterfallStep[] = [];
	let at = baseline;
	for (const j of order.slice(0, shown)) {
		const c = contributions[j]!;
		steps.push({
			key: features[j]!.key,
			name: features[j]!.name,
			contribution: c,
			from: at,
			to: at + c
		});
		at += c;
	}
	const rest = order.slice(shown);
	if (rest.length) {
		const c = rest.reduce((s, j) => s + contributions[j]!, 0);
		steps.push({
			key: null,
			name: `${rest.length} other features`,
			contribution: c,
			from: at,
			to: at + c
		});
		at += c;
	}
	return { baseline, steps, logit: at, labels };
}

/** One step per factor group, largest first; each step's key is its group's key. */
export function groupWaterfall(
	features: { group: FactorGroup }[],
	contributions: ArrayLike<number>,
	baseline: number
): Waterfall {
	const g = grouping(features);
	const sums = new Float64Array(g.groups.length);
	features.forEach((_, j) => (sums[g.of[j]!]! += contributions[j]!));
	return waterfall(g.groups, sums, baseline, g.groups.length);
}

/**
 * The features of group `key` as a walk of their own, from where the group's step starts in
 * `whole` (a `groupWaterfall`) to where it ends; every member shown, largest first.
 */
export function membersWaterfall(
	features: { key: string; name: string; group: FactorGroup }[],
	contributions: ArrayLike<number>,
	whole: Waterfall,
	key: string
): Waterfall | null {
	const step = whole.steps.find((s) => s.key === key);
	if (!step) return null;
	const members = features.flatMap((f, j) => (f.group.key === key ? [j] : []));
	return waterfall(
		members.map((j) => features[j]!),
		members.map((j) => contributions[j]!),
		step.from,
		members.length,
		{ start: `Before ${step.name}`, end: `After ${step.name}` }
	);
}
