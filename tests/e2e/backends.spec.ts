// The TF.js backends only a browser has train the same model as WASM: the demo dataset's
// downloaded probabilities agree to 1e-3 between WASM and WebGL (SwiftShader). The CPU backend
// is the same code in Node, where tests/integration/model.test.ts holds it to WASM's 1e-3 (and
// cancel.spec.ts trains on it here). WebGPU has no adapter in headless Chromium here
// (../shared/STACK-NOTES.md), so it cannot be compared. Each learns from the same sample of
// customers (?trainingRows), which is all the comparison needs, and scores every profile.
import { expect, test } from '@playwright/test';
import { downloadCsv, parseCsv, trainDemo } from './helpers';

test('WASM and WebGL backends agree to 1e-3 in probability', async ({ browser }) => {
	test.setTimeout(600_000);
	const probabilities: Record<string, Map<string, number>> = {};
	for (const backend of ['wasm', 'webgl']) {
		const page = await browser.newPage();
		await trainDemo(page, `?backend=${backend}&trainingRows=5000`);
		// WASM also says how many threads it runs on (isolation.spec.ts checks them).
		await expect(page.getByTestId('backend')).toHaveText(
			new RegExp(`^TensorFlow\\.js ${backend.toUpperCase()}( · \\d+ threads?)?$`)
		);
		const rows = parseCsv((await downloadCsv(page)).text).slice(1);
		probabilities[backend] = new Map(rows.map((r) => [r[0]!, Number(r[1])]));
		await page.close();
	}
	const [wasm, webgl] = [probabilities.wasm!, probabilities.webgl!];
	expect(wasm.size).toBeGreaterThan(1000);
	expect(webgl.size).toBe(wasm.size);
	let worst = 0;
	for (const [id, p] of wasm) worst = Math.max(worst, Math.abs(p - webgl.get(id)!));
	expect(worst, 'webgl vs wasm').toBeLessThan(1e-3);
});
