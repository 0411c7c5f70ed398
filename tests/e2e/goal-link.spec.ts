// A goal shared as a link: the spec travels in the URL fragment (never the data), is applied when
// the data is loaded, and the Goal step makes such a link; a damaged link, or one whose goal does
// not fit the data, says so and changes nothing.
import { expect, test } from '@playwright/test';
import { goalFragment, goalFromFragment } from '../../src/lib/engine/goal/link';
import { continueToGoal, loadDemo, openApp } from './helpers';

const churn = {
	version: 1,
	name: 'No page view in the next 14 days (shared)',
	kind: 'churn',
	goal: { all: [{ field: 'event', op: 'eq', value: 'web.webpagedetails.pageViews' }] },
	outcomeWindowDays: 14,
	lookbackDays: 120
};

test('a goal link is applied to the loaded data, and the Goal step makes one', async ({ page }) => {
	await openApp(page, goalFragment(JSON.stringify(churn)));
	await expect(page.getByTestId('linked-goal')).toContainText(churn.name);
	await loadDemo(page);
	await expect(page.getByTestId('linked-goal')).toHaveCount(0);
	await continueToGoal(page);
	await expect(page.getByTestId('link-notice')).toContainText(churn.name);
	await expect(page.getByRole('textbox', { name: 'Goal name' })).toHaveValue(churn.name);
	await expect(page.getByTestId('goal-matches')).toContainText('events match the goal');

	await page.getByRole('button', { name: 'Copy a link to this goal' }).click();
	const link = await page.getByTestId('goal-link').inputValue();
	expect(link.startsWith(new URL(page.url()).origin)).toBe(true);
	const shared = JSON.parse(goalFromFragment(new URL(link).hash)!) as typeof churn & {
		data: { events: { customerId: string } };
	};
	expect(shared).toMatchObject({ name: churn.name, kind: 'churn', outcomeWindowDays: 14 });
	// The link names the columns it was made with, and carries no data.
	expect(shared.data.events.customerId).toBe('ecid');
	expect(link.length).toBeLessThan(3000);
});

test('a damaged goal link says so, and the app works on', async ({ page }) => {
	await openApp(page, '#goal=@@not-base64@@');
	await expect(page.getByTestId('link-error')).toContainText('damaged');
	await expect(page.getByRole('button', { name: 'Try the demo dataset' })).toBeEnabled();
});

test('a goal link cut short is refused when the page opens', async ({ page }) => {
	await openApp(page, goalFragment(JSON.stringify(churn)).slice(0, -6));
	await expect(page.getByTestId('link-error')).toContainText('cut short');
	await expect(page.getByTestId('linked-goal')).toHaveCount(0);
});

test('a goal link naming a column the data lacks leaves the goal as it was, saying why', async ({
	page
}) => {
	const colour = { ...churn, goal: { all: [{ field: 'colour', op: 'eq', value: 'red' }] } };
	await openApp(page, goalFragment(JSON.stringify(colour)));
	await expect(page.getByTestId('linked-goal')).toContainText(churn.name);
	await loadDemo(page);
	await continueToGoal(page);
	await expect(page.getByTestId('goal-refusal')).toContainText(
		'The goal in this link does not fit the loaded data, so the goal was not changed. It names the column “colour”'
	);
	await expect(page.getByRole('textbox', { name: 'Goal name' })).not.toHaveValue(churn.name);
});
