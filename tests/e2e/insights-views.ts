// Every Insights view of a model trained on the demo data (demo.spec.ts): each chart draws
// marks, hovering and the keyboard show a mark's values, the backtest and the targeting helper
// work, and a screenshot of each view (light and dark) is written to the test's output folder.
import { readFileSync } from 'node:fs';
import { expect, type Page, type TestInfo } from '@playwright/test';
import { fillAndVariable } from './helpers';

type Panel = ReturnType<Page['getByTestId']>;

/** Per view: its tab, its panel's test id, its charts, and what to do before they can draw. */
const VIEWS: {
	tab: string;
	id: string;
	charts: string[];
	prepare: (panel: Panel) => Promise<void>;
}[] = [
	{
		tab: 'Audience',
		id: 'audience',
		charts: ['bucket-ring', 'score-histogram'],
		prepare: async () => {}
	},
	{
		tab: 'Influential factors',
		id: 'factors',
		charts: ['distribution', 'reason-segments', 'importance', 'shape'],
		prepare: async (panel) => {
			// Choosing another bucket and another of its factors redraws the distribution for it.
			await panel.getByRole('radio', { name: 'low' }).check();
			// Its groups come first, as many as asked for (the demo has more than five groups).
			await expect(panel.getByTestId('bucket-group-drivers').getByRole('listitem')).toHaveCount(5);
			await expect(panel.getByRole('columnheader', { name: 'Typical customer' })).toBeVisible();
			const heading = panel.getByRole('heading', { name: /: values by bucket$/ });
			const before = await heading.textContent();
			const second = panel.getByTestId('bucket-drivers').getByRole('button').nth(1);
			await second.click();
			await expect(second).toHaveAttribute('aria-pressed', 'true');
			await expect(heading).not.toHaveText(before!);
			// The chart now shows that feature (or, for a category, its attribute).
			const name = (await heading.textContent())!.replace(/: values by bucket$/, '');
			const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
			const chart = panel.getByTestId('distribution');
			await expect(chart).toHaveAccessibleName(new RegExp(`^Values of ${escaped} in each bucket`));
			await expect(chart.locator('[data-tip]').first()).toHaveAttribute(
				'data-tip',
				new RegExp(`\n${escaped}: `)
			);
		}
	},
	{
		tab: 'Model evaluation',
		id: 'evaluation',
		charts: ['roc', 'gains', 'lift', 'calibration'],
		prepare: async () => {}
	},
	{
		tab: 'Backtest',
		id: 'backtest',
		charts: ['backtest-auc', 'backtest-buckets'],
		prepare: async (panel) => {
			// Cancelling keeps what was there (nothing yet); then the full run.
			await panel.getByRole('button', { name: /^Run the backtest/ }).click();
			await expect(panel.getByRole('progressbar', { name: 'Backtest' })).toBeVisible();
			await panel.getByRole('button', { name: 'Cancel' }).click();
			await expect(
				panel.getByRole('status').filter({ hasText: 'Backtest cancelled' })
			).toBeVisible();
			await expect(panel.getByTestId('backtest-table')).toHaveCount(0);
			await panel.getByRole('button', { name: /^Run the backtest/ }).click();
			// Out-of-sample AUC at two or more past cutoffs, each well above chance on the demo.
			const aucs = panel.getByTestId('backtest-table').locator('tbody tr td:nth-child(4)');
			await expect(aucs.nth(1)).toBeVisible({ timeout: 120_000 });
			for (const a of await aucs.allTextContents()) expect(Number(a)).toBeGreaterThan(0.6);
		}
	},
	{
		tab: 'Targeting',
		id: 'targeting',
		charts: ['capture', 'profit'],
		prepare: async (panel) => {
			await panel.getByTestId('value-per-event').fill('120');
			await panel.getByTestId('cost-per-contact').fill('15');
			await expect(panel.getByTestId('profit-statement')).toContainText(
				'maximises the expected profit'
			);
		}
	}
];

/** The Insights step's tabs, in order. */
export const INSIGHTS_TABS = VIEWS.map((v) => v.tab);

/**
 * Moves the mouse onto a mark in the middle of the chart's list, at a point inside its own shape
 * (the centre of its box can miss it: a ring segment's centre is in the hole; a line has no fill,
 * so then a point on its stroke), and returns the tooltip's text.
 */
