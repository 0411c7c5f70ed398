// JSON, NDJSON and Parquet through our readers (no DuckDB extension, no network) into the real
// DuckDB-WASM, including nested XDM events, gzip, and the bad inputs of each format.
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { batchTable, releaseSource, unionBatches, type Source } from '../../src/lib/db/ingest';
import { checkGoal } from '../../src/lib/db/goal-check';
import type { Db } from '../../src/lib/db/types';
import { detectFormat, type RecordFormat } from '../../src/lib/engine/ingest/format';
import { guessMapping } from '../../src/lib/engine/ingest/guess';
import type { GoalSpec } from '../../src/lib/engine/types';
import { gunzippedSize } from '../../src/lib/readers/read-json';
import { readRecords } from '../../src/lib/readers/read-records';
import { loadOne, openNodeDb } from '../helpers/node-db';
import { toNdjson, xdmEvents, type XdmEvent } from '../helpers/xdm';

let db: Db;
let tables = 0;
const events = xdmEvents();
const customers = new Set(events.map((e) => e.identityMap.ECID[0]!.id)).size;

beforeAll(async () => {
	db = await openNodeDb();
});

async function load(format: RecordFormat, bytes: Uint8Array, name: string): Promise<Source> {
	const table = `records_${tables++}`;
	let k = 0;
	await readRecords(format, new Blob([bytes as Uint8Array<ArrayBuffer>]), name, {
		onBatch: (ipc) => db.insertArrow(batchTable(table, k++), ipc)
	});
	return unionBatches(db, name, table, k, bytes.length, format);
}

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

describe('Parquet', () => {
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
