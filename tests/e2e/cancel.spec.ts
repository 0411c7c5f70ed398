// Cancelling training keeps the previous model and its scores.
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
});
