// The TF.js backends Chromium offers here train the same model: the demo dataset's downloaded
// probabilities agree to 1e-3 between CPU, WASM and WebGL (SwiftShader). WebGPU has no adapter in
// headless Chromium here (../shared/STACK-NOTES.md), so it cannot be compared.
import { expect, test } from '@playwright/test';
import { downloadCsv, parseCsv, trainDemo } from './helpers';

test('CPU, WASM and WebGL backends agree to 1e-3 in probability', async ({ browser }) => {
	test.setTimeout(600_000);
	const probabilities: Record<string, Map<string, number>> = {};
	for (const backend of ['wasm', 'cpu', 'webgl']) {
		const page = await browser.newPage();
		await trainDemo(page, `?backend=${backend}`);
		// WASM also says how many threads it runs on (isolation.spec.ts checks them).
		await expect(page.getByTestId('backend')).toHaveText(
			new RegExp(`^TensorFlow\\.js ${backend.toUpperCase()}( · \\d+ threads?)?$`)
		);
		const rows = parseCsv((await downloadCsv(page)).text).slice(1);
		probabilities[backend] = new Map(rows.map((r) => [r[0]!, Number(r[1])]));
		await page.close();
	}
	const reference = probabilities.wasm!;
	expect(reference.size).toBeGreaterThan(1000);
	for (const backend of ['cpu', 'webgl']) {
		const other = probabilities[backend]!;
		expect(other.size).toBe(reference.size);
		let worst = 0;
		for (const [id, p] of reference) worst = Math.max(worst, Math.abs(p - other.get(id)!));
		expect(worst, `${backend} vs wasm`).toBeLessThan(1e-3);
	}
});
