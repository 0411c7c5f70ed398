// The NDJSON reader's scanner against the reference it replaced: the file decoded as text, each
// line trimmed, parsed by JSON.parse (exact-json.ts), flattened (flatten.ts) and built by
// arrow-batch.ts. On lines of every shape the scanner takes and every shape it leaves, the
// batches must hold the same columns, in the same order, with the same types and values.
import * as arrow from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { flattenRecord, type FlatValue } from '../../src/lib/engine/ingest/flatten';
import { rng } from '../../src/lib/engine/random';
import { BatchBuilder } from '../../src/lib/readers/arrow-batch';
import { isUtf8 } from '../../src/lib/readers/ndjson-scan';
import { BATCH_ROWS } from '../../src/lib/readers/read-callbacks';
import { JsonLineError, parseLine } from '../../src/lib/readers/read-json';
import { readRecords } from '../../src/lib/readers/read-records';

const enc = new TextEncoder();
const bytes = (...parts: (string | number[])[]) =>
	parts.flatMap((p) => (typeof p === 'string' ? [...enc.encode(p)] : p));

// Values as written in a file: each the JSON text (or raw bytes) of one value.
const NUMBERS = [
	'0',
	'-0',
	'7',
	'-42',
	'123456789012345',
	'1234567890123456',
	'9007199254740991',
	'9007199254740993',
	'-9007199254740993',
	'12345678901234567890',
	'1.5',
	'-0.25',
	'0.000123',
	'3.14159265358979',
	'3.141592653589793',
	'123456789012345678.5',
	'1e5',
	'1E-7',
	'-2.5e+3',
	'1e400',
	'-1e400',
	'0.1',
	'100.0',
	'5e-324',
	'1.7976931348623157e308'
];
const STRINGS: (string | number[])[] = [
	'"plain"',
	'""',
	'"web.webpagedetails.pageViews"',
	'"2025-05-31 15:02:47"',
	'"ECID-12"',
	'"caf\u00e9"',
	'"\u{1F600} smile"',
	'"tab\\there"',
	'"quote \\" inside"',
	'"back\\\\slash"',
	'"\\u00e9t\\u00e9"',
	'"\\ud83d\\ude00"',
	'"\\ud800 lone"',
	'"a/b\\/c"',
	'"\\u0000nul"',
	'"long ' + 'x'.repeat(80) + '"',
	'"12345678901234567890"',
	'"true"',
	'"null"',
	['"bad ', [0xff], ' byte"'].flatMap((p) => bytes(p as string)),
	bytes('"cut ', [0xc3], '"'),
	bytes('"overlong ', [0xc0, 0xaf], '"'),
	bytes('"surrogate ', [0xed, 0xa0, 0x80], '"'),
	bytes('"past ', [0xf4, 0x90, 0x80, 0x80], '"'),
	bytes('"ok ', [0xf0, 0x9f, 0x98, 0x80], '"')
];
const OTHERS = [
	'true',
	'false',
	'null',
	'{}',
	'[]',
	'[1,2,3]',
	'["a",null,true]',
	'[{"sku":"W1"},{"sku":"B2","n":2}]'
];
const KEYS = [
	'ts',
	'ecid',
	'eventType',
	'value',
	'device',
	'a.b',
	'',
	'caf\u00e9',
	'12',
	'0',
	'1a',
	'__proto__',
	'k\\"q',
	'k\\u0041'
];

function pick<T>(r: () => number, xs: readonly T[]): T {
	return xs[Math.floor(r() * xs.length)]!;
}

function value(r: () => number, depth: number): number[] {
	const u = r();
	if (u < 0.3) return bytes(pick(r, NUMBERS));
	if (u < 0.65) return bytes(pick(r, STRINGS));
	if (u < 0.8) return bytes(pick(r, OTHERS));
	return depth < 3 ? object(r, depth + 1) : bytes('null');
}

const SPACES = ['', '', '', ' ', '\t', '  '];

