// Threads where the page is cross-origin isolated (TF.js, and DuckDB's mended coi bundle: the
// other specs load every format through it), a clean fallback where it
// is not. vite preview sends COOP/COEP (vite.config.ts), so the suite's server gives the
// threaded page; the same build served without them (PROPENSITY_ISOLATION=off) is the static
// host without headers: with ?isolation=off it stays single-threaded, without it our service
// worker isolates it after one reload. Every mode trains the demo to the same scores, and no
// request leaves the origin.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { preview } from 'vite';
import { downloadCsv, parseCsv, trainDemo, watchOrigins } from './helpers';

/** The demo trained in a fresh context on `base`: its probabilities and the engine shown. */
async function trainedDemo(browser: Browser, base: string, query = '') {
	const context = await browser.newContext({ baseURL: base, acceptDownloads: true });
	const foreign = watchOrigins(context, new URL(base).origin);
	const page = await context.newPage();
	await trainDemo(page, query);
	const isolated = await page.evaluate(() => crossOriginIsolated);
	const backend = (await page.getByTestId('backend').textContent())!;
	const data = (await page.getByText(/^Data engine:/).textContent())!.replace(/\s+/g, ' ').trim();
	const rows = parseCsv((await downloadCsv(page)).text).slice(1);
	await context.close();
	return {
		isolated,
		backend,
		data,
		foreign,
		p: new Map(rows.map((r) => [r[0]!, Number(r[1])]))
	};
}

/** The page's main-frame loads until it is isolated (or `timeout` ms pass). */
async function loadsUntilIsolated(page: Page, url: string): Promise<number> {
	let loads = 0;
	page.on('load', () => loads++);
	await page.goto(url);
	await expect
		.poll(() => page.evaluate(() => crossOriginIsolated).catch(() => false), { timeout: 20_000 })
		.toBe(true);
	await expect(page.getByText('Data engine: ready')).toBeVisible();
	return loads;
}

test('isolated: WASM on 2+ threads; unisolated: 1 thread, same scores; the SW isolates a plain host', async ({
	browser,
	baseURL
}) => {
	const threaded = await trainedDemo(browser, baseURL!);
	expect(threaded.isolated).toBe(true);
	expect(threaded.backend).toMatch(/^TensorFlow\.js WASM · ([2-9]|\d\d+) threads$/);
	// DuckDB's threaded bundle too (every other spec loads users' files through it).
	expect(threaded.data).toMatch(/^Data engine: ready \(([2-8]) threads\)$/);

	process.env.PROPENSITY_ISOLATION = 'off';
	const plain = await preview({ preview: { port: 0, host: '127.0.0.1' }, logLevel: 'silent' });
	delete process.env.PROPENSITY_ISOLATION;
	try {
		const base = plain.resolvedUrls!.local[0]!;
		const single = await trainedDemo(browser, base, '?isolation=off');
		expect(single.isolated).toBe(false);
		expect(single.backend).toBe('TensorFlow.js WASM · 1 thread');
		expect(single.data).toBe('Data engine: ready');
		expect(single.p.size).toBe(threaded.p.size);
		let worst = 0;
		for (const [id, p] of threaded.p) worst = Math.max(worst, Math.abs(p - single.p.get(id)!));
		expect(worst, 'threaded vs single-threaded probability').toBeLessThan(1e-4);
		expect([...threaded.foreign, ...single.foreign]).toEqual([]);

		// A static host without headers: the service worker adds them, after exactly one reload.
		const context = await browser.newContext();
		const page = await context.newPage();
		expect(await loadsUntilIsolated(page, base)).toBe(2);
		await context.close();
	} finally {
		await plain.close();
	}
});
