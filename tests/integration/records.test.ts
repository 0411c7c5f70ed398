// JSON, NDJSON and Parquet through our readers (no DuckDB extension, no network) into the real
// DuckDB-WASM, including nested XDM events, gzip, and the bad inputs of each format.
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { batchTable, releaseSource, type Source } from '../../src/lib/db/ingest';
import { checkGoal } from '../../src/lib/db/goal-check';
import type { Db } from '../../src/lib/db/types';
import { detectFormat, type RecordFormat } from '../../src/lib/engine/ingest/format';
import { guessMapping } from '../../src/lib/engine/ingest/guess';
import type { GoalSpec } from '../../src/lib/engine/types';
import { gunzippedSize } from '../../src/lib/readers/read-json';
import { BATCH_ROWS } from '../../src/lib/readers/read-records';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { loadOne, loadRecordFile, openNodeDb } from '../helpers/node-db';
import { useParquetWasmInNode } from '../helpers/parquet-wasm';
import { useParquetWasm } from '../../src/lib/readers/read-parquet-wasm';
import { toNdjson, xdmEvents, type XdmEvent } from '../helpers/xdm';

let db: Db;
let tables = 0;
const events = xdmEvents();
const customers = new Set(events.map((e) => e.identityMap.ECID[0]!.id)).size;

beforeAll(async () => {
	db = await openNodeDb();
	useParquetWasmInNode();
});

const load = (format: RecordFormat, bytes: Uint8Array, name: string): Promise<Source> =>
	loadRecordFile(db, format, bytes, name, `records_${tables++}`);

const enc = (s: string) => new TextEncoder().encode(s);

function skuStartsWithW(e: XdmEvent): boolean {
	return (e.productListItems ?? []).some((p) => p.SKU.startsWith('W'));
}

