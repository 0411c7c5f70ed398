// Project files: a trained project is saved (never the data), comes back after a reload from
// IndexedDB, scores a second, newer event file with the saved model (no retraining, drift
// reported), and bad project files are refused with a message that changes nothing open; a kept
// project that cannot be read is reported at start-up and can be forgotten.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { generateDemo } from '../../src/lib/engine/demo/generate';
import { openApp, trainDemo } from './helpers';

async function saveProject(page: Page): Promise<string> {
	const [file] = await Promise.all([
		page.waitForEvent('download'),
		page.getByTestId('save-project').click()
	]);
	expect(file.suggestedFilename()).toMatch(/\.propensity\.json$/);
	return readFileSync(await file.path(), 'utf8');
}

/** score.sql (DuckDB, the demo's tables) from the Score in your warehouse panel. */
async function downloadScoreSql(page: Page): Promise<string> {
	const panel = page.getByRole('region', { name: 'Score in your warehouse' });
	await panel.getByRole('textbox', { name: 'Events table' }).fill('events.csv');
	await panel.getByRole('textbox', { name: 'Profiles table' }).fill('profiles.csv');
	const [file] = await Promise.all([
		page.waitForEvent('download'),
		panel.getByRole('button', { name: 'Download score.sql' }).click()
	]);
	return readFileSync(await file.path(), 'utf8');
}

test('save, reload, restore, re-score a newer file; corrupted and newer project files refused', async ({
	page
}, testInfo) => {
	await trainDemo(page);
	const auc = await page.getByTestId('auc').textContent();

	// A segment, kept with the project.
	await page.getByRole('button', { name: 'See scored profiles →' }).click();
	await page.getByRole('combobox', { name: 'Bucket' }).selectOption('high');
	await page.getByRole('textbox', { name: 'Segment name' }).fill('High now');
	await page.getByRole('button', { name: 'Save the current filter as a segment' }).click();
	await expect(page.getByTestId('segments')).toContainText('High now');
	const scoreSqlNow = await downloadScoreSql(page);
	expect(scoreSqlNow).toContain('CREATE OR REPLACE TABLE "propensity_scores"');
	// The top-scored customer's id, to look for in the project file.
	const firstId = await page.evaluate(() => {
		const r = (
			window as unknown as {
				propensityLab: {
					run: { result: { order: Int32Array; profiles: { customerIds: string[] } } };
				};
			}
		).propensityLab.run.result;
		return r.profiles.customerIds[r.order[0]!]!;
	});

	const text = await saveProject(page);
	const saved = JSON.parse(text) as { format: string; segments: { name: string }[] };
	expect(saved.format).toBe('propensity-lab-project');
	expect(saved.segments.map((s) => s.name)).toEqual(['High now']);
	// No customer's data: not even the id of the top-scored profile.
	expect(text.includes(`"${firstId}"`)).toBe(false);

	// Reload: the project comes back from IndexedDB, its insights readable without the data.
	await page.reload();
	await expect(page.getByTestId('project-notice')).toContainText(
		'Restored your last project, “Purchase in the next 30 days”'
	);
	await expect(page.getByRole('heading', { name: 'How good is the model?' })).toBeVisible();
	await expect(page.getByTestId('auc')).toHaveText(auc!);
	await page.getByRole('tab', { name: 'Targeting' }).click();
	await expect(page.getByTestId('no-scores')).toBeVisible();
	// Without its data, the restored model writes the same score.sql as before it was saved.
	await page.getByRole('button', { name: 'Profiles & export', exact: true }).click();
	await expect(page.getByTestId('no-scores')).toBeVisible();
	expect(await downloadScoreSql(page)).toBe(scoreSqlNow);

	// A newer file: another year of the demo, its events without the profile file first.
	const newer = generateDemo({ seed: 99, customers: 2_000, start: '2026-01-01' });
	await page.getByRole('button', { name: 'Go to the Data step' }).click();
	await page.getByTestId('events-file').setInputFiles({
		name: 'events-2026.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(newer.eventsCsv)
	});
	await expect(page.getByRole('heading', { name: 'events-2026.csv', level: 2 })).toBeVisible({
		timeout: 60_000
	});
	await page.getByRole('button', { name: 'Continue to goal →' }).click();
	await page.getByRole('button', { name: 'Continue to train →' }).click();
	await expect(page.getByTestId('saved-model')).toContainText('trained on demo-events.csv');
	await page.getByRole('button', { name: 'Score with the saved model' }).click();
	await expect(page.getByRole('alert')).toContainText(
		'The saved model cannot score this data: It uses the profile attributes'
	);
	await expect(page.getByRole('alert')).toContainText('open the profile file that has them');

	await page.getByRole('button', { name: 'Data', exact: true }).click();
	await page.getByTestId('profiles-file').setInputFiles({
		name: 'profiles-2026.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(newer.profilesCsv)
	});
	await expect(page.getByText('5 attributes, joined on')).toBeVisible({ timeout: 60_000 });
	await page.getByRole('button', { name: 'Train', exact: true }).click();
	await page.getByRole('button', { name: 'Score with the saved model' }).click();
	await expect(page.getByRole('heading', { name: 'How good is the model?' })).toBeVisible({
		timeout: 60_000
	});
	// Scored without retraining: the same model (same AUC), the new customers, a drift report.
	await expect(page.getByTestId('auc')).toHaveText(auc!);
	await page.getByRole('button', { name: 'Train', exact: true }).click();
	const report = page.getByTestId('rescore-report');
	await expect(report).toContainText(/[\d,]+ profiles of events-2026\.csv scored at 2027-01-01/);
	const scored = /([\d,]+) profiles of/.exec((await report.textContent())!)![1]!;
	await expect(report.getByTestId('drift-table').getByRole('row')).toHaveCount(13);
	await expect(report.getByTestId('same-data')).toHaveCount(0);
	await report.screenshot({ path: testInfo.outputPath('rescore-report.png') });
	await page.getByRole('button', { name: 'Profiles & export', exact: true }).click();
	await expect(page.getByTestId('segments')).toContainText('High now');
	await expect(page.getByTestId('shown-count')).toHaveText(`${scored} profiles`);
	// A second segment, compared with the first: sizes, top factors, one feature's values.
	await page.getByRole('combobox', { name: 'Bucket' }).selectOption('low');
	await page.getByRole('textbox', { name: 'Segment name' }).fill('Low now');
	await page.getByRole('button', { name: 'Save the current filter as a segment' }).click();
	const compare = page.getByTestId('segment-compare');
	await expect(compare.getByRole('row', { name: /^Customers/ })).toContainText(
		(await page.getByTestId('shown-count').textContent())!.replace(' profiles', '')
	);
	await expect(compare.getByTestId('compare-reasons').getByRole('row')).not.toHaveCount(1);
	await expect(compare.getByTestId('compare-factors').getByRole('row')).not.toHaveCount(1);
	await compare.getByTestId('compare-feature').selectOption({ index: 1 });
	await expect(compare.getByTestId('compare-values').getByRole('row')).not.toHaveCount(1);
	await page.screenshot({ path: testInfo.outputPath('profiles.png'), fullPage: true });
	await page.getByRole('button', { name: 'Clear filters' }).click();
	await page.getByRole('searchbox', { name: 'Search customer id' }).fill('1');

	// Bad project files: each one says what is wrong, and the open project stays as it was.
	const input = page.getByTestId('project-input');
	await input.setInputFiles({
		name: 'cut.propensity.json',
		mimeType: 'application/json',
		buffer: Buffer.from(text.slice(0, 5_000))
	});
	await expect(page.getByTestId('project-error')).toContainText(
		'cut.propensity.json: This project file is damaged: it is not valid JSON'
	);
	await input.setInputFiles({
		name: 'future.propensity.json',
		mimeType: 'application/json',
		buffer: Buffer.from(text.replace('"version":1,', '"version":7,'))
	});
	await expect(page.getByTestId('project-error')).toContainText(
		'saved by a newer version of Propensity Lab (project format 7'
	);
	await expect(page.getByTestId('segments')).toContainText('High now');
	await expect(page.getByRole('searchbox', { name: 'Search customer id' })).toHaveValue('1');

	// The training events again, under another name: the fingerprints say it is the same data.
	await page.getByRole('button', { name: 'Data', exact: true }).click();
	await page.getByTestId('events-file').setInputFiles({
		name: 'renamed.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(generateDemo().eventsCsv)
	});
	await expect(page.getByRole('heading', { name: 'renamed.csv', level: 2 })).toBeVisible({
		timeout: 60_000
	});
	await page.getByRole('button', { name: 'Train', exact: true }).click();
	await page.getByRole('button', { name: 'Score with the saved model' }).click();
	await expect(page.getByRole('heading', { name: 'How good is the model?' })).toBeVisible({
		timeout: 60_000
	});
	await page.getByRole('button', { name: 'Train', exact: true }).click();
	await expect(page.getByTestId('same-data')).toContainText('same data the model was trained on');
});

