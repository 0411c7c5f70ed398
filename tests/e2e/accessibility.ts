// An accessibility audit of every step (and every Insights tab) of a trained page with axe-core,
// in light and in dark: what it finds of serious or critical impact, as lines a reader can act
// on (demo.spec.ts expects none). axe-core is injected once and run in the page: through
// @axe-core/playwright an audit took 2–4 s here (it sends axe's source again each time, and by
// default merges frame results in a page of its own), about 0.3 s this way, 22 audits in all.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import { expect, type Page } from '@playwright/test';
import { INSIGHTS_TABS } from './insights-views';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

const step = (page: Page, name: string) =>
	page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name, exact: true });

/**
 * axe-core's audit of the page as it is now, axe evaluated into the page on first use (the
 * app's CSP refuses an added script tag, as it should).
 */
async function audit(page: Page): Promise<AxeResults> {
	if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(readFileSync(AXE, 'utf8'));
	return page.evaluate(() =>
		(window as unknown as { axe: { run: (c: Document) => Promise<AxeResults> } }).axe.run(document)
	);
}

/** Audits every view in both colour schemes; fails listing each serious or critical violation. */
export async function expectAccessibleSteps(page: Page): Promise<void> {
	const views: [string, () => Promise<void>][] = [
		['Data', () => step(page, 'Data').click()],
		['Goal', () => step(page, 'Goal').click()],
		['Train', () => step(page, 'Train').click()],
		...INSIGHTS_TABS.map((tab): [string, () => Promise<void>] => [
			`Insights, ${tab}`,
			async () => {
				await step(page, 'Insights').click();
				await page.getByRole('tab', { name: tab }).click();
			}
		]),
		['Profiles & export', () => step(page, 'Profiles & export').click()]
	];
	const found: string[] = [];
	let audits = 0;
	for (const [name, open] of views) {
		await open();
		for (const colorScheme of ['light', 'dark'] as const) {
			await page.emulateMedia({ colorScheme });
			const { violations, passes } = await audit(page);
			expect(passes.length, `${name} (${colorScheme}): rules checked`).toBeGreaterThan(10);
			audits++;
			for (const v of violations)
				if (v.impact === 'serious' || v.impact === 'critical')
					found.push(
						`${name} (${colorScheme}): ${v.id} (${v.impact}) at ${v.nodes
							.slice(0, 3)
							.map((n) => n.target.join(' '))
							.join('; ')}${v.nodes.length > 3 ? ` and ${v.nodes.length - 3} more` : ''}`
					);
		}
	}
	await page.emulateMedia({ colorScheme: 'light' });
	expect(found).toEqual([]);
	expect(audits).toBe(views.length * 2);
}
