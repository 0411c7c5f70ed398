// A record file whose columns already have the events' types (a Parquet export: text ids, typed
// times, numeric values) is not copied into an events table: the events are a view over its
// batch tables (events.ts), which hold it in as few tables as its schemas allow
// (batch-tables.ts). The view must give exactly the events, report and features the copy gives.
import { DuckDBInstance } from '@duckdb/node-api';
import * as arrow from 'apache-arrow';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BatchTables, ipcSchemaBytes } from '../../src/lib/db/batch-tables';
import { eventsAsView, loadEvents } from '../../src/lib/db/events';
import { describeSource, InputError, unionBatches, type Source } from '../../src/lib/db/ingest';
import { buildMatrix } from '../../src/lib/db/matrix';
import { relationKind } from '../../src/lib/db/relations';
import { toRows } from '../../src/lib/db/rows';
import type { Db } from '../../src/lib/db/types';
import { generateDemo } from '../../src/lib/engine/demo/generate';
import { guessMapping } from '../../src/lib/engine/ingest/guess';
import { EVENTS_TABLE, type EventMapping } from '../../src/lib/engine/types';
import { demoGoal } from '../helpers/demo-db';
import { loadOne, loadRecordFile, openNodeDb } from '../helpers/node-db';
import { useParquetWasmInNode } from '../helpers/parquet-wasm';

beforeAll(() => useParquetWasmInNode());

const demo = generateDemo({ customers: 500, seed: 11 });
const dir = mkdtempSync(path.join(tmpdir(), 'events-view-'));

/** The demo's events as Parquet (typed by native DuckDB's CSV reader), in row groups of `rows`. */
async function demoParquet(select = '*', rows = 5000): Promise<Uint8Array> {
	const csv = path.join(dir, 'demo.csv');
	writeFileSync(csv, demo.eventsCsv);
	const file = path.join(dir, `demo-${rows}-${select.length}.parquet`);
	const c = await (await DuckDBInstance.create(':memory:')).connect();
	await c.run(
		`COPY (SELECT ${select} FROM read_csv('${csv}')) TO '${file}' (FORMAT parquet, ROW_GROUP_SIZE ${rows})`
	);
	return new Uint8Array(readFileSync(file));
}

async function demoFromCsv(): Promise<{ db: Db; source: Source }> {
	const db = await openNodeDb();
	const bytes = new TextEncoder().encode(demo.eventsCsv);
	await db.registerFile('upload_0.csv', bytes);
	return { db, source: await describeSource(db, 'demo.csv', 'upload_0.csv', bytes.length) };
}

const EVENT_ROWS = `SELECT * EXCLUDE (__file) FROM ${EVENTS_TABLE} ORDER BY ALL`;

describe('events as a view over a typed record file', () => {
	it('gives the events, report and feature matrix of the copied events', async () => {
		const csv = await demoFromCsv();
		const mapping = guessMapping(csv.source.columns, csv.source.preview);
		const copied = await loadOne(csv.db, csv.source, mapping);
		expect(await relationKind(csv.db, EVENTS_TABLE)).toBe('TABLE');

		const db = await openNodeDb();
		const pq = await loadRecordFile(db, 'parquet', await demoParquet(), 'demo.parquet', 'r');
		// Many row groups, one schema: one table.
		expect(pq.batches).toBe(1);
		expect(guessMapping(pq.columns, pq.preview)).toEqual(mapping);
		const viewed = await loadOne(db, pq, mapping);
		expect(await relationKind(db, EVENTS_TABLE)).toBe('VIEW');

		const a = toRows(await csv.db.query(EVENT_ROWS));
		const b = toRows(await db.query(EVENT_ROWS));
		expect(a.length).toBe(demo.events);
		expect(b).toEqual(a);
		const { files: fa, ...ra } = copied.report;
		const { files: fb, ...rb } = viewed.report;
		expect(rb).toEqual(ra);
		expect(fb.map((f) => f.rows)).toEqual(fa.map((f) => f.rows));
		expect(viewed.columns).toEqual(copied.columns);

		const ma = await buildMatrix(csv.db, demoGoal, {
			eventColumns: copied.columns,
			profileColumns: null
		});
		const mb = await buildMatrix(db, demoGoal, {
			eventColumns: viewed.columns,
			profileColumns: null
		});
		expect(mb.rows).toBe(ma.rows);
		expect(ma.rows).toBeGreaterThan(1000);
		expect(mb.customerIds).toEqual(ma.customerIds);
		expect(Array.from(mb.cutoffIndex)).toEqual(Array.from(ma.cutoffIndex));
		expect(Array.from(mb.labels)).toEqual(Array.from(ma.labels));
		expect(Array.from(mb.x)).toEqual(Array.from(ma.x));
	});

	it('copies only the usable rows when some have no id or time', async () => {
		const db = await openNodeDb();
		const select = `CASE WHEN row_number() OVER () % 50 = 0 THEN NULL ELSE ecid END AS ecid, * EXCLUDE (ecid)`;
		const pq = await loadRecordFile(db, 'parquet', await demoParquet(select), 'holes.parquet', 'h');
		const mapping = guessMapping(pq.columns, pq.preview);
		expect(eventsAsView([{ source: pq, mapping }])).toBe(true);
		const { report } = await loadOne(db, pq, mapping);
		expect(report.droppedNoId).toBe(Math.floor(demo.events / 50));
		expect(report.rows).toBe(demo.events - report.droppedNoId);
		expect(await relationKind(db, EVENTS_TABLE)).toBe('TABLE');
		const n = toRows(await db.query(`SELECT count(*) AS n FROM ${EVENTS_TABLE}`))[0]!.n;
		expect(Number(n)).toBe(report.rows);
		expect(await relationKind(db, `${EVENTS_TABLE}_next_kept`)).toBeNull();
	});

	it('copies what would cost a parse on every read, or lives in many tables', async () => {
		const db = await openNodeDb();
		const pq = await loadRecordFile(db, 'parquet', await demoParquet(), 'demo.parquet', 'k');
		const mapping = guessMapping(pq.columns, pq.preview);
		const text = await loadRecordFile(
			db,
			'parquet',
			await demoParquet('CAST("timestamp" AS VARCHAR) AS "timestamp", * EXCLUDE ("timestamp")'),
			'text-times.parquet',
			't'
		);
		const cases: [string, Source, EventMapping, boolean][] = [
			['typed', pq, mapping, true],
			['text times', text, mapping, false],
			['a format to parse with', pq, { ...mapping, timestampFormat: '%Y-%m-%d' }, false],
			['in 9 tables', { ...pq, batches: 9 }, mapping, false],
			['a CSV file', { ...pq, format: 'csv' }, mapping, false]
		];
		for (const [label, source, m, view] of cases)
			expect([label, eventsAsView([{ source, mapping: m }])]).toEqual([label, view]);
		await loadOne(db, text, mapping);
		expect(await relationKind(db, EVENTS_TABLE)).toBe('TABLE');
		expect(cases).toHaveLength(5);
	});

	it('says what is wrong when a value of the view cannot be read', async () => {
		const db = await openNodeDb();
		// Epoch microseconds (by magnitude) one of which no BIGINT holds: the view's read fails.
		const rows = Array.from({ length: 100 }, (_, i) => ({
			id: `c${i % 7}`,
			t: i === 60 ? 1e300 : 1.7e15 + i * 1e9
		}));
		const bytes = new TextEncoder().encode(JSON.stringify(rows));
		const src = await loadRecordFile(db, 'json', bytes, 'huge.json', 'j');
		const mapping: EventMapping = {
			customerId: 'id',
			timestamp: 't',
			event: null,
			eventName: 'visit'
		};
		expect(eventsAsView([{ source: src, mapping }])).toBe(true);
		const e: unknown = await loadEvents(db, [{ source: src, mapping }]).catch((x: unknown) => x);
		expect(e).toBeInstanceOf(InputError);
		expect((e as Error).message).toMatch(/^"huge\.json" could not be read/);
		expect(await relationKind(db, EVENTS_TABLE)).toBeNull();
	});
});

