// Every format loads in the browser, offline: counts in the report match an independent count,
// and a goal can use a nested field. No request leaves the app's origin. One page for the
// file's tests (pageForFile): each loads its own files.
import { expect, test, type Page } from '@playwright/test';
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { generateDemo } from '../../src/lib/engine/demo/generate';
import { toNdjson, xdmEvents } from '../helpers/xdm';
import { continueToGoal, goToData, pageForFile, uploadEvents } from './helpers';

const shared = pageForFile();
const fmt = (n: number) => n.toLocaleString('en-US');

async function expectCounts(page: Page, rows: number, customers: number) {
	await expect(page.getByTestId('q-rows')).toHaveText(fmt(rows), { timeout: 60_000 });
	await expect(page.getByTestId('q-profiles')).toHaveText(fmt(customers));
}

/** A goal condition on a nested array field (productListItems.SKU) counts the events it should. */
async function expectNestedFieldGoal(page: Page, events: ReturnType<typeof xdmEvents>) {
	await continueToGoal(page);
	await page.getByRole('button', { name: '+ Add a condition' }).click();
	const condition = page.getByRole('group', { name: 'Condition 2' });
	await condition.getByRole('combobox', { name: 'Field' }).selectOption('productListItems.SKU');
	await condition.getByRole('combobox', { name: 'Operator' }).selectOption('startsWith');
	await condition.getByRole('textbox').fill('W');
	const expected = events.filter(
		(e) =>
			e.eventType === 'commerce.purchases' &&
			(e.productListItems ?? []).some((p) => p.SKU.startsWith('W'))
	).length;
	await expect(page.getByTestId('goal-matches')).toContainText(
		`${fmt(expected)} events match the goal`
	);
}

test('nested XDM NDJSON (gzip): mapping, counts, and a goal on a nested array field', async () => {
	const page = shared.page();
	await goToData(page);
	const events = xdmEvents(200, 4);
	await uploadEvents(page, {
		name: 'xdm-export.ndjson.gz',
		mimeType: 'application/gzip',
		buffer: gzipSync(toNdjson(events))
	});
	await expectCounts(
		page,
		events.length,
		new Set(events.map((e) => e.identityMap.ECID[0]!.id)).size
	);
	await expect(page.getByRole('combobox', { name: 'Customer id', exact: true })).toHaveValue(
		'identityMap.ECID.id'
	);
	await expect(page.getByRole('combobox', { name: 'Event type', exact: true })).toHaveValue(
		'eventType'
	);
	await expect(page.getByRole('combobox', { name: 'Value (amount)', exact: true })).toHaveValue(
		'commerce.order.priceTotal'
	);

	await expectNestedFieldGoal(page, events);
	expect(shared.foreign()).toEqual([]);
});

test('Parquet with nested columns', async () => {
	const page = shared.page();
	await goToData(page);
	const file = path.join(mkdtempSync(path.join(tmpdir(), 'pq-')), 'events.parquet');
	const c = await (await DuckDBInstance.create(':memory:')).connect();
	await c.run(
		`COPY (SELECT 'u' || (i % 450) AS user_id, TIMESTAMP '2024-01-01' + INTERVAL (i * 7) MINUTE AS event_time, ` +
			`CASE WHEN i % 9 = 0 THEN 'order' ELSE 'visit' END AS event_name, (i % 50)::DOUBLE AS amount, ` +
			`{'campaign': 'c' || (i % 3)} AS marketing FROM range(60000) t(i)) TO '${file}' (FORMAT parquet, ROW_GROUP_SIZE 25000)`
	);
	await uploadEvents(page, {
		name: 'events.parquet',
		mimeType: 'application/octet-stream',
		buffer: readFileSync(file)
	});
	await expectCounts(page, 60000, 450);
	await expect(page.getByRole('combobox', { name: 'Customer id', exact: true })).toHaveValue(
		'user_id'
	);
	await continueToGoal(page);
	await page.getByRole('button', { name: '+ Add a condition' }).click();
	const condition = page.getByRole('group', { name: 'Condition 2' });
	await condition.getByRole('combobox', { name: 'Field' }).selectOption('marketing.campaign');
	await condition.getByRole('textbox').fill('c0');
	// The preset's goal is event = order (i % 9 = 0); with campaign c0 (i % 3 = 0): i % 9 = 0.
	await expect(page.getByTestId('goal-matches')).toContainText(
		`${fmt(Math.ceil(60000 / 9))} events match the goal`
	);
	expect(shared.foreign()).toEqual([]);
});

