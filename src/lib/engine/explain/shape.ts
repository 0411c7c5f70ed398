// Where to read a feature's learned shape: the values the scored profiles actually have, at
// evenly spaced quantiles (distinct only), so a chart of the shape covers the real range and no
// more.

import { finiteSample } from '../insights/drivers';

/**
 * Up to `points` distinct values of a feature's column (finite only), ascending, at quantiles
 * 0 … 1 of `finiteSample` (every value, or an even sample past 100,000 of them), with the exact
 * minimum and maximum at the ends (sorting 439,000 values per feature took 3 s of 65 features).
 */
export function shapeGrid(column: Float32Array, points = 25): number[] {
	const known = finiteSample(column);
	if (!known) return [];
	const { min, max, sorted } = known;
	const at = (k: number) =>
		k === 0
			? min
			: k === points - 1
				? max
				: sorted[Math.round((k / (points - 1)) * (sorted.length - 1))]!;
	const out: number[] = [];
	for (let k = 0; k < points; k++) {
		const v = at(k);
		// A typed sort puts -0 before 0; both read as 0.
		if (out.at(-1) !== v) out.push(v === 0 ? 0 : v);
	}
	return out;
}
