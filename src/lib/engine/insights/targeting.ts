// The targeting helper's arithmetic: pick the top k profiles by probability (by a count, a
// percentile or a score threshold) and say how many of the expected goal events they hold; with
// a value per goal event and a cost per contact, the expected profit of each k and the best k.
// Works on the profiles in descending probability order; every query is O(log n) or O(1) after
// one O(n) pass, so a slider stays instant at a million profiles.

export type TargetBy = 'count' | 'percentile' | 'score';

export interface Targeting {
	/** Profiles in descending probability order. */
	n: number;
	/** cumulative[k] = expected goal events among the top k profiles (length n + 1). */
	cumulative: Float64Array;
	/** Probability, score and percentile in that order (for thresholds and labels). */
	probability: Float32Array;
	score: Uint8Array;
	percentile: Uint8Array;
}

export function targeting(
	probability: ArrayLike<number>,
	score: ArrayLike<number>,
	percentile: ArrayLike<number>,
	order: ArrayLike<number>
): Targeting {
	const n = order.length;
	const cumulative = new Float64Array(n + 1);
	const p = new Float32Array(n);
	const s = new Uint8Array(n);
	const pct = new Uint8Array(n);
	for (let k = 0; k < n; k++) {
		const i = order[k]!;
		p[k] = probability[i]!;
		s[k] = score[i]!;
		pct[k] = percentile[i]!;
		cumulative[k + 1] = cumulative[k]! + p[k]!;
	}
	return { n, cumulative, probability: p, score: s, percentile: pct };
}

/** How many profiles reach `threshold`: the top `threshold` (count), or those at or above it. */
export function selectedCount(t: Targeting, by: TargetBy, threshold: number): number {
	if (by === 'count') return Math.max(0, Math.min(t.n, Math.round(threshold)));
	const values = by === 'score' ? t.score : t.percentile;
	// Values descend along the order: find the first position below the threshold.
	let lo = 0;
	let hi = t.n;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (values[mid]! >= threshold) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

export interface Selection {
	profiles: number;
	share: number;
	/** Goal events expected among the selected profiles, and their share of all expected. */
	expected: number;
	capture: number;
	/** Lowest probability selected (NaN when none). */
	minProbability: number;
}

export function selection(t: Targeting, k: number): Selection {
	const total = t.cumulative[t.n]!;
	return {
		profiles: k,
		share: t.n ? k / t.n : 0,
		expected: t.cumulative[k]!,
		capture: total ? t.cumulative[k]! / total : 0,
		minProbability: k ? t.probability[k - 1]! : NaN
	};
}

/** Expected profit of contacting the top k: value · expected goal events − cost · k. */
export function profitAt(t: Targeting, k: number, value: number, cost: number): number {
	return value * t.cumulative[k]! - cost * k;
}

/** The k with the highest expected profit (the smallest such k on ties; 0 when nothing pays). */
export function bestCount(t: Targeting, value: number, cost: number): number {
	let best = 0;
	let top = 0;
	for (let k = 1; k <= t.n; k++) {
		const v = profitAt(t, k, value, cost);
		if (v > top) {
			top = v;
			best = k;
		}
	}
	return best;
}

/** The curve for the chart: about `points` evenly spaced k from 0 to n, plus `extra` ks. */
export function profitCurve(
	t: Targeting,
	value: number,
	cost: number,
	points = 200,
	extra: number[] = []
): { k: number; profit: number }[] {
	const ks = new Set<number>(extra.filter((k) => k >= 0 && k <= t.n));
	for (let q = 0; q <= points; q++) ks.add(Math.round((q / points) * t.n));
	return [...ks].sort((a, b) => a - b).map((k) => ({ k, profit: profitAt(t, k, value, cost) }));
}
