// Reusable steps for the e2e flows, and the privacy check: no request leaves the app's origin.
import {
	expect,
	test,
	type BrowserContext,
	type Download,
	type Locator,
	type Page
} from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const SHARED =
	process.env.PROPENSITY_DATASETS ?? path.resolve(import.meta.dirname, '../../../shared/datasets');
export const HAS_SHARED = existsSync(path.join(SHARED, 'cdnow/CDNOW_master.txt'));

/** Records every request from the page and its workers that goes to another origin. */
export function watchOrigins(context: BrowserContext, origin: string): string[] {
	const foreign: string[] = [];
	context.on('request', (r) => {
		const url = r.url();
		if (url.startsWith('data:') || url.startsWith('blob:')) return;
		if (new URL(url).origin !== origin) foreign.push(url);
	});
	return foreign;
}

/**
 * One page with the app open for every test of a spec file, run in order: a fresh page starts
 * the data engine again (DuckDB-WASM, about 9 s of the two cores a CI machine has), so tests
 * that each load their own data share one. A test after a failed one is skipped. `foreign()`
 * holds the requests to other origins made so far, by any of the file's tests.
 */
export function pageForFile(): { page: () => Page; foreign: () => string[] } {
	let context: BrowserContext | undefined;
	let page: Page | undefined;
	let foreign: string[] = [];
	test.describe.configure({ mode: 'serial' });

	test.beforeAll(async ({ browser, baseURL }) => {
		context = await browser.newContext({ baseURL, acceptDownloads: true });
		foreign = watchOrigins(context, new URL(baseURL!).origin);
		page = await context.newPage();
		await openApp(page);
	});

	test.afterAll(async () => {
		await context?.close();
	});

	return { page: () => page!, foreign: () => foreign };
}

export async function openApp(page: Page, query = ''): Promise<void> {
	await page.goto(`/${query}`);
	await expect(page.getByRole('heading', { name: 'Propensity Lab' })).toBeVisible();
}

/** Loads the built-in demo dataset and waits for its quality report. */
export async function loadDemo(page: Page): Promise<void> {
	await page.getByRole('button', { name: 'Try the demo dataset' }).click();
	await expect(page.getByRole('heading', { name: 'demo-events.csv', level: 2 })).toBeVisible({
		timeout: 60_000
	});
}

/** Opens the app (with `query`, e.g. a forced backend), then trains the default goal on the demo. */
export async function trainDemo(page: Page, query = ''): Promise<void> {
	await openApp(page, query);
	await loadDemo(page);
	await continueToGoal(page);
	await trainAndWait(page);
}

/** The Data step, where files are opened, from any step (a shared page may be anywhere). */
export async function goToData(page: Page): Promise<void> {
	await page.getByRole('button', { name: 'Data', exact: true }).click();
}

export async function uploadEvents(page: Page, file: Parameters<Locator['setInputFiles']>[0]) {
	await page.getByTestId('events-file').setInputFiles(file);
}

export async function continueToGoal(page: Page) {
	await page.getByRole('button', { name: 'Continue to goal →' }).click();
	await expect(page.getByRole('heading', { name: 'What does success mean?' })).toBeVisible();
}

export async function trainAndWait(page: Page) {
	await page.getByRole('button', { name: 'Continue to train →' }).click();
	await page.getByRole('button', { name: /^Train (model|again)$/ }).click();
	await expect(page.getByRole('heading', { name: 'How good is the model?' })).toBeVisible({
		timeout: 150_000
	});
}

/** The fill a chart mark really gets, and the colour a CSS variable resolves to, as rgb(). */
export async function fillAndVariable(mark: Locator, variable: string): Promise<[string, string]> {
	return mark.evaluate((el, name) => {
		const probe = document.createElement('span');
		probe.style.color = `var(${name})`;
		el.closest('main')!.append(probe);
		const expected = getComputedStyle(probe).color;
		probe.remove();
		return [getComputedStyle(el).fill, expected];
	}, variable);
}

export async function readNumber(page: Page, testId: string): Promise<number> {
	return Number(await page.getByTestId(testId).textContent());
}

export async function downloadCsv(page: Page): Promise<{ download: Download; text: string }> {
	await page.getByRole('button', { name: 'See scored profiles →' }).click();
	await page.getByTestId('export-format').selectOption('csv');
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: /^Download CSV \(/ }).click()
	]);
	const file = await download.path();
	return { download, text: readFileSync(file, 'utf8') };
}

/** Rows of cells of a CSV we wrote (quoted fields may hold commas, quotes and line breaks). */
export { parseCsv } from '../helpers/csv';
