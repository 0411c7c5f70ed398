// Score in your warehouse: the Profiles step's score.sql, run whole by native DuckDB on the
// same demo files, scores every profile as the app's own download does.
import { expect, test } from '@playwright/test';
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateDemo } from '../../src/lib/engine/demo/generate';
import { downloadCsv, openApp, parseCsv, trainDemo, watchOrigins } from './helpers';

/**
 * What differs between the warehouse's rows and the app's CSV rows, checked in plain code and
 * asserted once by the caller (an expect per cell took minutes).
 */
function mismatchesOf(
	there: Record<string, unknown>[],
	header: string[],
	app: Map<string, string[]>
) {
	const col = (name: string) => header.indexOf(name);
	const mismatches: string[] = [];
	let compared = 0;
	for (const r of there) {
		const id = String(r.customer_id);
		const a = app.get(id);
		if (!a) {
			mismatches.push(`${id}: not in the app's scores`);
			continue;
		}
		// The CSV writes probabilities with 6 decimals.
		if (!(Math.abs(Number(r.probability) - Number(a[col('probability')])) <= 5e-7))
			mismatches.push(`${id}: probability ${String(r.probability)} vs ${a[col('probability')]}`);
		for (const k of ['score', 'percentile', 'bucket', 'factor_1'])
			if (String(r[k] ?? '') !== a[col(k)])
				mismatches.push(`${id}: ${k} ${String(r[k])} vs ${a[col(k)]}`);
		compared += 5;
	}
	return { mismatches, compared };
}

test('score.sql from the Profiles step gives the app’s scores in native DuckDB', async ({
	page,
	context,
	baseURL
}) => {
	const foreign = watchOrigins(context, new URL(baseURL!).origin);
	await trainDemo(page);
	const [header, ...rows] = parseCsv((await downloadCsv(page)).text);
	const app = new Map(rows.map((r) => [r[0]!, r]));

	// The same events the demo button loads, as a file where "the warehouse" reads it.
	const dir = mkdtempSync(path.join(tmpdir(), 'warehouse-'));
	const demo = generateDemo();
	const file = path.join(dir, 'demo-events.csv');
	const profiles = path.join(dir, 'demo-profiles.csv');
	writeFileSync(file, demo.eventsCsv);
	writeFileSync(profiles, demo.profilesCsv);
	const panel = page.getByRole('region', { name: 'Score in your warehouse' });
	await panel.getByRole('textbox', { name: 'Events table' }).fill(file);
	// The demo's model reads the profile attributes.
	await panel.getByRole('textbox', { name: 'Profiles table' }).fill(profiles);
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		panel.getByRole('button', { name: 'Download score.sql' }).click()
	]);
	expect(download.suggestedFilename()).toBe('score.duckdb.sql');
	const script = readFileSync(await download.path(), 'utf8');

	const c = await (await DuckDBInstance.create(':memory:')).connect();
	await c.run(script);
	const there = (
		await c.runAndReadAll('SELECT * FROM propensity_scores')
	).getRowObjectsJS() as Record<string, unknown>[];
	expect(there).toHaveLength(app.size);
	const { mismatches, compared } = mismatchesOf(there, header!, app);
	expect(mismatches.slice(0, 10)).toEqual([]);
	expect(compared).toBe(5 * app.size);

	// For PostgreSQL (run there in tests/integration/score-sql-postgres.test.ts): a schema-qualified
	// table name with a quote in it is quoted part by part.
	await panel.getByRole('combobox', { name: 'Engine' }).selectOption('postgres');
	await panel.getByRole('textbox', { name: 'Events table' }).fill('crm.web "events"');
	await panel.getByRole('textbox', { name: 'Profiles table' }).fill('crm.profiles');
	const [pgDownload] = await Promise.all([
		page.waitForEvent('download'),
		panel.getByRole('button', { name: 'Download score.sql' }).click()
	]);
	expect(pgDownload.suggestedFilename()).toBe('score.postgres.sql');
	const pgScript = readFileSync(await pgDownload.path(), 'utf8');
	expect(pgScript).toContain(
		'CREATE TEMP VIEW propensity_source AS SELECT * FROM "crm"."web ""events""";'
	);
	expect(pgScript).toContain(`SET TIME ZONE 'UTC';`);
	expect(pgScript).not.toMatch(/GROUP BY ALL|EXCLUDE|count_if|epoch_ms/);

	// A scoring date before the data is refused, saying which days can be scored.
	await panel.getByLabel('Scoring date').fill('1990-01-01');
	await panel.getByRole('button', { name: 'Download score.sql' }).click();
	await expect(panel.getByRole('alert')).toContainText('is not after the first event');
	await panel.getByLabel('Scoring date').fill('');

	// An empty table name is refused, saying why.
	await panel.getByRole('textbox', { name: 'Events table' }).fill('');
	await panel.getByRole('button', { name: 'Download score.sql' }).click();
	await expect(panel.getByRole('alert')).toContainText('Name the events table');
	expect(foreign).toEqual([]);
});

