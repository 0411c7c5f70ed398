// The demo from its button to the downloaded scores, then every Insights view, score.sql and an
// accessibility audit of every step on the model it trained: one page for them, in order, since
// training the demo again for each cost a third of a minute (a later test is skipped where an
// earlier one fails). No request leaves the origin in any of them.
import { DuckDBInstance } from '@duckdb/node-api';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import {
	continueToGoal,
	downloadCsv,
	loadDemo,
	pageForFile,
	parseCsv,
	readNumber,
	trainAndWait
} from './helpers';
import { generateDemo } from '../../src/lib/engine/demo/generate';
import { expectAccessibleSteps } from './accessibility';
import { expectInsightsViews } from './insights-views';
import { expectWarehouseScores } from './warehouse-scores';

const shared = pageForFile();

test.afterEach(() => {
	expect(shared.foreign()).toEqual([]);
});

test('demo flow: button to downloaded CSV, with explanations and no foreign request', async ({}, testInfo) => {
	const page = shared.page();
	await loadDemo(page);
	await expect(page.getByRole('heading', { name: 'What is in your data' })).toBeVisible();
	await continueToGoal(page);

	// The goal shows the SQL it compiled to, with the goal event in it.
	await expect(page.getByTestId('goal-matches')).toContainText('events match the goal');
	await page.getByText('The SQL this goal compiles to').click();
	await expect(page.getByTestId('goal-sql')).toContainText("'commerce.purchases'");
	// Attributes read by friendly names, and the user can give one a name of their own.
	const names = page.getByTestId('names-editor');
	await expect(names.getByRole('textbox', { name: /attribute signupDate$/ })).toHaveAttribute(
		'placeholder',
		'Sign-up date'
	);
	await names.getByRole('textbox', { name: /attribute loyaltyTier$/ }).fill('Membership level');
	await names.getByRole('textbox', { name: /attribute loyaltyTier$/ }).press('Tab');

	await trainAndWait(page);
	await expect(page.getByTestId('backend')).toHaveText(/TensorFlow\.js (WASM|WEBGL|WEBGPU|CPU)/);
	const auc = await readNumber(page, 'auc');
	const baseline = await readNumber(page, 'baseline-auc');
	expect(auc).toBeGreaterThan(0.75);
	expect(auc).toBeGreaterThan(baseline);
	// Both model variants were trained and compared; the chosen one is marked.
	await page.getByRole('tab', { name: 'Model evaluation' }).click();
	const comparison = page.getByTestId('model-comparison');
	await expect(comparison.getByRole('row')).toHaveCount(3);
	await expect(comparison.getByText('✓ chosen')).toHaveCount(1);
	await expect(comparison).toContainText('Additive model with learned shapes (GAM)');
	await expect(comparison).toContainText('Logistic model on transformed features');
	expect(parseFloat((await page.getByTestId('ece').textContent())!)).toBeLessThan(10);
	// The training curves were drawn for both variants.
	await page.getByRole('button', { name: /Train$/ }).click();
	for (const metric of ['loss', 'auc'])
		for (const variant of ['linear', 'spline'])
			await expect(
				page.getByTestId(`curve-${metric}`).locator(`path[data-variant="${variant}"]`).first()
			).toHaveAttribute('d', /^M.+L/);
	// The matrix the model learned from downloads as CSV: every role, labels only where known.
	const [matrixDownload] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Download the training matrix (CSV)' }).click()
	]);
	const matrix = parseCsv(readFileSync(await matrixDownload.path(), 'utf8'));
	expect(matrix[0]!.slice(0, 5)).toEqual(['customer_id', 'cutoff', 'role', 'label', 'count_7d']);
	const matrixBody = matrix.slice(1);
	expect(new Set(matrixBody.map((r) => r[2]))).toEqual(new Set(['train', 'validation', 'score']));
	const badLabels = matrixBody.filter((r) =>
		r[2] === 'score' ? r[3] !== '' : r[3] !== '0' && r[3] !== '1'
	);
	expect(badLabels).toEqual([]);
	await page.getByRole('button', { name: 'See insights →' }).click();

	const { download, text } = await downloadCsv(page);
	expect(download.suggestedFilename()).toMatch(
		/^propensity-purchase-in-the-next-30-days-\d{4}-\d{2}-\d{2}\.csv$/
	);
	const rows = parseCsv(text);
	const header = rows[0]!;
	expect(header.slice(0, 5)).toEqual([
		'customer_id',
		'probability',
		'score',
		'percentile',
		'bucket'
	]);
	expect(header).toContain('factor_1_sentence');
	const body = rows.slice(1);
	expect(body.length).toBeGreaterThan(1000);
	const p = body.map((r) => Number(r[1]));
	expect(p.every((x) => x >= 0 && x <= 1)).toBe(true);
	expect(p[0]).toBeGreaterThanOrEqual(p[p.length - 1]!);
	expect(new Set(body.map((r) => r[4]))).toEqual(new Set(['high', 'medium', 'low']));
	const sentence = body[0]![header.indexOf('factor_group_1_sentence')]!;
	const groupName = body[0]![header.indexOf('factor_group_1_name')]!;
	expect(sentence.length).toBeGreaterThan(5);
	expect(body[0]![header.indexOf('factor_1_sentence')]!.length).toBeGreaterThan(5);

	// The table shows the same profiles with their top reasons (factor groups) in words: all of
	// them in one scrolling table that draws only the rows in view; End reaches the last one,
	// Home the first.
	const table = page.getByTestId('profiles-table');
	await expect(table).toHaveAttribute('aria-rowcount', String(body.length + 1));
	expect(await table.getByRole('row').count()).toBeLessThan(30);
	await expect(table.getByRole('row').nth(1)).toContainText(body[0]![0]!);
	await expect(table.getByRole('row').nth(1)).toContainText(`${groupName}: ${sentence}`);
	await page.getByTestId('profiles-viewport').focus();
	await page.keyboard.press('End');
	await expect(table.getByRole('row').last()).toContainText(body.at(-1)![0]!);
	await expect(table.getByRole('row').last()).toHaveAttribute(
		'aria-rowindex',
		String(body.length + 1)
	);
	await page.keyboard.press('Home');
	await expect(table.getByRole('row').nth(1)).toContainText(body[0]![0]!);

	// The scored profiles are the matrix's rows at the scoring cutoff.
	expect(matrixBody.filter((r) => r[2] === 'score')).toHaveLength(body.length);

	// The high bucket as Parquet, read back by native DuckDB: its rows, in order, with the schema.
	const highIds = body.filter((r) => r[4] === 'high').map((r) => r[0]);
	await page.getByRole('combobox', { name: 'Bucket' }).selectOption('high');
	await page.getByTestId('export-format').selectOption('parquet');
	const [parquet] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: /^Download the [\d,]+ profiles shown \(Parquet\)$/ }).click()
	]);
	expect(parquet.suggestedFilename()).toMatch(/\.parquet$/);
	const c = await (await DuckDBInstance.create(':memory:')).connect();
	const file = await parquet.path();
	const read = (
		await c.runAndReadAll(
			`SELECT customer_id, bucket, propensity_type, factors[1].sentence AS s FROM read_parquet('${file}')`
		)
	).getRowObjectsJson();
	expect(read.map((r) => r['customer_id'])).toEqual(highIds);
	expect(new Set(read.map((r) => r['bucket']))).toEqual(new Set(['high']));
	expect(read[0]!['propensity_type']).toBe('conversion');
	expect(read[0]!['s']).toBe(body[0]![header.indexOf('factor_1_sentence')]);

	// A segment: the top two deciles whose top factor is the most common one; saved, its size
	// shown, and downloaded as CSV and as Parquet, both read back by DuckDB with the same rows.
	await page.getByRole('combobox', { name: 'Bucket' }).selectOption('all');
	await page.getByRole('spinbutton', { name: 'Lowest percentile' }).fill('81');
	const topFactor = page.getByRole('combobox', { name: 'Top factor' });
	await topFactor.selectOption({ index: 1 });
	const shownCount = Number(
		(await page.getByTestId('shown-count').textContent())!.replace(/\D/g, '')
	);
	expect(shownCount).toBeGreaterThan(10);
	await page.getByRole('textbox', { name: 'Segment name' }).fill('Hot leads');
	await page.getByRole('button', { name: 'Save the current filter as a segment' }).click();
	const segment = page.getByTestId('segments').getByRole('row', { name: /Hot leads/ });
	await expect(segment).toContainText(`percentile 81–100 · top factor`);
	await expect(segment.getByRole('cell').nth(1)).toHaveText(shownCount.toLocaleString('en-US'));
	const segmentIds: string[][] = [];
	const readers = [
		['csv', (f: string) => `read_csv('${f}', header = true, all_varchar = true)`],
		['parquet', (f: string) => `read_parquet('${f}')`]
	] as const;
	for (const [format, reader] of readers) {
		await page.getByTestId('export-format').selectOption(format);
		const [file] = await Promise.all([
			page.waitForEvent('download'),
			segment.getByRole('button', { name: /^Download / }).click()
		]);
		expect(file.suggestedFilename()).toMatch(new RegExp(`^segment-hot-leads-.+\\.${format}$`));
		const got = (
			await c.runAndReadAll(`SELECT customer_id, percentile FROM ${reader(await file.path())}`)
		).getRowObjectsJson();
		expect(got.every((row) => Number(row['percentile']) >= 81)).toBe(true);
		segmentIds.push(got.map((row) => String(row['customer_id'])));
	}
	expect(segmentIds[0]).toHaveLength(shownCount);
	expect(segmentIds[1]).toEqual(segmentIds[0]);

	// The segment for two destinations. Braze: its user-attributes CSV, external_id first, then the
	// propensity attributes under the default prefix, the same profiles.
	await page.getByTestId('export-format').selectOption('braze');
	const [braze] = await Promise.all([
		page.waitForEvent('download'),
		segment.getByRole('button', { name: /^Download / }).click()
	]);
	expect(braze.suggestedFilename()).toMatch(/^braze-segment-hot-leads-.+\.csv$/);
	const [brazeHeader, ...brazeRows] = parseCsv(readFileSync(await braze.path(), 'utf8'));
	expect(brazeHeader!.slice(0, 4)).toEqual([
		'external_id',
		'propensity_conversion_score',
		'propensity_conversion_probability',
		'propensity_conversion_percentile'
	]);
	expect(brazeRows.map((r) => r[0])).toEqual(segmentIds[0]);
	expect(brazeRows.every((r) => Number(r[3]) >= 81 && r.length === brazeHeader!.length)).toBe(true);
	// Google Ads: the demo's email column chosen by its name, each email trimmed, lower-cased and
	// SHA-256 hashed (hashed here again with Node's crypto); profiles with no email left out, and
	// said so.
	await page.getByTestId('export-format').selectOption('google-ads');
	await expect(page.getByTestId('no-contact-column')).toHaveCount(0);
	const emails = new Map(
		generateDemo()
			.profilesCsv.trimEnd()
			.split('\n')
			.slice(1)
			.map((l) => l.split(','))
			.map((cells) => [cells[0]!, cells.at(-1)!])
	);
	const wanted = segmentIds[0]!
		.map((id) => emails.get(id)!.trim().toLowerCase())
		.filter((e) => e !== '');
	expect(wanted.length).toBeLessThan(shownCount);
	const [ads] = await Promise.all([
		page.waitForEvent('download'),
		segment.getByRole('button', { name: /^Download / }).click()
	]);
	expect(ads.suggestedFilename()).toMatch(/^google-ads-segment-hot-leads-.+\.csv$/);
	const adsLines = readFileSync(await ads.path(), 'utf8')
		.trimEnd()
		.split(/\r?\n/);
	expect(adsLines[0]).toBe('Email');
	expect(adsLines.slice(1)).toEqual(
		wanted.map((e) => createHash('sha256').update(e).digest('hex'))
	);
	await expect(page.getByRole('status').filter({ hasText: ads.suggestedFilename() })).toHaveText(
		`Saved ${wanted.length.toLocaleString('en-US')} profiles in ${ads.suggestedFilename()}. ` +
			`Left out: ${(shownCount - wanted.length).toLocaleString('en-US')} with no email in “email”.`
	);
	await page.getByTestId('export-format').selectOption('csv');

	// Drill-down: the first customer shown, its walk from the average profile to its own score
	// (ending at the probability the table shows), and a what-if that scores changed values.
	const first = table.getByRole('row').nth(1);
	const shownProbability = (await first.getByRole('cell').nth(1).textContent())!.trim();
	await first.getByRole('button').click();
	const drill = page.getByTestId('drilldown');
	await expect(drill.getByTestId('drill-probability')).toHaveText(shownProbability);
	// Its events before the scoring cutoff, and the outcome window after it.
	const timeline = drill.getByTestId('timeline');
	await expect(timeline.locator('circle[data-tip]').first()).toHaveAttribute('data-tip', /UTC: /);
	await expect(timeline.locator('[data-tip^="Outcome window"]')).toHaveCount(1);
	const steps = drill.getByTestId('waterfall').locator('[data-tip]');
	await expect(steps.last()).toHaveAttribute(
		'data-tip',
		new RegExp(`^This profile: .*probability ${shownProbability.replace(/\s%$/, '')} %`)
	);
	// Every factor group is a step (nothing hides in "other"); opening one walks its features.
	const groups = drill.getByTestId('open-group');
	const groupCount = await groups.count();
	expect(groupCount).toBeGreaterThan(5);
	// The renamed attribute and the friendly name of another are groups of their own.
	await expect(groups.filter({ hasText: /^Membership level$/ })).toHaveCount(1);
	await expect(groups.filter({ hasText: /^Sign-up date$/ })).toHaveCount(1);
	await expect(steps).toHaveCount(groupCount + 2);
	const largest = (await groups.first().textContent())!.trim();
	await expect(steps.nth(1)).toHaveAttribute('data-tip', new RegExp(`^${largest}: `));
	await expect(groups.first()).toHaveAttribute('aria-pressed', 'true');
	const second = (await groups.nth(1).textContent())!.trim();
	await groups.nth(1).click();
	await expect(groups.nth(1)).toHaveAttribute('aria-pressed', 'true');
	const memberSteps = drill.getByTestId('members-waterfall').locator('[data-tip]');
	await expect(memberSteps.last()).toHaveAttribute('data-tip', new RegExp(`^After ${second}: `));
	expect(await memberSteps.count()).toBeGreaterThan(2);
	const input = drill.locator('input[type="number"]').first();
	await input.fill(String(Number(await input.inputValue()) + 30));
	await drill.getByRole('button', { name: 'Score with these values' }).click();
	await drill.screenshot({ path: testInfo.outputPath('drilldown.png') });
	await expect(drill.getByTestId('whatif-result')).toContainText(/With these values: \d+\.\d\s%/);
});

test('every insights view draws its charts, with values on hover and from the keyboard', async ({}, testInfo) => {
	await expectInsightsViews(shared.page(), testInfo);
});

test('score.sql from the Profiles step gives the app’s scores in native DuckDB', async () => {
	await expectWarehouseScores(shared.page());
});

test('every step passes an accessibility audit (axe-core) in light and dark', async () => {
	await expectAccessibleSteps(shared.page());
});
