// Single precision by arithmetic (sql/float32.ts), which BigQuery and Snowflake run as a
// temporary function, run here in native DuckDB with DuckDB's spelling of log2 and 2^n: every
// value rounds as a Float32Array rounds it (to nearest, ties to even, subnormals, infinities).
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { float32Arithmetic } from '../../src/lib/engine/sql/float32';
import { DUCKDB } from '../../src/lib/engine/sql/dialects';

/** Doubles where rounding to single precision is hard: ties, powers of two, the subnormal and overflow edges. */
function hardValues(): number[] {
	const out = [0, 1, -1, 0.1, -0.1, 1 / 3, Math.PI, 1e-50, -1e-50, 1e300, -1e300, 5e-324];
	const f32 = new Float32Array(1);
	const bits = new Uint32Array(f32.buffer);
	let s = 7;
	const next = () => (s = (s * 1103515245 + 12345) % 2 ** 31);
	for (let i = 0; i < 3000; i++) {
		// A float32 a and its successor b: a, b, the tie between them and either side of the tie.
		bits[0] = (next() * 2 + (next() & 1)) >>> 0;
		const a = f32[0]!;
		bits[0] = bits[0]! + 1;
		const b = f32[0]!;
		if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
		const tie = a + (b - a) / 2;
		out.push(a, tie, tie + Math.abs(tie) * 2 ** -52, tie - Math.abs(tie) * 2 ** -52);
	}
	for (let k = -150; k <= 128; k++) {
		const p = 2 ** k;
		out.push(p, -p, p * (1 + 2 ** -30), p * (1 - 2 ** -30), p * 1.5);
	}
	const max = 3.4028234663852886e38;
	out.push(max, max * (1 + 2 ** -25), 2 ** 128 - 2 ** 103, (2 ** 128 - 2 ** 103) * (1 - 2 ** -52));
	out.push(2 ** -126, 2 ** -149, 2 ** -150, 2 ** -150 * 1.0000001, 3 * 2 ** -150);
	return out.filter((v) => Number.isFinite(v));
}

describe('single precision by arithmetic, in DuckDB', () => {
	it('rounds every value as Math.fround does', async () => {
		const values = hardValues();
		const c = await (await DuckDBInstance.create(':memory:')).connect();
		const f32 = float32Arithmetic('x', {
			log2: (v) => `log2(${v})`,
			pow2: (n) => `pow(CAST(2 AS DOUBLE), ${n})`,
			double: (text) => `CAST('${text}' AS DOUBLE)`,
			isFinite: DUCKDB.isFinite
		});
		const rows = values.map((v, i) => `(${i}, ${DUCKDB.literal(v)})`).join(', ');
		const got = (
			await c.runAndReadAll(`SELECT i, ${f32} AS y FROM (VALUES ${rows}) AS t(i, x) ORDER BY i`)
		).getRowObjectsJS();
		expect(got).toHaveLength(values.length);
		let wrong = 0;
		got.forEach((r) => {
			const x = values[Number(r.i)]!;
			if (!Object.is(Number(r.y) || 0, Math.fround(x) || 0)) wrong++;
		});
		expect(wrong).toBe(0);
		// The cases were hard: many ties, subnormals and overflows among them.
		expect(values.filter((v) => Math.abs(Math.fround(v)) === Infinity).length).toBeGreaterThan(2);
		expect(values.filter((v) => v !== 0 && Math.abs(v) < 2 ** -126).length).toBeGreaterThan(100);
		expect(values.length).toBeGreaterThan(10_000);
	}, 60_000);
});
