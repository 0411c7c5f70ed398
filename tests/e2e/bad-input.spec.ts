// Bad input gets a clear message, and what was loaded before stays.
import { expect, test } from '@playwright/test';
import path from 'node:path';
import { continueToGoal, openApp, SHARED, uploadEvents, watchOrigins } from './helpers';

const file = (name: string, text: string | Buffer) => ({
	name,
	mimeType: 'text/csv',
	buffer: typeof text === 'string' ? Buffer.from(text) : text
});

test('bad files are refused with a reason and the loaded data stays', async ({
	page,
	context,
	baseURL
}) => {
	const foreign = watchOrigins(context, new URL(baseURL!).origin);
	await openApp(page);
	await uploadEvents(page, path.join(SHARED, 'grocery_btydplus/groceryElog.csv'));
	const loaded = page.getByRole('heading', { name: 'groceryElog.csv' });
	await expect(loaded).toBeVisible({ timeout: 60_000 });
	const alert = page.getByRole('alert');

	const png = Buffer.from([
		0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52
	]);
	await uploadEvents(page, { name: 'photo.png', mimeType: 'image/png', buffer: png });
	await expect(alert).toContainText('"photo.png" is not a text table');
	await expect(loaded).toBeVisible();

	await uploadEvents(page, file('empty.csv', ''));
	await expect(alert).toContainText('"empty.csv" is empty');
	await expect(loaded).toBeVisible();

	await uploadEvents(page, file('no-time.csv', 'user,what,amount\n1,view,3\n2,buy,5\n'));
	await expect(alert).toContainText(
		'None of the columns of "no-time.csv" (user, what, amount) holds dates or times'
	);
	await expect(loaded).toBeVisible();

	await uploadEvents(page, file('bad-time.csv', 'user,when\n1,2024-13-45\n2,yesterday\n'));
	await expect(alert).toContainText('bad-time.csv');
	await expect(loaded).toBeVisible();
	await expect(page.getByText('10,483 events, 1,525 customers')).toBeVisible();
	expect(foreign).toEqual([]);
});

test('a goal no event satisfies is refused before training', async ({ page }) => {
	await openApp(page);
	await uploadEvents(page, path.join(SHARED, 'grocery_btydplus/groceryElog.csv'));
	await expect(page.getByRole('heading', { name: 'groceryElog.csv' })).toBeVisible({
		timeout: 60_000
	});
	await continueToGoal(page);
	await expect(page.getByTestId('goal-matches')).toContainText('10,483 events match the goal');
	await page.getByRole('button', { name: '+ Add a condition' }).click();
	const condition = page.getByRole('group', { name: 'Condition 1' });
	await condition.getByRole('combobox', { name: 'Operator' }).selectOption('neq');
	await expect(page.getByTestId('goal-no-match')).toContainText(
		'No event in the data matches this goal'
	);
	await expect(page.getByRole('button', { name: 'Continue to train →' })).toBeDisabled();
	// Fixing the goal clears the refusal.
	await condition.getByRole('combobox', { name: 'Operator' }).selectOption('eq');
	await expect(page.getByTestId('goal-matches')).toContainText('10,483 events match the goal');
});
