// Files as people's tools export them, opened as the app opens a picked file (openSource with a
// File): other encodings, decimal commas, epoch times, stray lines, misnamed archives, NUL bytes.
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadEvents } from '../../src/lib/db/events';
import { explainReadError, sourceRelation, type Source } from '../../src/lib/db/ingest';
import { timestampMagnitude } from '../../src/lib/db/timestamps';
import { toRows } from '../../src/lib/db/rows';
import type { Db } from '../../src/lib/db/types';
import { guessMapping } from '../../src/lib/engine/ingest/guess';
import { readRecords } from '../../src/lib/readers/read-records';
import { openSource } from '../../src/lib/state/open-source';
import { epochNote, readNotes } from '../../src/lib/state/data.svelte';
import { openNodeDb } from '../helpers/node-db';

let db: Db;
beforeAll(async () => {
	db = await openNodeDb();
});

const utf8 = (s: string) => new TextEncoder().encode(s);
const open = (name: string, bytes: Uint8Array) =>
	openSource(db, new File([bytes as Uint8Array<ArrayBuffer>], name));

function utf16le(s: string, bom = true): Uint8Array {
	const out = new Uint8Array((bom ? 2 : 0) + s.length * 2);
	if (bom) out.set([0xff, 0xfe]);
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		out[(bom ? 2 : 0) + 2 * i] = c & 0xff;
		out[(bom ? 2 : 0) + 2 * i + 1] = c >> 8;
	}
	return out;
}

// Windows-1252 bytes of the few characters these tests use beyond ASCII.
const CP1252: Record<string, number> = { é: 0xe9, ü: 0xfc, '€': 0x80, ß: 0xdf };
function cp1252(s: string): Uint8Array {
	return Uint8Array.from([...s].map((ch) => CP1252[ch] ?? ch.charCodeAt(0)));
}

async function load(src: Source) {
	const mapping = guessMapping(src.columns, src.preview);
	const loaded = await loadEvents(db, [{ source: src, mapping }]);
	return { mapping, ...loaded };
}

const eventRows = async () =>
	toRows(
		await db.query(
			'SELECT __customer_id AS id, __event AS event, __value AS value, __t AS t FROM events ORDER BY __t, __customer_id'
		)
	);

