// Main-thread conversions at scale. Reading result columns batch by batch gives exactly what Arrow's own row-by-row get() gives:
// nulls as NaN, integers, 64-bit integers, floats, and other types through the fallback.
import * as arrow from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { numberColumn, stringColumn } from '../../src/lib/db/rows';
import { shapeGrid } from '../../src/lib/engine/explain/shape';
import { column } from '../../src/lib/engine/insights/drivers';

/** A table of `batches` record batches (as DuckDB returns them), each with every column kind. */
function batched(batches: number, rows: number): arrow.Table {
	const parts = Array.from({ length: batches }, (_, b) => {
		const at = (i: number) => b * rows + i;
		const t = new arrow.Table({
			f: arrow.vectorFromArray(
				Array.from({ length: rows }, (_, i) => (at(i) % 7 === 0 ? null : at(i) * 0.5)),
				new arrow.Float64()
			),
			k: arrow.vectorFromArray(
				Array.from({ length: rows }, (_, i) => (at(i) % 5 === 0 ? null : at(i) % 9)),
				new arrow.Int32()
			),
			big: arrow.vectorFromArray(
				Array.from({ length: rows }, (_, i) => BigInt(at(i)) * 1_000_003n),
				new arrow.Int64()
			),
			flag: arrow.vectorFromArray(
				Array.from({ length: rows }, (_, i) => (at(i) % 4 === 0 ? null : at(i) % 3 === 0)),
				new arrow.Bool()
			),
			s: arrow.vectorFromArray(
				// ASCII ids, a batch of non-ASCII ones, and nulls.
				Array.from({ length: rows }, (_, i) =>
					at(i) % 13 === 0 ? null : b === 3 ? `Kundin-ü-${at(i)}-東京` : `ECID-${at(i)}`
				),
				new arrow.Utf8()
			)
		});
		return t.batches[0]!;
	});
	return new arrow.Table(parts);
}

describe('result columns', () => {
	it('read batch by batch equal Arrow row by row, nulls as NaN', () => {
		const t = batched(7, 300);
		// Sliced batches have offsets into their buffers: reading must honour them.
		const sliced = t.slice(150, 1900);
		let compared = 0;
		for (const table of [t, sliced]) {
			for (const name of ['f', 'k', 'big', 'flag']) {
				const col = table.getChild(name)!;
				const expected = Array.from({ length: table.numRows }, (_, i) => {
					const v: unknown = col.get(i);
					return v === null ? NaN : Number(v);
				});
				expect(Array.from(numberColumn(table, name)), name).toEqual(expected);
				compared += expected.length;
			}
			const s = table.getChild('s')!;
			expect(stringColumn(table, 's')).toEqual(
				Array.from({ length: table.numRows }, (_, i) => String(s.get(i)))
			);
		}
		expect(compared).toBe(4 * (2100 + 1750));
		expect(numberColumn(t, 'f')[7]).toBeNaN();
		expect(numberColumn(t, 'k')[5]).toBeNaN();
	});

	it('read one batch of doubles without nulls as its own values, a slice of it included', () => {
		const whole = new arrow.Table({
			f: arrow.vectorFromArray(
				Array.from({ length: 1000 }, (_, i) => i * 1.5),
				new arrow.Float64()
			)
		});
		let compared = 0;
		for (const table of [whole, whole.slice(10, 990), whole.slice(500, 501)]) {
			const col = table.getChild('f')!;
			expect(col.data).toHaveLength(1);
			const got = numberColumn(table, 'f');
			expect(got).toHaveLength(table.numRows);
			expect(Array.from(got)).toEqual(Array.from({ length: table.numRows }, (_, i) => col.get(i)));
			compared += got.length;
		}
		expect(compared).toBe(1000 + 980 + 1);
	});
});

describe('shape grids', () => {
	it('are the distinct quantiles of the finite values, as a comparator sort gives them', () => {
		const rows = 5000;
		const cols = 3;
		const x = Float32Array.from({ length: rows * cols }, (_, k) =>
			k % 11 === 0 ? NaN : Math.round(Math.sin(k) * 1000) / 7
		);
		for (let j = 0; j < cols; j++) {
			const values: number[] = [];
			for (let i = 0; i < rows; i++) if (isFinite(x[i * cols + j]!)) values.push(x[i * cols + j]!);
			values.sort((a, b) => a - b);
			const expected: number[] = [];
			for (let k = 0; k < 25; k++) {
				const v = values[Math.round((k / 24) * (values.length - 1))]!;
				if (expected.at(-1) !== v) expected.push(v === 0 ? 0 : v);
			}
			expect(shapeGrid(column(x, cols, j, rows))).toEqual(expected);
		}
		expect(shapeGrid(new Float32Array([NaN, NaN]))).toEqual([]);
	});
	it('past 100,000 values read the quantiles of a stride sample, with the exact ends', () => {
		const rows = 250_000;
		// Skewed values with the extremes where a stride of 2 would miss them.
		const x = Float32Array.from({ length: rows }, (_, i) =>
			i === 12_345 ? -7 : i === 77_777 ? 5000 : Math.floor(Math.pow((i * 7919) % rows, 1.7) / 1e6)
		);
		const grid = shapeGrid(x);
		expect(grid[0]).toBe(-7);
		expect(grid.at(-1)).toBe(5000);
		for (let k = 1; k < grid.length; k++) expect(grid[k]!).toBeGreaterThan(grid[k - 1]!);
		const sorted = Float32Array.from(x).sort();
		// Each inner point is within a tenth of a percent (in rank) of the exact quantile it stands for.
		let checked = 0;
		for (const v of grid.slice(1, -1)) {
			const rank = sorted.findIndex((s) => s >= v) / (rows - 1);
			const nearest = Math.round(rank * 24) / 24;
			const lo = sorted[Math.max(0, Math.floor((nearest - 0.001) * (rows - 1)))]!;
			const hi = sorted[Math.min(rows - 1, Math.ceil((nearest + 0.001) * (rows - 1)))]!;
			expect(v).toBeGreaterThanOrEqual(lo);
			expect(v).toBeLessThanOrEqual(hi);
			checked++;
		}
		expect(checked).toBeGreaterThan(5);
	});
});
