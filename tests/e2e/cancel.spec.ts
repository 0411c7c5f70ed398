// Cancelling training keeps the previous model and its scores; a cancelled export saves nothing.
import { expect, test } from '@playwright/test';
import { continueToGoal, openApp, readNumber, trainAndWait } from './helpers';

test('cancel during training keeps the previous model', async ({ page }) => {
	// The CPU backend is the slowest, so there is time to press Cancel between epochs.
	await openApp(page, '?backend=cpu');
	await page.getByRole('button', { name: 'Try the demo dataset' }).click();
	await expect(page.getByRole('heading', { name: 'demo-events.csv', level: 2 })).toBeVisible({
		timeout: 60_000
	});
	await continueToGoal(page);
	await trainAndWait(page);
	const auc = await readNumber(page, 'auc');
	await expect(page.getByTestId('backend')).toHaveText('TensorFlow.js CPU');

	await page.getByRole('button', { name: /Train$/ }).click();
	await page.getByRole('button', { name: 'Train again' }).click();
	await expect(page.getByRole('progressbar', { name: 'Training epochs' })).toBeVisible();
	await page.getByRole('button', { name: 'Cancel' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Training cancelled' })).toHaveText(
		'Training cancelled. The previous model and its scores are kept.'
	);
	await expect(page.getByRole('button', { name: 'Train again' })).toBeEnabled();
	await page.getByRole('button', { name: 'See insights →' }).click();
	expect(await readNumber(page, 'auc')).toBe(auc);

	// An export of a million profiles (the scores repeated through the app's test handle) shows
	// its progress and stops on Cancel, saving no file.
	await page.getByRole('button', { name: 'See scored profiles →' }).click();
	await page.evaluate(() => {
		const run = (
			window as unknown as {
				propensityLab: { run: import('../../src/lib/state/run.svelte').RunState };
			}
		).propensityLab.run;
		const r = run.result!;
		const p = r.profiles;
		const m = p.customerIds.length;
		const n = 1_000_000;
		run.result = {
			...r,
			profiles: {
				customerIds: Array.from({ length: n }, (_, i) => `${p.customerIds[i % m]}-${i}`),
				probability: Float32Array.from({ length: n }, (_, i) => p.probability[i % m]!),
				score: Uint8Array.from({ length: n }, (_, i) => p.score[i % m]!),
				percentile: Uint8Array.from({ length: n }, (_, i) => p.percentile[i % m]!),
				bucket: Array.from({ length: n }, (_, i) => p.bucket[i % m]!),
				factors: Array.from({ length: n }, (_, i) => p.factors[i % m]!)
			},
			order: Int32Array.from({ length: n }, (_, i) => i)
		};
	});
	let downloads = 0;
	page.on('download', () => downloads++);
	await page.getByRole('button', { name: 'Download CSV (1,000,000 profiles)' }).click();
	const progress = page.getByRole('progressbar', { name: 'Export' });
	await expect(progress).toBeVisible();
	await page.getByRole('button', { name: 'Cancel export' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Export cancelled' })).toBeVisible();
	await expect(progress).toBeHidden();
	await expect(
		page.getByRole('button', { name: 'Download CSV (1,000,000 profiles)' })
	).toBeEnabled();
	expect(downloads).toBe(0);
});