test('sample.sql from the first screen: every event of the chosen share of customers', async ({
	page
}) => {
	await openApp(page);
	const events = path.join(mkdtempSync(path.join(tmpdir(), 'sample-')), 'demo-events.csv');
	writeFileSync(events, generateDemo().eventsCsv);
	await page.getByText('My data is bigger than this browser').click();
	await page.getByRole('textbox', { name: 'Events table' }).fill(events);
	await page.getByRole('textbox', { name: 'Customer id column' }).fill('ecid');
	await page.getByRole('spinbutton', { name: 'Share of customers (%)' }).fill('100');
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Download sample.sql' }).click()
	]);
	expect(download.suggestedFilename()).toBe('sample.duckdb.sql');
	// Parameter 3, the file written, set as a user would.
	const out = events.replace(/\.csv$/, '.parquet');
	const script = readFileSync(await download.path(), 'utf8').replace(
		"'propensity_sample.parquet'",
		`'${out}'`
	);
	const c = await (await DuckDBInstance.create(':memory:')).connect();
	await c.run(script);
	const count = async (relation: string) =>
		Number((await c.runAndReadAll(`SELECT count(*) FROM ${relation}`)).getRows()[0]![0]);
	expect(await count(`read_parquet('${out}')`)).toBe(await count(`read_csv('${events}')`));
	expect(await count(`read_parquet('${out}')`)).toBeGreaterThan(10_000);

	// PostgreSQL writes CSV (through psql's \copy), so Parquet cannot be chosen.
	await page.getByRole('combobox', { name: 'Engine' }).selectOption('postgres');
	await expect(page.getByRole('combobox', { name: 'File' })).toHaveValue('csv');
	await expect(page.getByRole('option', { name: 'Parquet' })).toBeDisabled();
	const [pgDownload] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Download sample.sql' }).click()
	]);
	expect(pgDownload.suggestedFilename()).toBe('sample.postgres.sql');
	const pgScript = readFileSync(await pgDownload.path(), 'utf8');
	expect(pgScript).toMatch(/^CREATE TEMP VIEW propensity_sample AS SELECT .* WHERE .*md5/m);
	expect(pgScript).toMatch(
		/^\\copy \(SELECT \* FROM propensity_sample\) TO 'propensity_sample\.csv'/m
	);
	await expect(page.getByText('cannot run them')).toHaveCount(0);

	// BigQuery: checked by parsing only, which the panel says; it exports to Cloud Storage.
	await page.getByRole('combobox', { name: 'Engine' }).selectOption('bigquery');
	await expect(
		page.getByText('Our tests check BigQuery scripts against its grammar')
	).toBeVisible();
	await expect(page.getByRole('option', { name: 'Parquet' })).toBeEnabled();
	const [bqDownload] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Download sample.sql' }).click()
	]);
	expect(bqDownload.suggestedFilename()).toBe('sample.bigquery.sql');
	expect(readFileSync(await bqDownload.path(), 'utf8')).toMatch(
		/^EXPORT DATA OPTIONS \(uri = 'gs:\/\/YOUR_BUCKET\/propensity_sample\/part-\*\.csv', format = 'CSV'/m
	);

	await page.getByRole('spinbutton', { name: 'Share of customers (%)' }).fill('0');
	await page.getByRole('button', { name: 'Download sample.sql' }).click();
	await expect(page.getByRole('alert')).toContainText('above 0 % and at most 100 %');
});
