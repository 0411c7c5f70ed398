import { beforeAll, describe, expect, it } from 'vitest';
import { describeSource, InputError, loadProfiles, sourceRelation } from '../../src/lib/db/ingest';
import { isNumericText } from '../../src/lib/db/quality-report';
import { toRows } from '../../src/lib/db/rows';
import { warmUp } from '../../src/lib/db/warm-up';
import { quoteLiteral } from '../../src/lib/engine/sql/quote';
import type { Db } from '../../src/lib/db/types';
import { guessMapping } from '../../src/lib/engine/ingest/guess';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openNativeDb } from '../../bench/native-db';
import { HAS_SHARED, openNodeDb, sharedFile, loadOne } from '../helpers/node-db';

let db: Db;
beforeAll(async () => {
	db = await openNodeDb();
});

async function register(name: string, bytes: Uint8Array, as: string) {
	await db.registerFile(as, bytes);
	return describeSource(db, name, as, bytes.length);
}

const text = (s: string) => new TextEncoder().encode(s);

describe.skipIf(!HAS_SHARED)('ingest of real files (../shared/datasets)', () => {
	it('reads CDNOW, a whitespace-separated file with YYYYMMDD dates and zero-padded ids', async () => {
		const src = await register(
			'CDNOW_master.txt',
			sharedFile('cdnow/CDNOW_master.txt'),
			'upload_0.csv'
		);
		expect(src.format).toBe('whitespace');
		expect(src.columns.map((c) => c.name)).toEqual([
			'customer_id',
			'date',
			'number_of_cds',
			'dollar_value'
		]);
		const mapping = guessMapping(src.columns, src.preview);
		expect(mapping).toMatchObject({
			customerId: 'customer_id',
			timestamp: 'date',
			timestampFormat: '%Y%m%d',
			event: null,
			eventName: 'purchase',
			value: 'dollar_value'
		});
		const { report } = await loadOne(db, src, mapping);
		expect(report.rows).toBe(69659);
		expect(report.profiles).toBe(23570);
		expect(new Date(report.start).toISOString().slice(0, 10)).toBe('1997-01-01');
		expect(new Date(report.end).toISOString().slice(0, 10)).toBe('1998-06-30');
		expect(report.droppedBadTime).toBe(0);
		const ids = await db.query(`SELECT min(__customer_id) AS m FROM events`);
		expect(String(ids.get(0)?.m)).toBe('00001');
	});

	it('reads the grocery CSV with dates and no value or event column', async () => {
		const src = await register(
			'groceryElog.csv',
			sharedFile('grocery_btydplus/groceryElog.csv'),
			'upload_1.csv'
		);
		expect(src.format).toBe('csv');
		const mapping = guessMapping(src.columns, src.preview);
		expect(mapping).toMatchObject({
			customerId: 'cust',
			timestamp: 'date',
			event: null,
			value: null
		});
		const { report } = await loadOne(db, src, mapping);
		expect(report.rows).toBe(10483);
		expect(report.profiles).toBe(1525);
		expect(report.eventTypes).toEqual([{ event: 'purchase', count: 10483 }]);
	});
});

describe('warm-up at engine start', () => {
	it('runs the load path and leaves no table, view or file behind', async () => {
		const fresh = await openNodeDb();
		const names = async () =>
			(await fresh.query(`SELECT table_name FROM information_schema.tables`))
				.toArray()
				.map((r: { table_name: string }) => r.table_name)
				.filter((n) => !n.startsWith('__rejects'));
		await warmUp(fresh);
		expect(await names()).toEqual([]);
		await expect(fresh.query(`SELECT * FROM read_csv('warm_up.csv')`)).rejects.toThrow();
		await fresh.registerFile('upload_0.csv', text('id,ts\n1,2024-01-01\n2,2024-01-02\n'));
		const src = await describeSource(fresh, 'a.csv', 'upload_0.csv', 30);
		const { report } = await loadOne(fresh, src, {
			customerId: 'id',
			timestamp: 'ts',
			event: null,
			eventName: 'e'
		});
		expect(report.rows).toBe(2);
	});
});

