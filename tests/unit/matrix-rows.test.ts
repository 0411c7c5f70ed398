// Matrix parts joined a slice at a time (the page gets in between) hold every part's rows in order.
import { describe, expect, it } from 'vitest';
import { joinRows, type MatrixRows } from '../../src/lib/db/matrix-rows';

function part(rows: number, cols: number, first: number): MatrixRows {
	return {
		cutoffIndex: Int32Array.from({ length: rows }, (_, i) => (first + i) % 6),
		customerIds: Array.from({ length: rows }, (_, i) => `c${first + i}`),
		labels: Int8Array.from({ length: rows }, (_, i) => ((first + i) % 3) - 1),
		x: Float32Array.from({ length: rows * cols }, (_, k) => first * cols + k + 0.5),
		rows
	};
}

describe('joinRows', () => {
	it('concatenates parts larger than a slice, and pauses while it does', async () => {
		const cols = 3;
		const parts = [part(40_000, cols, 0), part(5, cols, 40_000), part(20_000, cols, 40_005)];
		let pauses = 0;
		const joined = await joinRows(parts, cols, () => {
			pauses++;
			return Promise.resolve();
		});
		const whole = part(60_005, cols, 0);
		expect(joined.rows).toBe(60_005);
		expect(joined.customerIds).toEqual(whole.customerIds);
		expect(Array.from(joined.cutoffIndex)).toEqual(Array.from(whole.cutoffIndex));
		expect(Array.from(joined.labels)).toEqual(Array.from(whole.labels));
		expect(Array.from(joined.x)).toEqual(Array.from(whole.x));
		// 40,000 rows take three slices, 5 one, 20,000 two.
		expect(pauses).toBe(6);
	});
});