function object(r: () => number, depth: number): number[] {
	const n = Math.floor(r() * 5);
	const out = bytes('{', pick(r, SPACES));
	for (let k = 0; k < n; k++) {
		if (k) out.push(...bytes(pick(r, SPACES), ',', pick(r, SPACES)));
		const key = r() < 0.75 ? pick(r, KEYS.slice(0, 5)) : pick(r, KEYS);
		out.push(...bytes(`"${key}"`, pick(r, SPACES), ':', pick(r, SPACES)), ...value(r, depth));
	}
	return [...out, ...bytes(pick(r, SPACES), '}')];
}

/** Event-like lines, most of one shape (as exports are), with every oddity now and then. */
function file(seed: number, lines: number): Uint8Array {
	const r = rng(seed);
	const out: number[] = bytes('\ufeff');
	for (let line = 0; line < lines; line++) {
		const u = r();
		let text: number[];
		if (u < 0.5)
			text = bytes(
				`{"timestamp":"2025-06-${10 + (line % 20)} 12:00:00","ecid":"ECID-${line % 97}","eventType":"${pick(r, ['web.webpagedetails.pageViews', 'commerce.purchases'])}","commerce":{"order":{"priceTotal":${pick(r, ['null', '12.5', '40', '"n/a"'])}}},"device":{"type":"mobile","n":${pick(r, NUMBERS)}}}`
			);
		else if (u < 0.97) text = object(r, 0);
		else if (u < 0.98) text = bytes(pick(r, ['', '   ', '\t', '\u00a0', '\u2028']));
		else if (u < 0.99) text = bytes(pick(r, ['5', '"x"', '[1,{"a":2}]', 'null']));
		else text = bytes('{"a":1,"a":{"b":2},"x":', pick(r, NUMBERS), '}');
		out.push(...(r() < 0.2 ? [0x20, ...text, 0x20] : text), ...bytes(r() < 0.3 ? '\r\n' : '\n'));
	}
	return new Uint8Array(out);
}

/** The reader as it was: text, lines, JSON.parse, flatten.ts, arrow-batch.ts. */
function reference(data: Uint8Array, name: string): Uint8Array[] {
	const text = new TextDecoder().decode(data);
	const builder = new BatchBuilder();
	const flat = new Map<string, FlatValue>();
	const batches: Uint8Array[] = [];
	text.split('\n').forEach((raw, i) => {
		const one = raw.trim();
		if (!one) return;
		flat.clear();
		flattenRecord(parseLine(one, name, i + 1), flat);
		builder.add(flat);
		if (builder.rows >= BATCH_ROWS) batches.push(builder.flush()!);
	});
	const last = builder.flush();
	if (last) batches.push(last);
	return batches;
}

async function scanned(data: Uint8Array, name: string): Promise<Uint8Array[]> {
	const batches: Uint8Array[] = [];
	await readRecords('ndjson', new Blob([data as Uint8Array<ArrayBuffer>]), name, {
		onBatch: (ipc) => void batches.push(ipc)
	});
	return batches;
}

/** A value of an Arrow vector as text: lists as arrays, bigints and -0 told apart. */
function show(v: unknown): string {
	return JSON.stringify(v instanceof arrow.Vector ? [...v] : v, (_, x: unknown) =>
		typeof x === 'bigint' ? `${x}n` : Object.is(x, -0) ? '-0' : x
	);
}

/** The type as DuckDB takes it: a dictionary of text is text. */
const typeOf = (t: arrow.DataType) => String(arrow.DataType.isDictionary(t) ? t.dictionary : t);

/** Compares batches column by column and value by value; the number of values compared. */
function compare(got: Uint8Array[], want: Uint8Array[]): number {
	expect(got.length).toBe(want.length);
	let compared = 0;
	got.forEach((ipc, b) => {
		const g = arrow.tableFromIPC(ipc);
		const w = arrow.tableFromIPC(want[b]!);
		expect(g.schema.fields.map((f) => f.name)).toEqual(w.schema.fields.map((f) => f.name));
		expect(g.numRows).toBe(w.numRows);
		for (const field of w.schema.fields) {
			const gc = g.getChild(field.name)!;
			const wc = w.getChild(field.name)!;
			expect(typeOf(gc.type), field.name).toBe(typeOf(wc.type));
			// One comparison per value, through text: expect() on 10^5 values takes minutes.
			for (let i = 0; i < w.numRows; i++) {
				const [x, y] = [show(gc.get(i)), show(wc.get(i))];
				if (x !== y) expect(x, `${field.name}[${i}]`).toBe(y);
			}
			compared += w.numRows;
		}
	});
	return compared;
}