async function hoverTip(page: Page, chart: Panel): Promise<string> {
	const marks = chart.locator('[data-tip]');
	const mark = marks.nth(Math.floor((await marks.count()) / 2));
	await mark.scrollIntoViewIfNeeded();
	const point = await mark.evaluate((el) => {
		const shape = el as SVGGeometryElement;
		const box = shape.getBBox();
		const screen = shape.getBoundingClientRect();
		// From the centre outwards: the mouse lands on whole pixels, so an edge point may miss.
		const fromCentre = [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.1, 0.9];
		const tests = [
			(p: DOMPoint) => shape.isPointInFill(p),
			(p: DOMPoint) => shape.isPointInStroke(p)
		];
		for (const inside of tests)
			for (const fx of fromCentre)
				for (const fy of fromCentre)
					if (inside(new DOMPoint(box.x + fx * box.width, box.y + fy * box.height)))
						return { x: screen.left + fx * screen.width, y: screen.top + fy * screen.height };
		return { x: screen.left + screen.width / 2, y: screen.top + screen.height / 2 };
	});
	await page.mouse.move(point.x, point.y);
	const tip = chart.locator('xpath=following-sibling::div[@role="status"]');
	await expect(tip).toBeVisible();
	return (await tip.textContent())!.trim();
}

/** Checks every view of the Insights step, on a page where the demo's default goal is trained. */
export async function expectInsightsViews(page: Page, testInfo: TestInfo): Promise<void> {
	await page.getByRole('button', { name: 'Insights', exact: true }).click();
	await page.getByRole('tab', { name: 'Audience' }).click();

	// Polarity: for conversion, the high bucket is good news (green).
	const [high, good] = await fillAndVariable(
		page.getByTestId('bucket-ring').locator('[data-bucket="high"]'),
		'--good'
	);
	expect(high).toBe(good);
	// Audience: bucket counts add up to the customers scored; expected conversions are stated.
	const buckets = page.getByTestId('bucket-table').getByRole('row');
	await expect(buckets).toHaveCount(4);
	await expect(page.getByTestId('expected-events')).toContainText(
		/Expected conversions in the next 30 days: \d/
	);

	for (const { tab, id, charts, prepare } of VIEWS) {
		await page.getByRole('tab', { name: tab }).click();
		const panel = page.getByTestId(`view-${id}`);
		await prepare(panel);
		for (const testId of charts) {
			const chart = panel.getByTestId(testId).first();
			await expect(chart).toBeVisible();
			const marks = await chart.locator('[data-tip]').count();
			expect(marks, `${testId} draws marks`).toBeGreaterThan(0);
			expect(await hoverTip(page, chart), `${testId} shows values on hover`).toMatch(/\d/);
		}
		await page.mouse.move(0, 0);
		await panel.screenshot({ path: testInfo.outputPath(`insights-${id}-light.png`) });
		await page.emulateMedia({ colorScheme: 'dark' });
		await panel.screenshot({ path: testInfo.outputPath(`insights-${id}-dark.png`) });
		await page.emulateMedia({ colorScheme: 'light' });
	}

	// The keyboard reaches a chart and reads its marks one by one.
	await page.getByRole('tab', { name: 'Model evaluation' }).click();
	const roc = page.getByTestId('roc');
	await roc.focus();
	await page.keyboard.press('ArrowRight');
	const tip = roc.locator('xpath=following-sibling::div[@role="status"]');
	await expect(tip).toContainText('finds');
	await page.keyboard.press('ArrowRight');
	await expect(roc.locator('.active')).toHaveCount(1);
	await page.keyboard.press('Escape');
	await expect(tip).toBeHidden();

	// Targeting: the selection follows the threshold; percentile 91 selects the top tenth.
	await page.getByRole('tab', { name: 'Targeting' }).click();
	await page.getByTestId('target-threshold').fill('91');
	const statement = page.getByTestId('target-statement');
	await expect(statement).toContainText(/\((10|9)\.\d\s%/);
	const before = await statement.textContent();
	await page.getByTestId('target-threshold').fill('51');
	await expect(statement).not.toHaveText(before!);
	await expect(statement).toContainText(/\((49|50)\.\d\s%/);

	// The model card downloads with the goal, the cutoffs and the AUC the page shows.
	const auc = (await page.getByTestId('auc').textContent())!;
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Download the model card (Markdown)' }).click()
	]);
	expect(download.suggestedFilename()).toMatch(/^model-card-purchase-in-the-next-30-days-.+\.md$/);
	const card = readFileSync(await download.path(), 'utf8');
	expect(card).toMatch(/^# Model card — Purchase in the next 30 days\n/);
	expect(card).toContain(`| AUC | ${auc} — `);
	expect(card).toMatch(/\| \d{4}-\d{2}-\d{2} \| validation \| [\d,]+ \| [\d,]+ \|/);
	expect(card).toContain('## Known limits');
}
