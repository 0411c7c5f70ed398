// Where to read a feature's learned shape: the values the scored profiles actually have, at
// evenly spaced quantiles (distinct only), so a chart of the shape covers the real range and no
// more.

/** Values a grid's quantiles are read from, at most: every k-th one past it (as valueRanges). */
const GRID_SAMPLE = 100_000;

/**
 * Up to `points` distinct values of a feature's column (finite only), ascending, at quantiles
 * 0 … 1: of every value up to GRID_SAMPLE of them, else of every k-th one, with the exact
 * minimum and maximum at the ends (sorting 439,000 values per feature took 3 s of 65 features).
 */
export function shapeGrid(column: Float32Array, points = 25): number[] {
	const step = Math.max(1, Math.floor(column.length / GRID_SAMPLE));
	const sample = new Float32Array(Math.ceil(column.length / step));
	let n = 0;
	let min = Infinity;
	let max = -Infinity;
	for (let i = 0; i < column.length; i++) {
		const v = column[i]!;
		if (!isFinite(v)) continue;
		if (v < min) min = v;
		if (v > max) max = v;
		if (i % step === 0) sample[n++] = v;
	}
	if (min > max) return [];
	if (n === 0) sample[n++] = min;
	// A typed array sorts numerically without a comparator, several times faster.
	const values = sample.subarray(0, n).sort();
	const at = (k: number) =>
		k === 0 ? min : k === points - 1 ? max : values[Math.round((k / (points - 1)) * (n - 1))]!;
	const out: number[] = [];
	for (let k = 0; k < points; k++) {
		const v = at(k);
		// A typed sort puts -0 before 0; both read as 0.
		if (out.at(-1) !== v) out.push(v === 0 ? 0 : v);
	}
	return out;
}
