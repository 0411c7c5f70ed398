// sample.sql run whole by native DuckDB: at 100 % it gives back every event, at 10 % the same
// customers every run, each with every one of their events; the file it writes opens as usual.
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDemo } from '../../src/lib/engine/demo/generate';
import { DUCKDB } from '../../src/lib/engine/sql/dialects';
import { sampleSql, type SampleFormat } from '../../src/lib/engine/scale-out/sample-sql';
import { quoteLiteral } from '../../src/lib/engine/sql/quote';

const dir = mkdtempSync(path.join(tmpdir(), 'sample-sql-'));
const events = path.join(dir, 'events.csv');
writeFileSync(events, generateDemo({ customers: 2000, seed: 3 }).eventsCsv);
const source = { relation: `read_csv(${quoteLiteral(events)})` };

/** Runs sample.sql at `share` in a fresh database; per customer, its events in the file written. */
async function sample(share: number, format: SampleFormat, name: string) {
	const output = path.join(dir, name);
	const c = await (await DuckDBInstance.create(':memory:')).connect();
	await c.run(sampleSql({ dialect: DUCKDB, source, customerId: 'ecid', share, output, format }));
	const read =
		format === 'parquet'
			? `read_parquet(${quoteLiteral(output)})`
			: `read_csv(${quoteLiteral(output)})`;
	const rows = (
		await c.runAndReadAll(`SELECT ecid, count(*) AS n FROM ${read} GROUP BY 1`)
	).getRowObjectsJS();
	return new Map(rows.map((r) => [String(r.ecid), Number(r.n)]));
}

async function everyCustomer(): Promise<Map<string, number>> {
	const c = await (await DuckDBInstance.create(':memory:')).connect();
	const rows = (
		await c.runAndReadAll(`SELECT ecid, count(*) AS n FROM ${source.relation} GROUP BY 1`)
	).getRowObjectsJS();
	return new Map(rows.map((r) => [String(r.ecid), Number(r.n)]));
}

describe('sample.sql in native DuckDB', () => {
	it('gives back every event at 100 %, as Parquet and as CSV', async () => {
		const all = await everyCustomer();
		expect(all.size).toBeGreaterThan(1500);
		for (const format of ['parquet', 'csv'] as const)
			expect(await sample(1, format, `all.${format}`)).toEqual(all);
	});

	it('keeps the same customers every run at 10 %, each with every one of their events', async () => {
		const all = await everyCustomer();
		const first = await sample(0.1, 'parquet', 'a.parquet');
		const again = await sample(0.1, 'parquet', 'b.parquet');
		expect(again).toEqual(first);
		expect(first.size).toBeGreaterThan(140);
		expect(first.size).toBeLessThan(260);
		for (const [id, n] of first) expect(n).toBe(all.get(id));
		// A larger share keeps every customer of a smaller one.
		const larger = await sample(0.3, 'parquet', 'c.parquet');
		expect([...first.keys()].every((id) => larger.has(id))).toBe(true);
	});

	it('refuses a share outside (0, 1] and quotes names', () => {
		expect(() => sampleSql({ dialect: DUCKDB, source, customerId: 'ecid', share: 0 })).toThrow(
			/above 0 and at most 1/
		);
		expect(() => sampleSql({ dialect: DUCKDB, source, customerId: 'ecid', share: 1.5 })).toThrow();
		const sql = sampleSql({
			dialect: DUCKDB,
			source: { table: 'raw "events"' },
			customerId: `user's id`,
			share: 0.05,
			output: "o'ut.parquet"
		});
		expect(sql).toContain(`SELECT * FROM "raw ""events""";`);
		expect(sql).toContain(`hash(CAST("user's id" AS VARCHAR))`);
		expect(sql).toContain(`TO 'o''ut.parquet' (FORMAT parquet)`);
		expect(sql).toContain(`SELECT CAST('0.05' AS DOUBLE) AS share;`);
	});
});
