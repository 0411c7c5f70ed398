// Issue 4: a churn goal with an eligible population and a custom event, built through the UI
// only; the live counts follow every edit; the model trains on exactly those rows.
import { expect, test, type Page } from '@playwright/test';
import type { ProjectState } from '../../src/lib/state/project.svelte';
import { continueToGoal, fillAndVariable, loadDemo, openApp, watchOrigins } from './helpers';

/** Eligible customers at the validation cutoff, read from the live counts table. */
async function validationEligible(page: Page): Promise<number> {
	const row = page.getByTestId('cutoff-counts').getByRole('row').filter({ hasText: 'validation' });
	const cells = await row.getByRole('cell').allTextContents();
	return Number(cells[2]!.replace(/,/g, ''));
}

test('churn goal with an eligible population and a custom event, live counts, then training', async ({
	page,
	context,
	baseURL
}) => {
	const foreign = watchOrigins(context, new URL(baseURL!).origin);
	await openApp(page);
	await loadDemo(page);
	await continueToGoal(page);
	// The high-value preset bounds the order value at a round number from the data.
	await page.getByRole('button', { name: 'High-value order in the next 30 days' }).click();
	await expect(page.getByRole('textbox', { name: 'Goal name' })).toHaveValue(
		/^Order of \d+ or more in the next 30 days$/
	);
	await expect(
		page.getByRole('group', { name: 'Condition 2' }).getByRole('combobox', { name: 'Operator' })
	).toHaveValue('gte');

	await page.getByRole('button', { name: 'Churn: no activity in the next 30 days' }).click();
	await expect(page.getByRole('radio', { name: /will not do this/ })).toBeChecked();
	await expect(page.getByTestId('cutoff-counts')).toContainText('Churned');
	const everyone = await validationEligible(page);
	expect(everyone).toBeGreaterThan(1000);

	// Eligible: had a product view in the last 30 days.
	await page.getByRole('button', { name: '+ Add an eligibility rule' }).click();
	const rule = page.getByRole('group', { name: 'Eligibility rule 1' });
	await rule.getByRole('spinbutton', { name: 'within the last (days)' }).fill('30');
	await rule.getByRole('spinbutton', { name: 'within the last (days)' }).blur();
	await rule.getByRole('button', { name: '+ Add a condition' }).click();
	await rule
		.getByRole('group', { name: 'Rule 1 condition 1' })
		.getByRole('combobox', { name: 'Value' })
		.selectOption('commerce.productViews');
	await expect.poll(() => validationEligible(page), { timeout: 30_000 }).toBeLessThan(everyone);
	const viewers = await validationEligible(page);
	expect(viewers).toBeGreaterThan(100);

	// A custom event with a friendly name.
	await page.getByRole('button', { name: '+ Add a custom event' }).click();
	const custom = page.getByRole('group', { name: 'Custom event 1' });
	await custom.getByRole('textbox', { name: 'Name' }).fill('Cart add');
	await custom.getByRole('textbox', { name: 'Name' }).blur();
	await custom
		.getByRole('group', { name: 'Cart add condition 1' })
		.getByRole('combobox', { name: 'Value' })
		.selectOption('commerce.productListAdds');
	await expect(page.getByTestId('goal-problem')).toHaveCount(0);

	await page.getByRole('button', { name: 'Continue to train →' }).click();
	await page.getByRole('button', { name: 'Train model' }).click();
	await expect(page.getByRole('heading', { name: 'How good is the model?' })).toBeVisible({
		timeout: 150_000
	});
	const trained = await page.evaluate(() => {
		const r = (window as unknown as { propensityLab: ProjectState }).propensityLab.run.result!;
		return {
			kind: r.spec.kind,
			validation: r.counts.find((c) => c.role === 'validation')!.eligible,
			customFeatures: r.features.filter((f) => f.name.includes('Cart add')).map((f) => f.name)
		};
	});
	expect(trained.kind).toBe('churn');
	expect(trained.validation).toBe(viewers);
	expect(trained.customFeatures).toContain('Days since last Cart add event');
	// Polarity: for churn, the high bucket is bad news (red) and the low one good news (green).
	const ring = page.getByTestId('bucket-ring');
	const [high, bad] = await fillAndVariable(ring.locator('[data-bucket="high"]'), '--bad');
	expect(high).toBe(bad);
	const [low, good] = await fillAndVariable(ring.locator('[data-bucket="low"]'), '--good');
	expect(low).toBe(good);
	expect(bad).not.toBe(good);
	expect(foreign).toEqual([]);
});