describe('NDJSON read from bytes (ndjson-scan.ts)', () => {
	it('gives the batches JSON.parse and flatten.ts gave, on lines of every shape', async () => {
		let compared = 0;
		for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
			const data = file(seed, 1000);
			compared += compare(await scanned(data, 'f.ndjson'), reference(data, 'f.ndjson'));
		}
		expect(compared).toBeGreaterThan(100_000);
	});

	it('gives the same batches across batch boundaries, columns coming and going', async () => {
		const lines = Array.from({ length: BATCH_ROWS * 2 + 1234 }, (_, i) => {
			const batch = Math.floor(i / BATCH_ROWS);
			const n = batch === 1 ? `${i / 4}` : `${i}`; // integers, then fractions, then integers
			const coupon = batch === 1 && i % 3 === 0 ? `,"coupon":"C${i % 5}"` : '';
			const items = i % 997 === 0 ? ',"items":[{"sku":"x"},{"sku":"y"}]' : ''; // left to JSON.parse
			const kind = i % 2 ? '"commerce.purchases"' : i % 7 ? 'null' : '"caf\u00e9"';
			return `{"ts":"2025-01-01","ecid":"E${i % 1000}","n":${n},"kind":${kind}${coupon}${items},"ok":${i % 5 === 0}}`;
		});
		const data = enc.encode(lines.join('\n'));
		const got = await scanned(data, 'big.ndjson');
		expect(got.length).toBe(3);
		expect(compare(got, reference(data, 'big.ndjson'))).toBeGreaterThan(BATCH_ROWS * 12);
	});

	it('names the line of a syntax error as JSON.parse did, blank lines counted', async () => {
		const bad = [
			'{"a":1,}',
			'{"a":01}',
			'{"a":tru}',
			'{"a":"x',
			'{"a":"x\ty"}',
			'{"a":1} {"b":2}',
			'{"a":-}',
			'{"a":1.}',
			'{"a":1e}',
			'{a:1}',
			'{"a" 1}',
			'{"a":[1,}',
			'{"a":nul}'
		];
		let checked = 0;
		for (const line of bad) {
			const text = `{"ok":1}\n\n${line}\n{"ok":2}\n`;
			const want = (() => {
				try {
					parseLine(line, 'bad.ndjson', 3);
				} catch (e) {
					return e as JsonLineError;
				}
				throw new Error(`${line} parsed`);
			})();
			await expect(scanned(enc.encode(text), 'bad.ndjson'), line).rejects.toThrow(want.message);
			checked++;
		}
		expect(checked).toBe(bad.length);
	});
});

describe('isUtf8', () => {
	it('agrees with a fatal TextDecoder on every short byte sequence of the tricky ranges', () => {
		const fatal = new TextDecoder('utf-8', { fatal: true });
		const lead = [
			0x41, 0x7f, 0x80, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xed, 0xee, 0xef, 0xf0, 0xf4, 0xf5, 0xff
		];
		const tail = [0x41, 0x80, 0x90, 0x9f, 0xa0, 0xbf, 0xc0];
		let checked = 0;
		for (const a of lead)
			for (const b of tail)
				for (const c of tail)
					for (const d of [...tail, -1]) {
						const seq = new Uint8Array(d < 0 ? [a, b, c] : [a, b, c, d]);
						let want = true;
						try {
							fatal.decode(seq);
						} catch {
							want = false;
						}
						expect(isUtf8(seq, 0, seq.length), String([...seq])).toBe(want);
						checked++;
					}
		expect(checked).toBe(lead.length * tail.length * tail.length * (tail.length + 1));
	});
});
