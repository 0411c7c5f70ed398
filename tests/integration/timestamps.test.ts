import { beforeAll, describe, expect, it } from 'vitest';
import { describeSource, sourceRelation } from '../../src/lib/db/ingest';
import { guessTimestampFormat, previewTimestamps } from '../../src/lib/db/timestamps';
import type { Db } from '../../src/lib/db/types';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openNativeDb } from '../../bench/native-db';
import { openNodeDb } from '../helpers/node-db';

let db: Db;
let n = 0;
beforeAll(async () => {
	db = await openNodeDb();
});

async function guess(values: string[]) {
	const bytes = new TextEncoder().encode(
		['id,when', ...values.map((v, i) => `${i},${v}`)].join('\n')
	);
	const name = `upload_ts${n++}.csv`;
	await db.registerFile(name, bytes);
	const src = await describeSource(db, 'f.csv', name, bytes.length);
	const relation = sourceRelation(src, ['id', 'when']);
	return { guess: await guessTimestampFormat(db, relation, 'when'), relation, src };
}

describe('guessTimestampFormat', () => {
	it.each([
		[['2024-01-05T10:00:00Z', '2024-02-01 08:00:00'], null, false],
		[['12/1/2010 8:26', '12/13/2010 9:00'], '%m/%d/%Y %H:%M', false],
		[['13/01/2024 10:30', '01/02/2024 11:00'], '%d/%m/%Y %H:%M', false],
		[['01/02/2024', '03/04/2024'], '%m/%d/%Y', true],
		[['20240105', '20240230'], '%Y%m%d', false],
		[['05.01.2024 10:00', '31.12.2023 23:59'], '%d.%m.%Y %H:%M', false]
	])('%j reads as %s (ambiguous: %s)', async (values, format, ambiguous) => {
		const { guess: g } = await guess(values);
		expect(g.format).toBe(format);
		expect(g.ambiguous).toBe(ambiguous);
	});

	it('reads ISO 8601 when it reads every value, and the format that reads the most otherwise', async () => {
		const all = await guess(['2024-01-05T10:00:00Z', '2024-02-01 08:00:00', '2024-03-01']);
		expect(all.guess).toEqual({ format: null, parsed: 1, ambiguous: false });
		// ISO reads one of three; day-first reads two (the ISO value is not day-first).
		const mixed = await guess(['2024-01-05 10:00:00', '13/01/2024 10:30', '14/01/2024 11:00']);
		expect(mixed.guess.format).toBe('%d/%m/%Y %H:%M');
		expect(mixed.guess.parsed).toBeCloseTo(2 / 3, 6);
		// A tie between ISO and another format goes to ISO.
		const tie = await guess(['2024-01-05 10:00:00', '13/01/2024 10:30']);
		expect(tie.guess.format).toBe(null);
		expect(tie.guess.parsed).toBe(0.5);
	});

	it('previews raw values and what a format makes of them', async () => {
		const { relation, src } = await guess(['01/02/2024 10:00', '03/04/2024 11:30']);
		const column = { name: 'when', type: src.columns.find((c) => c.name === 'when')!.type };
		const p = await previewTimestamps(db, relation, column, '%d/%m/%Y %H:%M');
		expect(p.map((x) => [x.raw, x.parsed && new Date(x.parsed).toISOString()])).toEqual([
			['01/02/2024 10:00', '2024-02-01T10:00:00.000Z'],
			['03/04/2024 11:30', '2024-04-03T11:30:00.000Z']
		]);
		const bad = await previewTimestamps(db, relation, column, '%Y-%m-%d');
		expect(bad.every((x) => x.parsed === null)).toBe(true);
	});

	it('previews the first distinct values in file order, on several threads too (native DuckDB)', async () => {
		const values = Array.from(
			{ length: 1000 },
			(_, i) =>
				`2024-01-${String(1 + (i % 28)).padStart(2, '0')} 10:${String(i % 60).padStart(2, '0')}`
		);
		const file = path.join(mkdtempSync(path.join(tmpdir(), 'ts-')), 't.csv');
		writeFileSync(file, ['id,when', ...values.map((v, i) => `${i},${v}`)].join('\n'));
		const native = await openNativeDb();
		native.link('upload_t.csv', file);
		const src = await describeSource(native, 't.csv', 'upload_t.csv', 1);
		const relation = sourceRelation(src, ['id', 'when']);
		const column = { name: 'when', type: 'VARCHAR' };
		for (let run = 0; run < 5; run++) {
			const p = await previewTimestamps(native, relation, column, '%Y-%m-%d %H:%M', 12);
			expect(p.map((x) => x.raw)).toEqual(values.slice(0, 12));
		}
	});
});
