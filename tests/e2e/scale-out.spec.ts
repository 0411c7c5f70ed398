// My data is bigger than this browser: sample.sql from the first screen, run whole by native
// DuckDB, keeps every event of the chosen share of customers. (Its other half, score.sql from
// the Profiles step, is checked on the trained demo in demo.spec.ts.)
import { expect, test } from '@playwright/test';
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateDemo } from '../../src/lib/engine/demo/generate';
import { openApp } from './helpers';

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
