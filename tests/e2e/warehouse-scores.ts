// Score in your warehouse: the Profiles step's score.sql, run whole by native DuckDB on the
// same demo files, scores every profile as the app's own download does (demo.spec.ts runs it).
import { expect, type Page } from '@playwright/test';
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateDemo } from '../../src/lib/engine/demo/generate';
import { downloadCsv, parseCsv } from './helpers';

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
		for (const k of ['score', 'percentile', 'bucket', 'factor_1', 'factor_group_1'])
			if (String(r[k] ?? '') !== a[col(k)])
				mismatches.push(`${id}: ${k} ${String(r[k])} vs ${a[col(k)]}`);
		compared += 6;
	}
	return { mismatches, compared };
}

/**
 * score.sql from the Profiles step, on a page where the demo's default goal is trained, run
 * whole by native DuckDB on the same demo files: every profile as the app's own download has it.
 */
export async function expectWarehouseScores(page: Page): Promise<void> {
	await page.getByRole('button', { name: 'Insights', exact: true }).click();
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
	expect(compared).toBe(6 * app.size);

	// For PostgreSQL (run there in tests/integration/score-sql.test.ts): a schema-qualified
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
}
