// Cancelling training keeps the previous model and its scores; a cancelled export saves nothing.
import { expect, test } from '@playwright/test';
import { repeatScores } from '../../bench/repeat-scores';
import { readNumber, trainDemo } from './helpers';

test('cancel during training keeps the previous model', async ({ page }) => {
	// The CPU backend is the slowest, so there is time to press Cancel between epochs.
	await trainDemo(page, '?backend=cpu');
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
	await page.evaluate(repeatScores, 1_000_000);
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