describe('batch tables', () => {
	const ipc = (columns: Record<string, arrow.Vector>) =>
		arrow.tableToIPC(new arrow.Table(columns), 'stream');
	const ids = (from: number) =>
		arrow.vectorFromArray([`a${from}`, `a${from + 1}`], new arrow.Utf8());
	const n = (v: number) => arrow.vectorFromArray([v, v + 1], new arrow.Float64());

	it('appends a batch with the schema of the one before, and starts a table otherwise', async () => {
		const db = await openNodeDb();
		const tables = new BatchTables(db, 'b');
		await tables.insert(ipc({ id: ids(0), n: n(0) }));
		await tables.insert(ipc({ id: ids(2), n: n(2) }));
		await tables.insert(ipc({ id: ids(4) })); // a column fewer
		await tables.insert(ipc({ n: n(6), id: ids(6) })); // the columns in another order
		await tables.insert(ipc({ n: n(8), id: ids(8) }));
		expect(tables.count).toBe(3);
		expect(tables.order()).toEqual([0, 1, 2]);
		await unionBatches(db, 'b.json', 'b', tables.order(), 1, 'json');
		const got = toRows(await db.query('SELECT id, n FROM b'));
		expect(got.map((r) => r.id)).toEqual(Array.from({ length: 10 }, (_, i) => `a${i}`));
		expect(got.map((r) => r.n)).toEqual([0, 1, 2, 3, null, null, 6, 7, 8, 9]);
	});

	it('keeps each part in tables of its own, listed part after part', async () => {
		const db = await openNodeDb();
		const tables = new BatchTables(db, 'p');
		await tables.insert(ipc({ id: ids(4), n: n(4) }), 1);
		await tables.insert(ipc({ id: ids(0), n: n(0) }), 0);
		await tables.insert(ipc({ id: ids(6), n: n(6) }), 1);
		await tables.insert(ipc({ id: ids(2), n: n(2) }), 0);
		expect(tables.order()).toEqual([1, 0]);
		await unionBatches(db, 'p.ndjson', 'p', tables.order(), 1, 'ndjson');
		const got = toRows(await db.query('SELECT id FROM p'));
		expect(got.map((r) => r.id)).toEqual(Array.from({ length: 8 }, (_, i) => `a${i}`));
	});

	it('reads the schema message that opens a stream', () => {
		const a = ipc({ id: ids(0) });
		const schema = ipcSchemaBytes(a)!;
		expect(schema.length).toBeGreaterThan(8);
		expect(schema.length).toBeLessThan(a.length);
		expect(ipcSchemaBytes(ipc({ id: ids(10) }))).toEqual(schema);
		expect(ipcSchemaBytes(a.subarray(0, 6))).toBeNull();
		expect(ipcSchemaBytes(a.subarray(0, schema.length - 1))).toBeNull();
	});
});
