// A training sample in the real app: over the row budget (set low here with ?trainingRows), the
// Train step and the model card say the model learned from a sample of customers, and the matrix
// holds a share of the customers at the training cutoffs but every profile at the validation and
// scoring ones. With small customer partitions (?rowsPerPart), the feature build shows its parts
// with an estimate and stops between parts on Cancel, keeping the model trained before.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { parseCsv, trainDemo } from './helpers';

test('a training sample of customers is said, and every eligible profile is still scored', async ({
	page
}) => {
	// The goal step counts a quarter of the demo's customers, as it would of a very large log.
	await trainDemo(page, '?trainingRows=4000&rowsPerPart=300&countedEvents=15000');
	const [cardDownload] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Download the model card (Markdown)' }).click()
	]);
	expect(readFileSync(await cardDownload.path(), 'utf8')).toMatch(
		/a sample: [\d.]+ % of customers at the learning cutoffs/
	);
	await page.getByRole('button', { name: /Train$/ }).click();
	await page.getByRole('button', { name: 'Train again' }).click();
	const parts = page.getByTestId('feature-parts');
	await expect(parts).toContainText(/: \d+ of \d+ done · about \d+ (s|min) left/);
	await page.getByRole('button', { name: 'Cancel' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Training cancelled' })).toHaveText(
		'Training cancelled. The previous model and its scores are kept.'
	);
	await expect(parts).toBeHidden();
	const notice = page.getByTestId('training-sample');
	await expect(notice).toContainText(
		/Trained on [\d,]+ of about [\d,]+ customer-cutoff\s+rows \(a sample\)/
	);
	const [matrixDownload] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Download the training matrix (CSV)' }).click()
	]);
	const rows = parseCsv(readFileSync(await matrixDownload.path(), 'utf8')).slice(1);
	const learning = rows.filter((r) => r[2] === 'train');
	const validation = rows.filter((r) => r[2] === 'validation');
	const scoring = rows.filter((r) => r[2] === 'score');
	// The budget holds, and the sample is of customers: fewer of them learn than are scored.
	expect(learning.length).toBeLessThanOrEqual(4400);
	expect(learning.length).toBeGreaterThan(2000);
	const learners = new Set(learning.map((r) => r[0]));
	const scored = new Set(scoring.map((r) => r[0]));
	expect(learners.size).toBeLessThan(scored.size * 0.6);
	// The validation cutoff holds every customer: more than the sampled share of them.
	expect(validation.length).toBeGreaterThan(learners.size);
	const text = (await notice.textContent())!.replace(/\s+/g, ' ');
	expect(text).toContain(`Trained on ${learning.length.toLocaleString('en-US')} of about`);
	// Every eligible profile of the scoring cutoff is scored.
	const scoringRow = page.getByRole('row').filter({ hasText: 'scoring' });
	await expect(scoringRow).toContainText(scoring.length.toLocaleString('en-US'));
	// The goal step's counts were estimates, and said so; training counted every customer.
	await page.getByRole('button', { name: /Goal$/ }).click();
	await expect(page.getByTestId('counts-estimated')).toContainText(
		/Estimated from 1 in \d+ customers/
	);
	const estimate = page
		.getByTestId('cutoff-counts')
		.getByRole('row')
		.filter({ hasText: 'scoring' });
	await expect(estimate).toContainText(/≈ [\d,]+/);
});
