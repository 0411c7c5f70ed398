// Where to read a feature's learned shape: the values the scored profiles actually have, at
// evenly spaced quantiles (distinct only), so a chart of the shape covers the real range and no
// more.

/** Up to `points` distinct values of column j (finite only), ascending, at quantiles 0 … 1. */
export function shapeGrid(
	x: Float32Array,
	rows: number,
	cols: number,
	j: number,
	points = 25
): number[] {
	const values: number[] = [];
	for (let i = 0; i < rows; i++) {
		const v = x[i * cols + j]!;
		if (isFinite(v)) values.push(v);
	}
	if (!values.length) return [];
	values.sort((a, b) => a - b);
	const out: number[] = [];
	for (let k = 0; k < points; k++) {
		const v = values[Math.round((k / Math.max(1, points - 1)) * (values.length - 1))]!;
		if (out.at(-1) !== v) out.push(v);
	}
	return out;
}
