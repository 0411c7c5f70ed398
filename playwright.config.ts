// E2E against the production build (vite preview), in Debian's Chromium (no browser download).
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './bench/chromium';

const PORT = 4173;

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.spec.ts',
	forbidOnly: !!process.env.CI,
	retries: 0,
	workers: 1,
	timeout: 180_000,
	expect: { timeout: 60_000 },
	outputDir: 'test-results',
	reporter: [['list']],
	use: {
		baseURL: `http://127.0.0.1:${PORT}`,
		acceptDownloads: true,
		trace: 'retain-on-failure',
		// No video: it needs Playwright's own ffmpeg download, which this network does not allow.
		video: 'off',
		screenshot: 'only-on-failure',
		launchOptions: {
			executablePath: CHROMIUM_PATH,
			args: CHROMIUM_ARGS
		}
	},
	webServer: {
		command: `npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
		url: `http://127.0.0.1:${PORT}`,
		reuseExistingServer: false,
		timeout: 60_000
	}
});