describe('bad input keeps what was loaded', () => {
	beforeAll(async () => {
		const good = await register(
			'good.csv',
			text('id,ts,ev\n1,2024-01-01,a\n2,2024-01-02,b\n3,2024-01-03,a\n'),
			'upload_g.csv'
		);
		await loadOne(db, good, { customerId: 'id', timestamp: 'ts', event: 'ev' });
	});

	it('refuses an empty file', async () => {
		await expect(register('empty.csv', new Uint8Array(), 'upload_e.csv')).rejects.toThrow(
			/is empty/
		);
	});
	it('refuses a binary file as not a text table', async () => {
		const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0xff, 0xfe, 10, 0, 1, 2, 3]);
		await expect(register('photo.png', bytes, 'upload_b.csv')).rejects.toThrow(/not a text table/);
	});
	it('refuses a header without rows', async () => {
		await expect(register('h.csv', text('a,b,c\n'), 'upload_h.csv')).rejects.toThrow(/no rows/);
	});
	it('refuses a file whose timestamp column never parses, and keeps the previous events', async () => {
		const before = await db.query('SELECT count(*) AS n FROM events');
		const src = await register(
			'bad.csv',
			text('user,when,what\n1,soon,a\n2,later,b\n'),
			'upload_t.csv'
		);
		const mapping = { customerId: 'user', timestamp: 'when', event: 'what' };
		const err = await loadOne(db, src, mapping).catch((e: unknown) => e);
		expect(err).toBeInstanceOf(InputError);
		expect((err as Error).message).toMatch(/No row of "bad.csv" has a timestamp.*"when".*"soon"/);
		const after = await db.query('SELECT count(*) AS n FROM events');
		expect(Number(before.get(0)?.n)).toBe(3);
		expect(Number(after.get(0)?.n)).toBe(3);
	});
	it('counts rows it drops and says why', async () => {
		const src = await register(
			'mixed.csv',
			text(
				'id,ts,ev\n1,2024-01-01 10:00:00,a\n,2024-01-02 10:00:00,a\n3,not a date,b\n4,2024-01-03,b\n'
			),
			'upload_m.csv'
		);
		const { report } = await loadOne(db, src, {
			customerId: 'id',
			timestamp: 'ts',
			event: 'ev'
		});
		expect(report).toMatchObject({
			sourceRows: 4,
			rows: 2,
			droppedNoId: 1,
			droppedBadTime: 1,
			badTimeExample: 'not a date'
		});
	});
	it('reports the span, rows and empty shares of the rows kept, empty event types included', async () => {
		const src = await register(
			'kept.csv',
			text(
				'id,ts,ev,ch\n1,2024-01-01 10:00:00,a,web\n2,2024-01-02 10:00:00,,web\n,2023-01-01 10:00:00,b,\n3,2024-01-03 10:00:00,b,\n'
			),
			'upload_k.csv'
		);
		const { report } = await loadOne(db, src, { customerId: 'id', timestamp: 'ts', event: 'ev' });
		// The row without id is dropped before the report: its 2023 time and empty channel do not count.
		expect(report).toMatchObject({ sourceRows: 4, rows: 3, droppedNoId: 1, profiles: 3 });
		expect(new Date(report.start).toISOString()).toBe('2024-01-01T10:00:00.000Z');
		expect(new Date(report.end).toISOString()).toBe('2024-01-03T10:00:00.000Z');
		const share = (c: string) => report.columns.find((x) => x.column === c)?.nullShare;
		expect(share('ch')).toBeCloseTo(1 / 3, 12);
		expect(share('ev')).toBeCloseTo(1 / 3, 12);
		expect(report.eventTypes.reduce((a, t) => a + t.count, 0)).toBe(3);
	});

	it('sniffs a CSV file once: later reads keep the dialect and types it found', async () => {
		const src = await register(
			'once.csv',
			text('id;ts;v\n1;2024-01-01;5\n2;2024-01-02;6\n'),
			'upload_o.csv'
		);
		expect(src.csv?.dialect).toMatchObject({ delim: ';', header: true });
		expect(src.columns.find((c) => c.name === 'v')?.type).toBe('BIGINT');
		// Sniffed again, the new contents would read with commas and "v" as DOUBLE.
		await db.registerFile('upload_o.csv', text('id,ts,v\n1,2024-01-01,5.5\n'));
		const again = toRows(await db.query(`DESCRIBE SELECT * FROM ${sourceRelation(src, [])}`));
		expect(again.map((r) => `${String(r.column_name)} ${String(r.column_type)}`)).toEqual([
			'id BIGINT',
			'ts DATE',
			'v BIGINT'
		]);
	});

	it('sniffs with a small buffer as with the default one, rows beyond the first buffer included', async () => {
		// 20,000 rows of 330 bytes: row 15,000, about 5 MB in, past the 4 MB sample buffer, holds
		// the one text value of column "a".
		const pad = 'x'.repeat(300);
		const rows = Array.from(
			{ length: 20_000 },
			(_, i) => `${i === 15_000 ? 'abc' : i},${pad}${i},2025-01-01 10:00:00`
		);
		const bytes = text(`a,b,c\n${rows.join('\n')}\n`);
		expect(bytes.length).toBeGreaterThan(5 << 20);
		const src = await register('wide.csv', bytes, 'upload_wide.csv');
		const byDefault = toRows(
			await db.query(
				"SELECT Delimiter, HasHeader, [c.name || ' ' || c.type FOR c IN Columns] AS columns FROM sniff_csv('upload_wide.csv')"
			)
		)[0]!;
		const columns = Array.from(byDefault.columns as Iterable<string>, String);
		expect(columns).toEqual(['a VARCHAR', 'b VARCHAR', 'c TIMESTAMP']);
		expect(src.csv?.dialect.columns.map((c) => `${c.name} ${c.type}`)).toEqual(columns);
		expect(src.csv?.dialect).toMatchObject({ delim: byDefault.Delimiter, header: true });
		expect(src.preview).toHaveLength(10);
	});

	it('tells numeric ids from text exactly as TRY_CAST AS DOUBLE does', async () => {
		const ids = [
			...['12', '007', ' 12', '\t3', '\n4', '+1', '-2', '.5', '-.5', '1e5', '1E-3', '1.'],
			...['inf', 'Infinity', '-inf', 'nan', 'NaN', ' nan', '0x1A', '1_000', '12 ', '1,5'],
			...['', ' ', 'x1', '1x', 'ECID-1', 'ABC-9', 'i', 'n', 'info', 'none', 'Nope', '.', '+', '-'],
			...['١٢', '１２', '\u00a012', 'e5', '--1', '1..2', 'NULL', 'true', '%', '€5']
		];
		const values = ids.map((id) => `(${quoteLiteral(id)})`).join(', ');
		const rows = toRows(
			await db.query(
				`SELECT id, TRY_CAST(id AS DOUBLE) IS NOT NULL AS expected, ${isNumericText('id')} AS got FROM (VALUES ${values}) AS t(id)`
			)
		);
		expect(rows.length).toBe(ids.length);
		expect(rows.filter((r) => r.got !== r.expected)).toEqual([]);
		// Both kinds are among them, so the check compared each way.
		expect(rows.filter((r) => r.expected).length).toBeGreaterThan(10);
		expect(rows.filter((r) => !r.expected).length).toBeGreaterThan(10);
	});

	it('reads text timestamps with UTC offsets, YYYYMMDD text and day-first dates', async () => {
		const src = await register(
			'tz.csv',
			text(
				'id,ts\n1,2024-01-01T10:00:00+02:00\n2,2024-01-01T10:00:00Z\n3,2024-01-01 10:00:00\n4,20240101\n5,31/01/2024 10:30\n'
			),
			'upload_tz.csv'
		);
		const { report } = await loadOne(db, src, {
			customerId: 'id',
			timestamp: 'ts',
			event: null,
			eventName: 'e'
		});
		expect(report.droppedBadTime).toBe(0);
		const t = await db.query('SELECT __customer_id AS id, __t AS t FROM events ORDER BY 1');
		expect(t.toArray().map((r: { t: bigint }) => new Date(Number(r.t)).toISOString())).toEqual([
			'2024-01-01T08:00:00.000Z',
			'2024-01-01T10:00:00.000Z',
			'2024-01-01T10:00:00.000Z',
			'2024-01-01T00:00:00.000Z',
			'2024-01-31T10:30:00.000Z'
		]);
	});

	it('reads epoch seconds and milliseconds by magnitude', async () => {
		const src = await register(
			'epoch.csv',
			text('id,s,ms\n1,1704067200,1704067200000\n'),
			'upload_ep.csv'
		);
		for (const col of ['s', 'ms']) {
			const { report } = await loadOne(db, src, {
				customerId: 'id',
				timestamp: col,
				event: null,
				eventName: 'e'
			});
			expect(new Date(report.start).toISOString()).toBe('2024-01-01T00:00:00.000Z');
		}
	});

	it('skips a header repeated halfway and reports the line', async () => {
		const rows = ['customer_id,date,amount'];
		for (let i = 0; i < 30000; i++) {
			rows.push(`${i % 400},2024-01-${String(1 + (i % 28)).padStart(2, '0')},${i % 50}.5`);
			if (i === 25000) rows.push('customer_id,date,amount');
		}
		const src = await register('joined.csv', text(rows.join('\n')), 'upload_rh.csv');
		const { report } = await loadOne(db, src, {
			customerId: 'customer_id',
			timestamp: 'date',
			event: null,
			eventName: 'purchase',
			value: 'amount'
		});
		expect(report.rows).toBe(30000);
		expect(report.rejected).toBe(1);
		expect(report.files[0]!.rejectedExample).toMatchObject({
			line: 25003,
			text: 'customer_id,date,amount'
		});
		// A second load of the same file reports the same line once, not once per scan.
		const again = await loadOne(db, src, {
			customerId: 'customer_id',
			timestamp: 'date',
			event: null,
			eventName: 'purchase',
			value: 'amount'
		});
		expect(again.report.rejected).toBe(1);
	});

	it('reports customer ids that mix numbers and text', async () => {
		const rows = [
			'id,ts',
			...Array.from({ length: 30000 }, (_, i) => `${i % 300},2024-02-01`),
			'ABC-9,2024-02-02',
			'x7,2024-02-02'
		];
		const src = await register('mixed-ids.csv', text(rows.join('\n')), 'upload_mx.csv');
		const { report } = await loadOne(db, src, {
			customerId: 'id',
			timestamp: 'ts',
			event: null,
			eventName: 'e'
		});
		expect(report.rows).toBe(30002);
		expect(report.idMix).toEqual({
			numeric: 300,
			text: 2,
			numericExample: '0',
			textExample: 'ABC-9'
		});
	});

	it('counts exact duplicates (empty values equal), not events that differ in one field', async () => {
		const rows = [
			'id,ts,ev,v,note',
			// 3 copies of one event (2 duplicates), the empty value included; the note differs.
			'1,2024-01-01 10:00:00,a,,x',
			'1,2024-01-01 10:00:00,a,,y',
			'1,2024-01-01 10:00:00,a,,z',
			// 2 copies with a value (1 duplicate).
			'2,2024-01-02 10:00:00,b,5.5,',
			'2,2024-01-02 10:00:00,b,5.5,',
			// One field differs each time: no duplicates.
			'2,2024-01-02 10:00:00,b,5.6,',
			'2,2024-01-02 10:00:01,b,5.5,',
			'2,2024-01-02 10:00:00,c,5.5,',
			'3,2024-01-02 10:00:00,b,5.5,',
			// Many distinct events, so the duplicates are few among them.
			...Array.from({ length: 5000 }, (_, i) => `${i % 70},2024-03-01 00:00:00,e${i},${i},`)
		];
		const src = await register('dups.csv', text(rows.join('\n')), 'upload_dup.csv');
		const { report } = await loadOne(db, src, {
			customerId: 'id',
			timestamp: 'ts',
			event: 'ev',
			value: 'v'
		});
		expect(report.rows).toBe(5009);
		expect(report.duplicates).toBe(3);
		expect(report.profiles).toBe(70);
	});

	it('derives the value as unit price × quantity', async () => {
		const src = await register(
			'retail.csv',
			text(
				'InvoiceNo,Quantity,InvoiceDate,UnitPrice,CustomerID\n1,3,12/1/2010 8:26,2.5,17850\n2,2,12/1/2010 9:00,4.0,13047\n'
			),
			'upload_rt.csv'
		);
		const mapping = guessMapping(src.columns, src.preview);
		expect(mapping).toMatchObject({
			customerId: 'CustomerID',
			value: 'UnitPrice',
			valueTimes: 'Quantity',
			timestamp: 'InvoiceDate'
		});
		await loadOne(db, src, mapping);
		const t = await db.query('SELECT sum(__value) AS v FROM events');
		expect(Number(t.get(0)?.v)).toBe(3 * 2.5 + 2 * 4);
	});

	it('loads profiles keyed by customer id, one row each', async () => {
		const src = await register(
			'p.csv',
			text('cid,plan,age\n1,pro,30\n1,free,31\n2,free,40\n'),
			'upload_p.csv'
		);
		const cols = await loadProfiles(db, src, 'cid');
		expect(cols.map((c) => c.name)).toEqual(['__customer_id', 'cid', 'plan', 'age']);
		const n = await db.query('SELECT count(*) AS n FROM profiles');
		expect(Number(n.get(0)?.n)).toBe(2);
		const first = await db.query(`SELECT plan FROM profiles WHERE cid = 1`);
		expect(first.get(0)?.plan).toBe('pro');
	});

	it('keeps the first row of a repeated profile on several threads too (native DuckDB)', async () => {
		// Each id twice, the second time 200,000 lines later: far enough apart that several
		// threads read them, where a window without an order kept whichever row came first.
		const ids = 200_000;
		const lines = ['cid,plan'];
		for (let i = 0; i < ids; i++) lines.push(`${i},first`);
		for (let i = 0; i < ids; i++) lines.push(`${ids - 1 - i},second`);
		const file = path.join(mkdtempSync(path.join(tmpdir(), 'profiles-')), 'p.csv');
		writeFileSync(file, lines.join('\n'));
		const native = await openNativeDb();
		native.link('upload_p.csv', file);
		const src = await describeSource(native, 'p.csv', 'upload_p.csv', 1);
		await loadProfiles(native, src, 'cid');
		const r = await native.query(
			`SELECT count(*) AS n, count(*) FILTER (WHERE plan = 'first') AS kept FROM profiles`
		);
		expect(Number(r.get(0)?.n)).toBe(ids);
		expect(Number(r.get(0)?.kept)).toBe(ids);
	});
});