describe('nested XDM experience events', () => {
	for (const [label, make] of [
		[
			'NDJSON',
			() => ({ format: 'ndjson' as const, bytes: enc(toNdjson(events)), name: 'xdm.ndjson' })
		],
		[
			'gzipped NDJSON',
			() => ({
				format: 'ndjson' as const,
				bytes: new Uint8Array(gzipSync(toNdjson(events))),
				name: 'xdm.ndjson.gz'
			})
		],
		[
			'a JSON array',
			() => ({ format: 'json' as const, bytes: enc(JSON.stringify(events)), name: 'xdm.json' })
		],
		[
			'a JSON object holding the array',
			() => ({
				format: 'json' as const,
				bytes: enc(JSON.stringify({ events })),
				name: 'export.json'
			})
		]
	] as const)
		it(`loads ${label}, maps XDM names, and counts like an independent count`, async () => {
			const { format, bytes, name } = make();
			const src = await load(format, bytes, name);
			const names = src.columns.map((c) => c.name);
			expect(names).toEqual(
				expect.arrayContaining([
					'timestamp',
					'eventType',
					'identityMap.ECID.id',
					'identityMap.Email.id',
					'commerce.order.priceTotal',
					'productListItems.SKU',
					'web.webPageDetails.name',
					'marketing.trackingCode'
				])
			);
			expect(src.columns.find((c) => c.name === 'productListItems.SKU')!.type).toBe('VARCHAR[]');
			// How they nest, for score.sql on a table holding them nested: lists of records and structs.
			const steps = new Map(src.nested!.map((c) => [c.name, c.steps]));
			expect(steps.get('identityMap.ECID.id')).toEqual([
				{ field: 'identityMap', list: false },
				{ field: 'ECID', list: true },
				{ field: 'id', list: false }
			]);
			expect(steps.get('commerce.order.priceTotal')!.map((s) => s.list)).toEqual([
				false,
				false,
				false
			]);
			expect(steps.get('productListItems.SKU')!.map((s) => s.list)).toEqual([true, false]);
			expect(steps.has('timestamp')).toBe(false);
			expect(src.nested!.length).toBe(names.filter((n) => n.includes('.')).length);
			const mapping = guessMapping(src.columns, src.preview);
			expect(mapping).toMatchObject({
				customerId: 'identityMap.ECID.id',
				timestamp: 'timestamp',
				event: 'eventType',
				value: 'commerce.order.priceTotal'
			});
			const { report, columns } = await loadOne(db, src, mapping);
			expect(report.rows).toBe(events.length);
			expect(report.profiles).toBe(customers);
			expect(report.droppedBadTime).toBe(0);
			// A goal on a nested array field: any product SKU starts with W.
			const spec: GoalSpec = {
				version: 1,
				name: 'W product',
				kind: 'conversion',
				goal: {
					all: [
						{ field: 'eventType', op: 'eq', value: 'commerce.purchases' },
						{ field: 'productListItems.SKU', op: 'startsWith', value: 'W' }
					]
				},
				outcomeWindowDays: 30,
				lookbackDays: 90
			};
			const check = await checkGoal(db, spec, { eventColumns: columns, profileColumns: null });
			expect(check.matchingEvents).toBe(
				events.filter((e) => e.eventType === 'commerce.purchases' && skuStartsWithW(e)).length
			);
			expect(check.matchingEvents).toBeGreaterThan(0);
		});

	it('frees the tables of a record file when it is released', async () => {
		const src = await load('ndjson', enc(toNdjson(events.slice(0, 300))), 'free.ndjson');
		const count = async () =>
			Number(
				(
					await db.query(
						`SELECT count(*) AS n FROM duckdb_tables() WHERE table_name LIKE '${src.registeredAs}__b%'`
					)
				).get(0)?.n
			);
		expect(await count()).toBe(1);
		await releaseSource(db, src);
		expect(await count()).toBe(0);
		await expect(db.query(`SELECT * FROM "${src.registeredAs}"`)).rejects.toThrow();
	});

	it('picks the identity namespace the user chooses', async () => {
		const src = await load('ndjson', enc(toNdjson(events.slice(0, 500))), 'xdm.ndjson');
		const mapping = {
			...guessMapping(src.columns, src.preview),
			customerId: 'identityMap.Email.id'
		};
		await loadOne(db, src, mapping);
		const t = await db.query('SELECT min(__customer_id) AS id FROM events');
		expect(String(t.get(0)?.id)).toMatch(/@example\.com$/);
	});

	it('unions batches whose columns differ (a field first seen late)', async () => {
		const rows = Array.from({ length: 120_000 }, (_, i) => ({
			id: `c${i % 100}`,
			ts: 1_700_000_000 + i,
			...(i >= 100_000 ? { late: i } : {})
		}));
		const src = await load('ndjson', enc(toNdjson(rows)), 'late.ndjson');
		const t = await db.query(`SELECT count(*) AS n, count(late) AS l FROM "${src.registeredAs}"`);
		expect(Number(t.get(0)?.n)).toBe(120_000);
		expect(Number(t.get(0)?.l)).toBe(20_000);
	});
});

/** Events as JSON text with each id written as a bare number token, exactly as given. */
function eventLines(ids: string[]): string[] {
	return ids.map(
		(id, i) =>
			`{"customer_id": ${id}, "timestamp": "2024-01-01T00:00:00Z", "eventType": "${i % 5 ? 'view' : 'purchase'}", "n": ${i}}`
	);
}

const asFile = (format: 'json' | 'ndjson', lines: string[]) =>
	enc(format === 'ndjson' ? lines.join('\n') + '\n' : `[\n${lines.join(',\n')}\n]`);

async function distinctCustomerIds(): Promise<string[]> {
	const t = await db.query('SELECT DISTINCT __customer_id AS id FROM events ORDER BY id');
	return t.toArray().map((r: { id: string }) => r.id);
}

