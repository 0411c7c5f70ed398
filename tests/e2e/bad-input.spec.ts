// Bad input gets a clear message, and what was loaded before stays. One page for the file's
// tests (pageForFile): each loads its own data first.
import { expect, test } from '@playwright/test';
import { mkdtempSync, openSync, closeSync, ftruncateSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { generateDemo } from '../../src/lib/engine/demo/generate';
import { continueToGoal, goToData, pageForFile, uploadEvents } from './helpers';

// A small event log of our own (the demo generator), so these flows need no outside data.
const small = generateDemo({ customers: 200, seed: 5 });
const smallRows = small.events.toLocaleString('en-US');

const shared = pageForFile();

const file = (name: string, text: string | Buffer) => ({
	name,
	mimeType: 'text/csv',
	buffer: typeof text === 'string' ? Buffer.from(text) : text
});

test('bad files are refused with a reason and the loaded data stays', async () => {
	const page = shared.page();
	await goToData(page);
	await uploadEvents(page, file('shop-events.csv', small.eventsCsv));
	const loaded = page.getByRole('heading', { name: 'shop-events.csv', level: 2 });
	await expect(loaded).toBeVisible({ timeout: 60_000 });
	const alert = page.getByRole('alert');

	const png = Buffer.from([
		0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52
	]);
	await uploadEvents(page, { name: 'photo.png', mimeType: 'image/png', buffer: png });
	await expect(alert).toContainText('"photo.png" is not a text table');
	await expect(loaded).toBeVisible();

	await uploadEvents(page, file('empty.csv', ''));
	await expect(alert).toContainText('"empty.csv" is empty');
	await expect(loaded).toBeVisible();

	await uploadEvents(page, file('no-time.csv', 'user,what,amount\n1,view,3\n2,buy,5\n'));
	await expect(alert).toContainText(
		'None of the columns of "no-time.csv" (user, what, amount) holds dates or times'
	);
	await expect(loaded).toBeVisible();

	await uploadEvents(page, file('bad-time.csv', 'user,when\n1,2024-13-45\n2,yesterday\n'));
	await expect(alert).toContainText('bad-time.csv');
	await expect(loaded).toBeVisible();
	await expect(page.getByTestId('q-rows')).toHaveText(smallRows);
	expect(shared.foreign()).toEqual([]);
});

test('record files, repeated headers and oversized files: a message each, the data stays', async () => {
	const page = shared.page();
	await goToData(page);
	await uploadEvents(page, file('shop.csv', small.eventsCsv));
	const loaded = page.getByRole('heading', { name: 'shop.csv', level: 2 });
	await expect(loaded).toBeVisible({ timeout: 60_000 });
	const alert = page.getByRole('alert');

	const ndjson = Array.from({ length: 3000 }, (_, i) =>
		JSON.stringify({ id: `c${i % 50}`, timestamp: '2024-01-01T00:00:00Z', n: i })
	).join('\n');
	const gz = gzipSync(ndjson);
	await uploadEvents(page, {
		name: 'cut.ndjson.gz',
		mimeType: 'application/gzip',
		buffer: gz.subarray(0, gz.length >> 1)
	});
	await expect(alert).toContainText('"cut.ndjson.gz" is a damaged or truncated gzip file');
	await expect(loaded).toBeVisible();

	await uploadEvents(
		page,
		file('bad.ndjson', '{"id": "a", "timestamp": "2024-01-01"}\n{"id": "b", "timestamp": }\n')
	);
	await expect(alert).toContainText('"bad.ndjson" has a JSON syntax error on line 2');
	await expect(loaded).toBeVisible();

	const csvGz = gzipSync(small.eventsCsv);
	await uploadEvents(page, {
		name: 'cut.csv.gz',
		mimeType: 'application/gzip',
		buffer: csvGz.subarray(0, csvGz.length >> 1)
	});
	await expect(alert).toContainText('"cut.csv.gz" is a damaged or truncated gzip file');
	await expect(loaded).toBeVisible();

	// The whole gzip CSV loads (and replaces the data): the same rows as the plain file.
	await uploadEvents(page, {
		name: 'shop.csv.gz',
		mimeType: 'application/gzip',
		buffer: csvGz
	});
	const loadedGz = page.getByRole('heading', { name: 'shop.csv.gz', level: 2 });
	await expect(loadedGz).toBeVisible({ timeout: 60_000 });
	await expect(page.getByTestId('q-rows')).toHaveText(smallRows);

	// A 5 GB file (sparse on disk) is refused before any of it is read.
	const huge = path.join(mkdtempSync(path.join(tmpdir(), 'huge-')), 'huge.csv');
	const fd = openSync(huge, 'w');
	writeSync(fd, 'id,ts\n1,2024-01-01\n');
	ftruncateSync(fd, 5 * 2 ** 30);
	closeSync(fd);
	await uploadEvents(page, huge);
	await expect(alert).toContainText('"huge.csv" is 5.0 GB; this browser can hold about 3.0 GB');
	await expect(loadedGz).toBeVisible();
	await expect(page.getByTestId('q-rows')).toHaveText(smallRows);

	// A header repeated halfway (past DuckDB's type sniffing sample) is skipped and reported.
	const big = generateDemo({ customers: 1200, seed: 6 });
	const [header, ...rows] = big.eventsCsv.trim().split('\n');
	const joined = [header, ...rows.slice(0, 30000), header, ...rows.slice(30000)].join('\n');
	await uploadEvents(page, file('joined.csv', joined));
	await expect(page.getByTestId('rejected')).toContainText(
		'1 line of "joined.csv" did not fit the columns',
		{ timeout: 60_000 }
	);
	await expect(page.getByTestId('rejected')).toContainText('line 30,002');
	await expect(page.getByTestId('rejected')).toContainText('the header repeated halfway');
	await expect(page.getByTestId('q-rows')).toHaveText(rows.length.toLocaleString('en-US'));
});

test('a goal no event satisfies is refused before training', async () => {
	const page = shared.page();
	await goToData(page);
	await uploadEvents(page, file('shop-events.csv', small.eventsCsv));
	await expect(page.getByRole('heading', { name: 'shop-events.csv', level: 2 })).toBeVisible({
		timeout: 60_000
	});
	await continueToGoal(page);
	const matches = page.getByTestId('goal-matches');
	// The count of this file's purchases, not the last test's file's (once shown for a moment).
	const purchases = small.eventsCsv.split('\n').filter((l) => l.includes(',commerce.purchases,'));
	expect(purchases.length).toBeGreaterThan(100);
	await expect(matches).toContainText(
		`${purchases.length.toLocaleString('en-US')} events match the goal`
	);
	const before = await matches.textContent();
	await page.getByRole('button', { name: '+ Add a condition' }).click();
	const condition = page.getByRole('group', { name: 'Condition 2' });
	await condition.getByRole('combobox', { name: 'Field' }).selectOption('value');
	await condition.getByRole('combobox', { name: 'Operator' }).selectOption('gt');
	await condition.getByRole('textbox').fill('1000000');
	await expect(page.getByTestId('goal-no-match')).toContainText(
		'No event in the data matches this goal'
	);
	await expect(page.getByRole('button', { name: 'Continue to train →' })).toBeDisabled();
	// Fixing the goal clears the refusal.
	await page.getByRole('button', { name: 'Remove condition 2' }).click();
	await expect(matches).toHaveText(before!);
});
