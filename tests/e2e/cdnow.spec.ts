import { expect, test } from '@playwright/test';
import path from 'node:path';
import {
	HAS_SHARED,
	continueToGoal,
	downloadCsv,
	openApp,
	parseCsv,
	readNumber,
	SHARED,
	trainAndWait,
	uploadEvents,
	watchOrigins
} from './helpers';

test.skip(!HAS_SHARED, 'needs ../shared/datasets (or PROPENSITY_DATASETS)');

test('CDNOW file flow: whitespace file, guessed mapping, 90-day repeat purchase', async ({
	page,
	context,
	baseURL
}) => {
	const foreign = watchOrigins(context, new URL(baseURL!).origin);
	await openApp(page);
	await uploadEvents(page, path.join(SHARED, 'cdnow/CDNOW_master.txt'));
	await expect(page.getByRole('heading', { name: 'CDNOW_master.txt', level: 2 })).toBeVisible({
		timeout: 60_000
	});
	await expect(page.getByText('69,659 events, 23,570 customers')).toBeVisible();
	const field = (name: string) => page.getByRole('combobox', { name, exact: true });
	await expect(field('Customer id')).toHaveValue('customer_id');
	await expect(field('Timestamp')).toHaveValue('date');
	await expect(page.getByRole('textbox', { name: 'Timestamp format' })).toHaveValue('%Y%m%d');
	await expect(field('Value (amount)')).toHaveValue('dollar_value');

	await continueToGoal(page);
	await page.getByRole('button', { name: 'Repeat purchase in the next 90 days' }).click();
	await expect(page.getByTestId('goal-matches')).toContainText('69,659 events match the goal');
	await trainAndWait(page);
	expect(await readNumber(page, 'auc')).toBeGreaterThan(0.7);

	const { text } = await downloadCsv(page);
	const rows = parseCsv(text).slice(1);
	expect(rows.length).toBeGreaterThan(5000);
	// Ids keep their zero padding.
	expect(rows.every((r) => /^\d{5}$/.test(r[0]!))).toBe(true);
	expect(foreign).toEqual([]);
});
