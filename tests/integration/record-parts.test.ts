// An NDJSON file read in parts at once (as the page's readers workers read a large one) gives
// the same table as read whole, in the same order, on real DuckDB; an error names the line of the
// whole file, and stops the other parts.
import { describe, expect, it } from 'vitest';
import { BatchTables } from '../../src/lib/db/batch-tables';
import { batchTable, unionBatches } from '../../src/lib/db/ingest';
import { toRows } from '../../src/lib/db/rows';
import { lineRanges } from '../../src/lib/readers/line-ranges';
import { readParts } from '../../src/lib/readers/read-parts';
import { readRecords } from '../../src/lib/readers/read-records';
import { openNodeDb } from '../helpers/node-db';

const LINES = 160_000;

/** Records with nesting, a list, a long integer now and then, blank lines and CRLF endings. */
function ndjson(bad?: { line: number; text: string }): string {
	const out: string[] = [];
	for (let line = 1; line <= LINES; line++) {
		let text =
			line % 500 === 0
				? ''
				: JSON.stringify({
						ts: new Date(Date.UTC(2025, 0, 1) + line * 61_000).toISOString(),
						id: `c${line % 997}`,
						n: line,
						commerce: { order: { priceTotal: line % 3 ? null : line / 100 } },
						...(line % 5 === 0 && { items: [{ sku: `s${line % 7}` }, { sku: 'x' }] })
					}).replace('"n":', line % 4000 === 7 ? '"big":9007199254740993,"n":' : '"n":');
		if (bad?.line === line) text = bad.text;
		out.push(text + (line % 3 === 0 ? '\r\n' : '\n'));
	}
	return out.join('');
}

async function readWhole(file: Blob) {
	const db = await openNodeDb();
	let k = 0;
	const read = await readRecords('ndjson', file, 'e.ndjson', {
		onBatch: (ipc) => db.insertArrow(batchTable('whole', k++), ipc)
	});
	await unionBatches(db, 'e.ndjson', 'whole', k, file.size, 'ndjson', read);
	return { db, read };
}

/**
 * Reads `file` in `parts`, the first part's batches held back so later parts' come first, into
 * tables as the page makes them (batch-tables.ts); `late.calls` counts batches handed over after
 * the read had settled.
 */
async function readInParts(file: Blob, parts: number, late = { calls: 0 }) {
	const db = await openNodeDb();
	const tables = new BatchTables(db, 'parts');
	const stopped = new Set<number>();
	let settled = false;
	const ranges = await lineRanges(file, parts);
	const read = await readParts(
		'e.ndjson',
		ranges,
		(k, range, onBatch, onProgress) =>
			readRecords(
				'ndjson',
				file,
				'e.ndjson',
				{
					onBatch: async (ipc, rows) => {
						if (k === 0) await new Promise((r) => setTimeout(r, 300));
						await onBatch(ipc, rows);
					},
					onProgress,
					isCancelled: () => stopped.has(k)
				},
				range
			),
		async (k) => void stopped.add(k),
		(ipc, _rows, part) => {
			if (settled) late.calls++;
			return tables.insert(ipc, part);
		},
		() => undefined
	).finally(() => (settled = true));
	await unionBatches(db, 'e.ndjson', 'parts', tables.order(), file.size, 'ndjson', read);
	return { db, read, ranges, tables };
}

describe('an NDJSON file read in parts', () => {
	it('gives the rows of the whole read, in the file order', async () => {
		const file = new Blob([ndjson()]);
		const whole = await readWhole(file);
		const parts = await readInParts(file, 3);
		expect(parts.ranges).toHaveLength(3);
		expect(parts.read.rows).toBe(whole.read.rows);
		expect(parts.read.rows).toBe(LINES - LINES / 500);
		expect(new Set(parts.read.listPaths)).toEqual(new Set(whole.read.listPaths));
		// Two batches a part, and the held-back first part's arrived last; batches with the same
		// columns as the one before in their part went into its table, and the tables are read
		// part after part, the first part's (made after the others') first.
		expect(parts.read.order).toHaveLength(6);
		expect(parts.read.order.slice(0, 2)).not.toEqual([0, 1]);
		expect(parts.tables.count).toBeGreaterThanOrEqual(3);
		expect(parts.tables.count).toBeLessThan(6);
		expect(parts.tables.order()[0]).toBeGreaterThan(0);
		const select =
			'SELECT ts, id, n, CAST(big AS VARCHAR) AS big, "commerce.order.priceTotal" AS p, ' +
			'CAST("items.sku" AS VARCHAR) AS skus FROM ';
		const a = toRows(await whole.db.query(select + 'whole'));
		const b = toRows(await parts.db.query(select + 'parts'));
		expect(b).toHaveLength(a.length);
		expect(b.map((r) => r['n'])).toEqual(a.map((r) => r['n']));
		expect(b).toEqual(a);
		expect(a.filter((r) => r['big'] === '9007199254740993').length).toBeGreaterThan(10);
	});

	it('names the line of the whole file in an error, and stops the other parts', async () => {
		// Late in the third part: after its first batch, while the first part holds its own back.
		const line = 159_000;
		const file = new Blob([ndjson({ line, text: '{"id": "c1", "ts": }' })]);
		const late = { calls: 0 };
		const e: unknown = await readInParts(file, 3, late).catch((x: unknown) => x);
		expect((e as Error).message).toMatch(
			new RegExp(`^"e\\.ndjson" has a JSON syntax error on line ${line}: `)
		);
		// The held-back first part was still reading: it was stopped and waited for.
		await new Promise((r) => setTimeout(r, 600));
		expect(late.calls).toBe(0);
		const deep = new Blob([
			ndjson({ line, text: `{"id": "c1", "x": ${'{"a": '.repeat(100)}1${'}'.repeat(100)}}` })
		]);
		const d: unknown = await readInParts(deep, 3).catch((x: unknown) => x);
		expect((d as Error).message).toMatch(
			new RegExp(`^The record on line ${line} of "e\\.ndjson" nests its fields`)
		);
	});
});