const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe('numeric ids beyond 2^53 come through exactly as written', () => {
	// Doubles are 256 apart near 2^60 and far more beyond int64, so as numbers these 300 ids
	// collapse into a handful of customers.
	const bigIds = Array.from({ length: 300 }, (_, i) => {
		const k = BigInt(i);
		if (i % 3 === 0) return String(2n ** 60n + k);
		if (i % 3 === 1) return String(-(2n ** 60n) - k);
		return String(10n ** 25n + k);
	});
	expect(new Set(bigIds.map(Number)).size).toBeLessThan(10);

	for (const format of ['ndjson', 'json'] as const)
		it(`keeps 300 distinct ids of ${format.toUpperCase()} distinct, each digit for digit`, async () => {
			const ids = [...bigIds, ...bigIds];
			const src = await load(format, asFile(format, eventLines(ids)), `big-ids.${format}`);
			expect(src.columns.find((c) => c.name === 'customer_id')!.type).toBe('VARCHAR');
			const mapping = guessMapping(src.columns, src.preview);
			expect(mapping.customerId).toBe('customer_id');
			const { report } = await loadOne(db, src, mapping);
			expect(report.rows).toBe(600);
			expect(report.profiles).toBe(300);
			const got = await distinctCustomerIds();
			expect(got.length).toBe(300);
			expect(got).toEqual([...bigIds].sort(byCode));
		});

	for (const format of ['ndjson', 'json'] as const)
		it(`reads small ids as "274", not "274.0", when a big id comes after the first batch (${format.toUpperCase()})`, async () => {
			const rows = BATCH_ROWS + 10_000;
			const big = '12345678901234567890';
			const ids = Array.from({ length: rows }, (_, i) =>
				i === BATCH_ROWS + 5_000 ? big : String(i % 300)
			);
			const src = await load(format, asFile(format, eventLines(ids)), `late-big-id.${format}`);
			expect(src.batches).toBe(2);
			// The first batch is BIGINT, the second text: the view must union them to exact text.
			const typeOf = async (k: number) =>
				(
					await db.query(
						`SELECT typeof(customer_id) AS t FROM "${batchTable(src.registeredAs, k)}" LIMIT 1`
					)
				).get(0)?.t as string;
			expect(await typeOf(0)).toBe('BIGINT');
			expect(await typeOf(1)).toBe('VARCHAR');
			expect(src.columns.find((c) => c.name === 'customer_id')!.type).toBe('VARCHAR');
			const { report } = await loadOne(db, src, guessMapping(src.columns, src.preview));
			expect(report.rows).toBe(rows);
			expect(report.profiles).toBe(301);
			const got = await distinctCustomerIds();
			const expected = [...Array.from({ length: 300 }, (_, i) => String(i)), big].sort(byCode);
			expect(got.length).toBe(301);
			expect(got).toEqual(expected);
			expect(got).toContain('274');
			expect(got.filter((id) => !/^\d+$/.test(id))).toEqual([]);
		});

	it('keeps a file of small integer ids BIGINT, each id read as its digits', async () => {
		const ids = Array.from({ length: 1_000 }, (_, i) => String(i % 300));
		const src = await load('ndjson', asFile('ndjson', eventLines(ids)), 'small-ids.ndjson');
		expect(src.columns.find((c) => c.name === 'customer_id')!.type).toBe('BIGINT');
		await loadOne(db, src, guessMapping(src.columns, src.preview));
		const got = await distinctCustomerIds();
		expect(got.length).toBe(300);
		expect(got).toEqual(Array.from({ length: 300 }, (_, i) => String(i)).sort(byCode));
	});
});