test('two event files at once plus a profile file, and a CSV without a header', async () => {
	const page = shared.page();
	await goToData(page);
	const demo = generateDemo({ customers: 300, seed: 8 });
	const [header, ...byCustomer] = demo.eventsCsv.trim().split('\n');
	// Split by time (first and second half of the year), as monthly exports are: the same customers in both.
	const rows = [...byCustomer].sort();
	const half = Math.floor(rows.length / 2);
	const a = [header, ...rows.slice(0, half)].join('\n') + '\n';
	const b = [header, ...rows.slice(half)].join('\n') + '\n';
	const ids = new Set(rows.map((r) => r.split(',')[1]));
	await uploadEvents(page, [
		{ name: 'part-1.csv', mimeType: 'text/csv', buffer: Buffer.from(a) },
		{ name: 'part-2.csv', mimeType: 'text/csv', buffer: Buffer.from(b) }
	]);
	await expectCounts(page, rows.length, ids.size);
	await expect(page.getByRole('heading', { name: 'part-1.csv + part-2.csv' })).toBeVisible();
	await expect(page.getByText('do they use the same customer id?')).toHaveCount(0);
	// Split by customer instead, the files share nobody: the identity check warns.
	await page.getByTestId('events-file').setInputFiles([
		{
			name: 'web.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from([header, ...byCustomer.slice(0, half)].join('\n'))
		},
		{
			name: 'orders.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from([header, ...byCustomer.slice(half + 200)].join('\n'))
		}
	]);
	await expect(page.getByRole('heading', { name: 'web.csv + orders.csv' })).toBeVisible({
		timeout: 60_000
	});
	await expect(page.getByText('do they use the same customer id?')).toHaveCount(2);
	await uploadEvents(page, [
		{ name: 'part-1.csv', mimeType: 'text/csv', buffer: Buffer.from(a) },
		{ name: 'part-2.csv', mimeType: 'text/csv', buffer: Buffer.from(b) }
	]);
	await expectCounts(page, rows.length, ids.size);
	await page.getByTestId('profiles-file').setInputFiles({
		name: 'profiles.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(demo.profilesCsv)
	});
	await expect(page.getByText('5 attributes, joined on')).toBeVisible();

	// The same events without a header line: columns are named column0…, times found by their values.
	await uploadEvents(page, {
		name: 'no-header.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(rows.join('\n') + '\n')
	});
	await expect(page.getByRole('heading', { name: 'no-header.csv', level: 2 })).toBeVisible({
		timeout: 60_000
	});
	await expectCounts(page, rows.length, ids.size);
	await expect(page.getByRole('combobox', { name: 'Timestamp', exact: true })).toHaveValue(
		'column0'
	);
	expect(shared.foreign()).toEqual([]);
});

test('ambiguous day/month dates: guessed, flagged, previewed and overridden', async () => {
	const page = shared.page();
	await goToData(page);
	const rows = ['user,when,what'];
	for (let i = 0; i < 400; i++) {
		const d = String(1 + (i % 12)).padStart(2, '0');
		rows.push(
			`u${i % 40},${d}/${String(1 + ((i * 5) % 12)).padStart(2, '0')}/2024 10:${String(i % 60).padStart(2, '0')},visit`
		);
	}
	await uploadEvents(page, {
		name: 'dates.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(rows.join('\n'))
	});
	const format = page.getByRole('textbox', { name: 'Timestamp format' });
	await expect(format).toHaveValue('%m/%d/%Y %H:%M', { timeout: 60_000 });
	await expect(page.getByTestId('date-note')).toContainText('could be day-first or month-first');
	await format.fill('%d/%m/%Y %H:%M');
	const preview = page.getByRole('table', { name: 'Timestamps read with the new format' });
	// The first row, 01/01/2024 10:00, reads the same either way; the second, 02/06/2024 10:01, is 2 June day-first.
	await expect(preview).toContainText('2024-06-02 10:01:00');
	await page.getByRole('button', { name: 'Apply format' }).click();
	await expect(format).toHaveValue('%d/%m/%Y %H:%M');
	await expect(page.getByRole('alert')).toHaveCount(0);
});

test('exports of other tools: Excel "Unicode text" with decimal commas, and Unix times', async () => {
	const page = shared.page();
	await goToData(page);
	// UTF-16LE with a byte order mark, tab-separated, as Excel saves "Unicode text" in Germany.
	const lines = ['Kundennummer\tDatum\tEreignis\tBetrag'];
	for (let i = 0; i < 300; i++)
		lines.push(
			`K${i % 40}\t2024-0${1 + (i % 9)}-1${i % 10}\tKauf\t${i},${String(i % 100).padStart(2, '0')}`
		);
	const text = '\ufeff' + lines.join('\r\n');
	const utf16 = Buffer.alloc(text.length * 2);
	for (let i = 0; i < text.length; i++) utf16.writeUInt16LE(text.charCodeAt(i), 2 * i);
	await uploadEvents(page, { name: 'Bestellungen.txt', mimeType: 'text/plain', buffer: utf16 });
	await expectCounts(page, 300, 40);
	const notes = page.getByTestId('read-note');
	await expect(notes.filter({ hasText: 'UTF-16' })).toHaveCount(1);
	await expect(notes.filter({ hasText: 'decimal commas' })).toContainText('"Betrag"');
	await expect(page.getByRole('combobox', { name: 'Value (amount)', exact: true })).toHaveValue(
		'Betrag'
	);
	await expect(page.getByRole('combobox', { name: 'Customer id', exact: true })).toHaveValue(
		'Kundennummer'
	);

	const epoch = ['user,created,type'];
	for (let i = 0; i < 120; i++) epoch.push(`u${i % 12},${1704067200 + i * 86400},visit`);
	await uploadEvents(page, {
		name: 'epoch.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(epoch.join('\n'))
	});
	await expectCounts(page, 120, 12);
	await expect(page.getByTestId('date-note')).toContainText('Unix time in seconds');
	await expect(page.getByTestId('quality-stats')).toContainText('2024-01-01');
});

test('a large NDJSON file is read in parts by several workers, with the same rows', async () => {
	// `?readParts=3` reads this small file in the three parts a file of hundreds of MB gets.
	const page = shared.page();
	await page.goto('/?readParts=3');
	await goToData(page);
	const events = xdmEvents(400, 9);
	await uploadEvents(page, {
		name: 'xdm-export.ndjson',
		mimeType: 'application/x-ndjson',
		buffer: Buffer.from(toNdjson(events))
	});
	await expectCounts(
		page,
		events.length,
		new Set(events.map((e) => e.identityMap.ECID[0]!.id)).size
	);
	expect(page.workers().filter((w) => w.url().includes('readers.worker'))).toHaveLength(3);
	await expectNestedFieldGoal(page, events);
	expect(shared.foreign()).toEqual([]);
});
