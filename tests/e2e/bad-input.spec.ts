// Bad input gets a clear message, and what was loaded before stays.
import { expect, test } from '@playwright/test';
import { generateDemo } from '../../src/lib/engine/demo/generate';
import { continueToGoal, openApp, uploadEvents, watchOrigins } from './helpers';

// A small event log of our own (the demo generator), so these flows need no outside data.
const small = generateDemo({ customers: 200, seed: 5 });
const smallRows = small.events.toLocaleString('en-US');

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
	await uploadEvents(page, file('shop-events.csv', small.eventsCsv));
	const loaded = page.getByRole('heading', { name: 'shop-events.csv', level: 2 });
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
	await expect(page.getByTestId('q-rows')).toHaveText(smallRows);
	expect(foreign).toEqual([]);
});

test('a goal no event satisfies is refused before training', async ({ page }) => {
	await openApp(page);
	await uploadEvents(page, file('shop-events.csv', small.eventsCsv));
	await expect(page.getByRole('heading', { name: 'shop-events.csv', level: 2 })).toBeVisible({
		timeout: 60_000
	});
	await continueToGoal(page);
	const matches = page.getByTestId('goal-matches');
	await expect(matches).toContainText('events match the goal');
	const before = await matches.textContent();
	await page.getByRole('button', { name: '+ Add a condition' }).click();
	const condition = page.getByRole('group', { name: 'Condition 2' });
	await condition.getByRole('combobox', { name: 'Field' }).selectOption('value');
	await condition.getByRole('combobox', { name: 'Operator' }).selectOption('gt');
	await condition.getByRole('textbox').fill('1000000');
	await expect(page.getByTestId('goal-no-match')).toContainText(
		'No event in the data matches this goal'
	);
	await expect(page.getByRole('button', { name: 'Continue to train →' })).toBeDisabled();
	// Fixing the goal clears the refusal.
	await page.getByRole('button', { name: 'Remove condition 2' }).click();
	await expect(matches).toHaveText(before!);
});