describe('Parquet', () => {
	it('reads 64-bit and DECIMAL(p, 0) integers exactly, nulls, structs and lists included', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'pq-int-'));
		const file = path.join(dir, 'ids.parquet');
		const inst = await DuckDBInstance.create(':memory:');
		const c = await inst.connect();
		const columns: Record<string, string> = {
			i64: '1152921504606846976 + i',
			i64_nulls: 'CASE WHEN i % 7 <> 0 THEN -1152921504606846976 - i END',
			u64: '(18446744073709551615 - i)::UBIGINT',
			u64_nulls: 'CASE WHEN i % 7 <> 0 THEN (18446744073709551615 - i)::UBIGINT END',
			d38: `(CASE WHEN i % 2 = 0 THEN '-' ELSE '' END || '1' || lpad(i::VARCHAR, 24, '0'))::DECIMAL(38,0)`,
			d38_small: '(i - 150)::DECIMAL(38,0)',
			d38_nulls: `CASE WHEN i % 7 <> 0 THEN ('9' || lpad(i::VARCHAR, 30, '0'))::DECIMAL(38,0) END`,
			d18: '(123456789012345678 - i)::DECIMAL(18,0)',
			d9: '(i * 1000 - 7)::DECIMAL(9,0)',
			i32: '(i % 300)::INTEGER',
			nested: `{'id': 1152921504606846976 + i}`,
			list: '[1152921504606846976 + i, i]'
		};
		const select = Object.entries(columns)
			.map(([name, sql]) => `${sql} AS ${name}`)
			.join(', ');
		await c.run(
			`COPY (SELECT i AS row, ${select} FROM range(300) t(i)) TO '${file}' (FORMAT parquet)`
		);
		// Our names for the columns: nested ones are flattened to dotted paths.
		const ours = Object.keys(columns).map((n) => (n === 'nested' ? '"nested.id"' : n));
		const theirs = Object.keys(columns).map((n) => (n === 'nested' ? 'nested.id' : n));
		const native = (
			await c.runAndReadAll(
				`SELECT ${theirs.map((n) => `${n}::VARCHAR`).join(', ')} FROM '${file}' ORDER BY row`
			)
		).getRows();
		const src = await load('parquet', new Uint8Array(readFileSync(file)), 'ids.parquet');
		const got = (
			await db.query(
				`SELECT ${ours.map((n, k) => `${n}::VARCHAR AS c${k}`).join(', ')} FROM "${src.registeredAs}" ORDER BY row`
			)
		)
			.toArray()
			.map((r: Record<string, string | null>) => ours.map((_, k) => r[`c${k}`] ?? null));
		expect(got.length).toBe(300);
		let compared = 0;
		got.forEach((row, i) =>
			row.forEach((v, k) => {
				expect([i, theirs[k], v]).toEqual([i, theirs[k], native[i]![k] ?? null]);
				compared++;
			})
		);
		expect(compared).toBe(300 * ours.length);
		expect(got[1]![0]).toBe('1152921504606846977');
		expect(got[2]![4]).toBe('-1000000000000000000000002');
	});

	it('reads required INT32, INT64 and UINT64 columns (typed arrays) exactly', async () => {
		const n = 300;
		const bytes = parquetWriteBuffer({
			columnData: [
				{ name: 'row', data: Int32Array.from({ length: n }, (_, i) => i) },
				{ name: 'i32', data: Int32Array.from({ length: n }, (_, i) => i - 150) },
				{
					name: 'i64',
					data: BigInt64Array.from({ length: n }, (_, i) => 2n ** 62n + BigInt(i))
				},
				{
					name: 'u64',
					data: BigUint64Array.from({ length: n }, (_, i) => 2n ** 64n - 1n - BigInt(i))
				}
			],
			schema: [
				{ name: 'root', num_children: 4 },
				{ name: 'row', type: 'INT32', repetition_type: 'REQUIRED' },
				{ name: 'i32', type: 'INT32', repetition_type: 'REQUIRED' },
				{ name: 'i64', type: 'INT64', repetition_type: 'REQUIRED' },
				{ name: 'u64', type: 'INT64', repetition_type: 'REQUIRED', converted_type: 'UINT_64' }
			]
		});
		const src = await load('parquet', new Uint8Array(bytes), 'required.parquet');
		const t = await db.query(
			`SELECT i32::VARCHAR AS i32, i64::VARCHAR AS i64, u64::VARCHAR AS u64 FROM "${src.registeredAs}" ORDER BY row`
		);
		let compared = 0;
		t.toArray().forEach((r: Record<string, string>, i: number) => {
			expect([r.i32, r.i64, r.u64]).toEqual([
				String(i - 150),
				String(2n ** 62n + BigInt(i)),
				String(2n ** 64n - 1n - BigInt(i))
			]);
			compared++;
		});
		expect(compared).toBe(n);
	});

	it('loads a Parquet file written by native DuckDB, nested columns included', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'pq-'));
		const file = path.join(dir, 'events.parquet');
		const inst = await DuckDBInstance.create(':memory:');
		const c = await inst.connect();
		await c.run(
			`COPY (SELECT 'c' || (i % 300) AS customer_id, TIMESTAMP '2024-01-01' + INTERVAL (i) MINUTE AS event_time, ` +
				`CASE WHEN i % 10 = 0 THEN 'purchase' ELSE 'view' END AS event_name, (i % 97)::DOUBLE AS amount, ` +
				`[{'SKU': CASE WHEN i % 3 = 0 THEN 'W-1' ELSE 'B-2' END, 'quantity': 1}] AS items, {'campaign': 'c' || (i % 4)} AS marketing ` +
				`FROM range(70000) t(i)) TO '${file}' (FORMAT parquet, ROW_GROUP_SIZE 20000, COMPRESSION zstd)`
		);
		const bytes = new Uint8Array(readFileSync(file));
		expect(detectFormat('events.parquet', bytes.subarray(0, 4))).toBe('parquet');
		const src = await load('parquet', bytes, 'events.parquet');
		// What score.sql must know to read them from a table that holds them nested.
		expect(src.nested).toEqual([
			{
				name: 'items.SKU',
				steps: [
					{ field: 'items', list: true },
					{ field: 'SKU', list: false }
				]
			},
			{
				name: 'items.quantity',
				steps: [
					{ field: 'items', list: true },
					{ field: 'quantity', list: false }
				]
			},
			{
				name: 'marketing.campaign',
				steps: [
					{ field: 'marketing', list: false },
					{ field: 'campaign', list: false }
				]
			}
		]);
		const mapping = guessMapping(src.columns, src.preview);
		expect(mapping).toMatchObject({
			customerId: 'customer_id',
			timestamp: 'event_time',
			event: 'event_name',
			value: 'amount'
		});
		const { report, columns } = await loadOne(db, src, mapping);
		expect(report.rows).toBe(70000);
		expect(report.profiles).toBe(300);
		expect(new Date(report.end).toISOString()).toBe(
			new Date(Date.UTC(2024, 0, 1) + 69999 * 60000).toISOString()
		);
		const spec: GoalSpec = {
			version: 1,
			name: 'W',
			kind: 'conversion',
			goal: {
				all: [
					{ field: 'items.SKU', op: 'startsWith', value: 'W' },
					{ field: 'marketing.campaign', op: 'eq', value: 'c0' }
				]
			},
			outcomeWindowDays: 7,
			lookbackDays: 30
		};
		// i % 3 = 0 and i % 4 = 0 → i % 12 = 0.
		expect(
			(await checkGoal(db, spec, { eventColumns: columns, profileColumns: null })).matchingEvents
		).toBe(Math.ceil(70000 / 12));
	});
});

