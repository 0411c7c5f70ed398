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
	const finite = new Float32Array(rows);
	let n = 0;
	for (let i = 0; i < rows; i++) {
		const v = x[i * cols + j]!;
		if (isFinite(v)) finite[n++] = v;
	}
	if (!n) return [];
	// A typed array sorts numerically without a comparator, several times faster (main thread).
	const values = finite.subarray(0, n).sort();
	const out: number[] = [];
	for (let k = 0; k < points; k++) {
		const v = values[Math.round((k / Math.max(1, points - 1)) * (values.length - 1))]!;
		// A typed sort puts -0 before 0; both read as 0.
		if (out.at(-1) !== v) out.push(v === 0 ? 0 : v);
	}
	return out;
}
