// The PostgreSQL dialect on a real server (tests/helpers/postgres.ts): single precision, epoch
// and text times, the sample's hash; sample.sql keeps every event at 100 %. score.sql itself is
// run there by score-sql.test.ts, beside native DuckDB.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toRows } from '../../src/lib/db/rows';
import { DUCKDB, POSTGRES } from '../../src/lib/engine/sql/dialects';
import { TEXT_FORMATS } from '../../src/lib/engine/ingest/plan';
import { sampleSql } from '../../src/lib/engine/scale-out/sample-sql';
import { openNativeDb } from '../../bench/native-db';
import { demoGoal } from '../helpers/demo-db';
import { startPostgres, type Postgres } from '../helpers/postgres';
import { copyToPostgres, demoFile, trained } from '../helpers/scale-out';

let pg: Postgres;
beforeAll(async () => {
	pg = await startPostgres();
}, 60_000);
afterAll(() => pg?.stop());

describe('the PostgreSQL dialect', () => {
	it('rounds to single precision as Float32Array does, and reads epoch times in UTC', () => {
		const d = POSTGRES;
		const values = [
			0,
			1 / 3,
			-2 / 3,
			1e-40,
			-3e-42,
			1e-46,
			2 ** -149,
			2 ** -150,
			3 * 2 ** -150,
			1.17549e-38,
			3.4028235677973366e38,
			3.4028235677973362e38,
			-1e39,
			16777217,
			0.1,
			123456.789
		];
		const times = [0, 86_399_999, 951_782_400_000, 1_709_251_199_999, 1_717_000_123_456, -1];
		const f32 = values.map((v, i) => `(${i}, ${d.float32(d.literal(v))})`);
		const t = times.map(
			(ms, i) =>
				`(${i}, ${d.epochMs(d.fromEpochMs(String(ms)))}, ${d.weekday(String(ms))}, ${d.hour(String(ms))})`
		);
		pg.run(
			[
				...d.preamble(),
				d.createTable('f32_out', `SELECT * FROM (VALUES ${f32.join(', ')}) AS v(i, x)`, false),
				d.createTable(
					'time_out',
					`SELECT * FROM (VALUES ${t.join(', ')}) AS v(i, ms, dow, h)`,
					false
				)
			].join('\n')
		);
		const got = pg.rows('SELECT i, CAST(x AS TEXT) AS x FROM f32_out ORDER BY i');
		expect(got.map((r) => Number(r.x))).toEqual(values.map((v) => Math.fround(v)));
		const rows = pg.rows('SELECT * FROM time_out ORDER BY i');
		expect(rows.map((r) => [r.ms, r.dow, r.h])).toEqual(
			times.map((ms) => {
				const at = new Date(ms);
				return [ms, at.getUTCDay(), at.getUTCHours()];
			})
		);
	}, 30_000);

	it('reads ISO 8601 text with an offset applied and UTC otherwise, and NULL for the rest', () => {
		const d = POSTGRES;
		const cases: [string, number | null][] = [
			['2024-03-05T14:07:09Z', Date.UTC(2024, 2, 5, 14, 7, 9)],
			['2024-03-05 14:07:09.250+02:00', Date.UTC(2024, 2, 5, 12, 7, 9, 250)],
			['2024-03-05T14:07', Date.UTC(2024, 2, 5, 14, 7)],
			['2024-03-05', Date.UTC(2024, 2, 5)],
			['2024-02-30', null],
			['03/05/2024', null],
			['yesterday', null]
		];
		const values = cases.map(
			([text], i) => `(${i}, ${d.epochMs(d.isoTimestamp(d.literal(text)))})`
		);
		pg.run(
			[
				...d.preamble(),
				d.createTable('iso_out', `SELECT * FROM (VALUES ${values.join(', ')}) AS v(i, ms)`, false)
			].join('\n')
		);
		const got = pg.rows('SELECT i, ms FROM iso_out ORDER BY i').map((r) => r.ms);
		expect(got).toEqual(cases.map(([, ms]) => ms));
	}, 30_000);

	it('hashes customer ids as the md5 engines do: the same sample in each', () => {
		// Spark SQL, BigQuery and Snowflake read the first 8 hex digits of md5 as an unsigned
		// number; PostgreSQL through BIT(32). Both must be that number, computed here by node.
		const ids = Array.from({ length: 300 }, (_, i) => `c-${i * 7919}`).concat(['', 'é', "o'k"]);
		const d = POSTGRES;
		const values = ids.map((id, i) => `(${i}, ${d.hashBucket(d.literal(id), 1_000_000)})`);
		pg.run(
			d.createTable('hash_out', `SELECT * FROM (VALUES ${values.join(', ')}) AS v(i, b)`, false)
		);
		const got = pg.rows('SELECT i, b FROM hash_out ORDER BY i').map((r) => Number(r.b));
		const want = ids.map(
			(id) =>
				parseInt(createHash('md5').update(id, 'utf8').digest('hex').slice(0, 8), 16) % 1_000_000
		);
		expect(got).toEqual(want);
		expect(want.some((b) => b >= 500_000)).toBe(true);
	}, 30_000);

	it('reads every text format the app guesses as DuckDB reads it, and nothing else', async () => {
		const native = await openNativeDb();
		const d = POSTGRES;
		const moment = "TIMESTAMP '2024-03-05 14:07:09'";
		const cases: [format: string, text: string][] = [];
		for (const f of TEXT_FORMATS) {
			const [row] = toRows(await native.query(`SELECT strftime(${moment}, '${f}') AS s`));
			cases.push([f, String(row!.s)], [f, `${String(row!.s)}x`], [f, '31/31/2024']);
		}
		const want = await Promise.all(
			cases.map(async ([f, text]) => {
				const [row] = toRows(
					await native.query(`SELECT epoch_ms(try_strptime(${DUCKDB.literal(text)}, '${f}')) AS ms`)
				);
				return row!.ms === null ? null : Number(row!.ms);
			})
		);
		const values = cases.map(
			([f, text], i) => `(${i}, ${d.epochMs(d.strptime(d.literal(text), f))})`
		);
		pg.run(
			[
				...d.preamble(),
				d.createTable(
					'formats_out',
					`SELECT * FROM (VALUES ${values.join(', ')}) AS v(i, ms)`,
					false
				)
			].join('\n')
		);
		const got = pg.rows('SELECT i, ms FROM formats_out ORDER BY i').map((r) => r.ms);
		expect(got).toEqual(want);
		expect(want.filter((ms) => ms !== null)).toHaveLength(TEXT_FORMATS.length);
	}, 30_000);
});

describe('sample.sql in PostgreSQL', () => {
	it('sample.sql at 100 % writes every event to a CSV file, with psql', async () => {
		const t = await trained(demoFile(200, 3), demoGoal);
		if (!('relation' in t.input.source)) throw new Error('expected a file relation');
		const n = await copyToPostgres(pg, t.native, t.input.source.relation, 'events');
		const out = path.join(pg.dir, 'sample.csv');
		const sql = sampleSql({
			dialect: POSTGRES,
			source: { table: 'events' },
			customerId: t.input.mapping.customerId,
			share: 1,
			format: 'csv',
			output: out
		});
		const file = path.join(pg.dir, 'sample.postgres.sql');
		writeFileSync(file, sql);
		pg.runFile(file);
		const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
		expect(lines.length - 1).toBe(n);
		expect(() =>
			sampleSql({ dialect: POSTGRES, source: { table: 'e' }, customerId: 'id', share: 0.1 })
		).toThrow(/PostgreSQL cannot write Parquet files: choose CSV/);
	}, 60_000);
});
