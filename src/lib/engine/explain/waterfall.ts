// A profile's score as a walk from the baseline (a profile at the training average) to its own
// logit, one step per feature: the largest steps by size, the rest merged into one.

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
}

/**
 * @param contributions one profile's contribution per feature (same order as `names`)
 * @param shown the number of largest steps shown one by one; the others become one step
 */
export function waterfall(
	features: { key: string; name: string }[],
	contributions: ArrayLike<number>,
	baseline: number,
	shown = 10
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
	return { baseline, steps, logit: at };
}