test('a kept project that cannot be read does not break start-up, and can be forgotten', async ({
	page
}) => {
	await openApp(page);
	// A project kept from an earlier visit, damaged since (most of it is gone).
	await page.evaluate(
		(text) =>
			new Promise<void>((resolve, reject) => {
				const req = indexedDB.open('propensity-lab', 1);
				req.onupgradeneeded = () => req.result.createObjectStore('projects');
				req.onerror = () => reject(new Error('IndexedDB could not be opened'));
				req.onsuccess = () => {
					const tx = req.result.transaction('projects', 'readwrite');
					tx.objectStore('projects').put(text, 'latest');
					tx.oncomplete = () => (req.result.close(), resolve());
					tx.onerror = () => reject(new Error('the project could not be kept'));
				};
			}),
		JSON.stringify({ format: 'propensity-lab-project', version: 1, report: { auc: 1e308 } })
	);
	await page.reload();
	await expect(page.getByTestId('stored-project-error')).toContainText(
		'The project kept from your last visit could not be restored'
	);
	await expect(page.getByRole('button', { name: 'Try the demo dataset' })).toBeEnabled();
	await page.getByRole('button', { name: 'Forget the kept project' }).click();
	await expect(page.getByTestId('stored-project-error')).toHaveCount(0);
	await page.reload();
	await expect(page.getByRole('heading', { name: 'Propensity Lab' })).toBeVisible();
	await expect(page.getByTestId('stored-project-error')).toHaveCount(0);
});