describe('bad record files say what is wrong', () => {
	it('names the line of an NDJSON syntax error', async () => {
		const text = toNdjson(events.slice(0, 5)) + '{"timestamp": "2024-01-01", "id": }\n';
		await expect(load('ndjson', enc(text), 'bad.ndjson')).rejects.toThrow(
			/"bad.ndjson" has a JSON syntax error on line 6/
		);
	});
	it('names the line of a JSON syntax error', async () => {
		const text = '[\n{"a": 1},\n{"a": 2,,}\n]';
		await expect(load('json', enc(text), 'bad.json')).rejects.toThrow(
			/"bad.json" has a JSON syntax error on line 3/
		);
	});
	it('refuses a truncated gzip', async () => {
		const gz = gzipSync(toNdjson(events));
		const cut = new Uint8Array(gz.subarray(0, Math.floor(gz.length / 2)));
		await expect(load('ndjson', cut, 'cut.ndjson.gz')).rejects.toThrow(/damaged or truncated gzip/);
	});
	it('measures a gzip file through to the end, and refuses a truncated one', async () => {
		const text = toNdjson(events);
		const gz = gzipSync(text);
		expect(await gunzippedSize(new Blob([gz]), 'ok.csv.gz')).toBe(Buffer.byteLength(text));
		const cut = new Blob([gz.subarray(0, gz.length >> 1)]);
		await expect(gunzippedSize(cut, 'cut.csv.gz')).rejects.toThrow(
			/"cut.csv.gz" is a damaged or truncated gzip file/
		);
	});
	it('refuses a file with no records', async () => {
		await expect(load('json', enc('[]'), 'empty.json')).rejects.toThrow(/holds no records/);
	});
	it("reads nested Parquet through parquet-wasm as hyparquet does, in the file's own types", async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'pq-fast-'));
		const file = path.join(dir, 'nested.parquet');
		const inst = await DuckDBInstance.create(':memory:');
		const c = await inst.connect();
		await c.run(
			`COPY (SELECT i AS row, 'c' || (i % 40) AS id, TIMESTAMP '2024-01-01' + INTERVAL (i) MINUTE AS ts, ` +
				`CASE WHEN i % 5 = 0 THEN NULL ELSE i * 0.5 END AS amount, i % 2 = 0 AS flag, ` +
				`CASE WHEN i % 3 = 0 THEN NULL ELSE {'order': {'priceTotal': i + 0.25, 'currency': 'EUR'}} END AS commerce, ` +
				`[{'SKU': 'W-' || (i % 7), 'quantity': i % 4}, {'SKU': 'B-1', 'quantity': 1}] AS items, ` +
				`[[i, i + 1], [i + 2]] AS nested_ints, ['a' || i, NULL] AS tags, DATE '2024-02-01' + (i % 30)::INTEGER AS day ` +
				`FROM range(3000) t(i)) TO '${file}' (FORMAT parquet, ROW_GROUP_SIZE 1000)`
		);
		const bytes = new Uint8Array(readFileSync(file));
		const fast = await load('parquet', bytes, 'nested.parquet');
		useParquetWasm(null);
		const slow = await load('parquet', bytes, 'nested.parquet').finally(useParquetWasmInNode);
		// Read by parquet-wasm: the view selects flat columns from batches that keep the nesting.
		expect(fast.columns.map((col) => col.name)).toEqual([
			'row',
			'id',
			'ts',
			'amount',
			'flag',
			'commerce.order.priceTotal',
			'commerce.order.currency',
			'items.SKU',
			'items.quantity',
			'nested_ints',
			'tags',
			'day'
		]);
		const type = (s: Source, name: string) => s.columns.find((col) => col.name === name)?.type;
		expect(type(fast, 'day')).toBe('DATE');
		expect(type(fast, 'items.SKU')).toBe('VARCHAR[]');
		const same = fast.columns.map((col) => col.name).filter((n) => n !== 'day');
		const rows = async (s: Source) =>
			(
				await db.query(
					`SELECT ${same.map((n, k) => `CAST("${n}" AS VARCHAR) AS c${k}`).join(', ')} FROM "${s.registeredAs}" ORDER BY row`
				)
			)
				.toArray()
				.map((r: Record<string, string | null>) => same.map((_, k) => r[`c${k}`] ?? null));
		const [a, b] = [await rows(fast), await rows(slow)];
		expect(a.length).toBe(3000);
		expect(a).toEqual(b);
		expect(a[3]).toEqual([
			'3',
			'c3',
			'2024-01-01 00:03:00',
			'1.5',
			'false',
			null,
			null,
			'[W-3, B-1]',
			'[3, 1]',
			'[3, 4, 5]',
			'[a3, NULL]'
		]);
	});

	it('reads nested Parquet columns with hostile names through parquet-wasm', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'pq-names-'));
		const file = path.join(dir, 'names.parquet');
		const inst = await DuckDBInstance.create(':memory:');
		const c = await inst.connect();
		await c.run(
			`COPY (SELECT i AS row, {'''; DROP x': 'v' || i, 'ü n': i} AS "a""b", [{'k"': i}] AS "l i" ` +
				`FROM range(10) t(i)) TO '${file}' (FORMAT parquet)`
		);
		const src = await load('parquet', new Uint8Array(readFileSync(file)), 'names.parquet');
		expect(src.columns.map((col) => col.name)).toEqual([
			'row',
			`a"b.'; DROP x`,
			'a"b.ü n',
			'l i.k"'
		]);
		const t = await db.query(
			`SELECT "a""b.'; DROP x" AS s, "a""b.ü n" AS n, CAST("l i.k""" AS VARCHAR) AS l FROM "${src.registeredAs}" WHERE row = 7`
		);
		expect(t.toArray()[0]!.toJSON()).toEqual({ s: 'v7', n: 7n, l: '[7]' });
	});

	it('refuses a damaged Parquet file', async () => {
		await expect(
			load('parquet', enc('PAR1 this is not really parquet PAR1'), 'bad.parquet')
		).rejects.toThrow(/not a readable Parquet file/);
	});
});

describe('detectFormat(name, head)', () => {
	it.each([
		['a.csv', 'id,ts\n1,2', 'csv'],
		['a.txt', ' 001 19970101 1', 'csv'],
		['a.json', '[{"a":1}]', 'json'],
		['export', '{"a":1}\n{"a":2}\n', 'ndjson'],
		['a.json', '{\n  "events": []\n}', 'json'],
		['a.jsonl.gz', '{"a":1}', 'ndjson'],
		['data.bin', 'PAR1....', 'parquet']
	])('%s starting %j is %s', (name, head, format) => {
		expect(detectFormat(name, enc(head))).toBe(format);
	});
});