describe('messy files', () => {
	it('decodes Excel "Unicode text" (UTF-16LE with a byte order mark, tab-separated)', async () => {
		const text =
			'Customer\tDate\tEvent\n' + ['Zoë\t2024-01-02\tcafé', 'Jürgen\t2024-01-03\tbuy'].join('\n');
		const src = await open('export.txt', utf16le(text));
		expect(src.encoding).toBe('utf-16le');
		expect(readNotes(src).join()).toMatch(/UTF-16/);
		expect(src.columns.map((c) => c.name)).toEqual(['Customer', 'Date', 'Event']);
		await load(src);
		const rows = await eventRows();
		expect(rows.map((r) => [r.id, r.event])).toEqual([
			['Zoë', 'café'],
			['Jürgen', 'buy']
		]);
	});

	it('decodes UTF-16LE without a byte order mark', async () => {
		const src = await open('nobom.csv', utf16le('id,ts\nA,2024-01-02\nB,2024-01-03\n', false));
		expect(src.encoding).toBe('utf-16le');
		expect(src.columns.map((c) => c.name)).toEqual(['id', 'ts']);
	});

	it('decodes Windows-1252 text, € and accents included, and says so', async () => {
		const src = await open(
			'latin.csv',
			cp1252('kunde,zeit,ereignis\nMüller,2024-01-02,Kauf €\nRené,2024-01-03,Straße\n')
		);
		expect(src.encoding).toBe('windows-1252');
		expect(readNotes(src).join()).toMatch(/Windows-1252/);
		const { mapping } = await load(src);
		expect(mapping).toMatchObject({ customerId: 'kunde', timestamp: 'zeit', event: 'ereignis' });
		expect((await eventRows()).map((r) => [r.id, r.event])).toEqual([
			['Müller', 'Kauf €'],
			['René', 'Straße']
		]);
	});

	it('reads decimal commas as numbers in a ;-separated file, and guesses German names', async () => {
		const lines = ['Kundennummer;Datum;Ereignis;Betrag;Menge'];
		const amounts = ['12,50', '1.234,75', '7', '-3,5', '', '0,99'];
		amounts.forEach((a, i) => lines.push(`K${i};2024-01-0${i + 1};Kauf;${a};1`));
		const src = await open('bestellungen.csv', utf8(lines.join('\n')));
		expect(src.csv?.decimalComma).toEqual(['Betrag']);
		expect(src.columns.find((c) => c.name === 'Betrag')?.type).toBe('DOUBLE');
		expect(readNotes(src).join()).toMatch(/decimal commas.*"Betrag"/);
		const { mapping } = await load(src);
		expect(mapping).toMatchObject({
			customerId: 'Kundennummer',
			timestamp: 'Datum',
			event: 'Ereignis',
			value: 'Betrag'
		});
		const values = (await eventRows()).map((r) => r.value);
		expect(values).toEqual([12.5, 1234.75, 7, -3.5, null, 0.99]);
	});

	it.each([
		[['cliente', 'data', 'evento', 'valor'], 'Portuguese'],
		[['id_cliente', 'fecha', 'tipo_evento', 'importe'], 'Spanish'],
		[['client', 'date', 'événement', 'montant'], 'French']
	])('guesses %j (%s)', async (names) => {
		const src = await open(
			'x.csv',
			utf8(`${names.join(';')}\nc1;2024-01-02;achat;10,5\nc2;2024-01-03;vue;3\n`)
		);
		const m = guessMapping(src.columns, src.preview);
		expect([m.customerId, m.timestamp, m.event, m.value]).toEqual(names);
		expect(src.columns.find((c) => c.name === names[3])?.type).toBe('DOUBLE');
	});

	it('leaves a comma-separated file with quoted "1,234" alone (a US thousands separator)', async () => {
		const src = await open(
			'us.csv',
			utf8('id,ts,amount\na,2024-01-02,"1,234"\nb,2024-01-03,"2,500"\n')
		);
		expect(src.csv?.decimalComma).toEqual([]);
	});

	it('guesses epoch seconds, milliseconds and microseconds as the timestamp, and says how it reads them', async () => {
		const s = 1704067200;
		for (const [unit, k] of [
			['seconds', 1],
			['milliseconds', 1e3],
			['microseconds', 1e6]
		] as const) {
			const src = await open(
				'epoch.csv',
				utf8(`user,created,amount\nu1,${s * k},5\nu2,${(s + 86400) * k},6\n`)
			);
			const { mapping, report } = await load(src);
			expect(mapping.timestamp, unit).toBe('created');
			expect(new Date(report.start).toISOString(), unit).toBe('2024-01-01T00:00:00.000Z');
			expect(new Date(report.end).toISOString(), unit).toBe('2024-01-02T00:00:00.000Z');
			const maxAbs = await timestampMagnitude(db, sourceRelation(src, []), 'created');
			expect(epochNote('created', maxAbs)).toContain(`Unix time in ${unit}`);
		}
	});

	it('does not take ten-digit customer ids for Unix seconds', async () => {
		const src = await open(
			'ids.csv',
			utf8('customer_id,day\n1704067200,2024-01-02\n1704067300,2024-01-03\n')
		);
		const m = guessMapping(src.columns, src.preview);
		expect([m.customerId, m.timestamp]).toEqual(['customer_id', 'day']);
	});

	it('reads a file whose last line is blank spaces, and counts that line as left out', async () => {
		const rows = Array.from(
			{ length: 3000 },
			(_, i) => `c${i % 50},2024-01-${String(1 + (i % 28)).padStart(2, '0')},view`
		);
		const src = await open('trailing.csv', utf8(['id,ts,event', ...rows, '   '].join('\n') + '\n'));
		expect(src.csv?.isLenient).toBe(true);
		expect(src.columns.map((c) => c.name)).toEqual(['id', 'ts', 'event']);
		const { report } = await load(src);
		expect(report.rows).toBe(3000);
		expect(report.rejected).toBe(1);
	});

	it('reads a file named .gz that is not compressed as plain text, and a gzip without the suffix', async () => {
		const csv = 'id,ts,event\na,2024-01-02,view\nb,2024-01-03,buy\n';
		const fake = await open('events.csv.gz', utf8(csv));
		expect((await load(fake)).report.rows).toBe(2);
		const real = await openSource(db, { name: 'events.csv', contents: gzipSync(utf8(csv)) });
		expect((await load(real)).report.rows).toBe(2);
	});

	it('refuses NUL bytes at the start as binary, and leaves out later lines with NULs, saying so', async () => {
		await expect(
			open('sheet.xlsx', Uint8Array.from([0x50, 0x4b, 3, 4, 0, 0, 8, 0]))
		).rejects.toThrow(/not a text table \(it holds binary data/);
		const head = Array.from({ length: 400 }, (_, i) => `c${i},2024-01-02,view`).join('\n');
		const src = await open(
			'nul.csv',
			utf8(`id,ts,event\n${head}\nbad\u0000id,2024-01-03,view\nz,2024-01-03,b\u0000uy\n`)
		);
		const { report } = await load(src);
		expect(report.droppedBinary).toBe(2);
		expect(report.rows).toBe(400);
	});

	it('counts every event type, not only the listed ones', async () => {
		const lines = Array.from({ length: 620 }, (_, i) => `c${i % 7},2024-01-02,type${i}`);
		const src = await open('types.csv', utf8(['id,ts,event', ...lines].join('\n')));
		const { report } = await load(src);
		expect(report.eventTypeCount).toBe(620);
		expect(report.eventTypes.length).toBe(500);
	});

	it("explains read failures in the user's words, without internal file names or engine text", () => {
		const cases: [string, RegExp][] = [
			[
				'Invalid Input Error: Error when sniffing file "upload_3.csv". It was not possible to automatically detect the CSV parsing dialect',
				/could not be told apart/
			],
			[
				'Invalid Input Error: CSV Error on Line: 7 Invalid unicode (byte sequence mismatch) detected',
				/line 7.*not UTF-8/
			],
			[
				'IO Error: Failed to decompress "upload_1.csv.gz": incorrect header check (zlib)',
				/not a readable gzip file/
			],
			[
				'Out of Memory Error: could not allocate block of size 256.0 KiB (3.1 GiB/3.1 GiB used)',
				/too large for the memory/
			],
			['Binder Error: something nobody expected in upload_9.csv', /could not be read as a table/]
		];
		for (const [raw, want] of cases) {
			const msg = explainReadError('orders.csv', new Error(raw)).message;
			expect(msg).toMatch(want);
			expect(msg).toContain('"orders.csv"');
			expect(msg).not.toMatch(/upload_|Error:|sniffing|dialect|zlib|KiB/);
		}
	});
});

describe('ids beyond 2^53 in text files', () => {
	it.each([
		['csv', ','],
		['whitespace', ' ']
	])('are read exactly as written (%s)', async (_, sep) => {
		const ids = Array.from({ length: 300 }, (_, i) => `${10n ** 25n + BigInt(i)}`);
		const lines = [['id', 'ts', 'n'].join(sep)];
		ids.forEach((id, i) =>
			lines.push([id, `2024-01-${String(1 + (i % 28)).padStart(2, '0')}`, '1'].join(sep))
		);
		const src = await open(`big.${sep === ',' ? 'csv' : 'txt'}`, utf8(lines.join('\n')));
		await loadEvents(db, [
			{ source: src, mapping: { customerId: 'id', timestamp: 'ts', event: null, eventName: 'e' } }
		]);
		const got = toRows(await db.query('SELECT DISTINCT __customer_id AS id FROM events')).map((r) =>
			String(r.id)
		);
		expect(got.sort()).toEqual([...ids].sort());
		expect(String(src.preview[0]!.id)).toBe(ids[0]);
	});
});

describe('deeply nested JSON', () => {
	const read = (format: 'json' | 'ndjson', text: string) =>
		readRecords(format, new Blob([text]), 'deep.json', { onBatch: () => Promise.resolve() });

	it.each([
		['json', `[{"id": 1, "a": ${'{"b": '.repeat(5000)}1${'}'.repeat(5000)}}]`],
		['ndjson', `{"id": 1}\n{"id": 2, "x": ${'['.repeat(100000)}${']'.repeat(100000)}}\n`],
		['json', `[${'['.repeat(100000)}${']'.repeat(100000)}]`]
	] as const)('is refused with a message, not a stack overflow (%s)', async (format, text) => {
		const e: unknown = await read(format, text).catch((x: unknown) => x);
		expect(e).toBeInstanceOf(Error);
		expect((e as Error).message).toMatch(/nests its fields more than 64 levels deep/);
		expect((e as Error).message).not.toMatch(/call stack/i);
	});

	it('reads nesting as deep as real exports have', async () => {
		let rows = 0;
		const text = `{"id": 1, "a": ${'{"b": '.repeat(30)}1${'}'.repeat(30)}, "ts": "2024-01-01"}\n`;
		await readRecords('ndjson', new Blob([text]), 'ok.ndjson', {
			onBatch: (_, n) => Promise.resolve(void (rows += n))
		});
		expect(rows).toBe(1);
	});
});
