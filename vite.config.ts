import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { tfjsWasmThreads } from './vite.tfjs-threads.ts';

// Cross-origin isolation (COOP + COEP) lets the page use SharedArrayBuffer, so TF.js WASM runs
// on several threads. Every asset is ours, so `require-corp` blocks nothing. The bench's
// --no-threads and the e2e fallback serve without them (PROPENSITY_ISOLATION=off) to measure
// and test the page as a static host without headers shows it.
const ISOLATION_HEADERS =
	process.env.PROPENSITY_ISOLATION === 'off'
		? {}
		: {
				'Cross-Origin-Opener-Policy': 'same-origin',
				'Cross-Origin-Embedder-Policy': 'require-corp'
			};

// One config for the app, its production build and the vitest projects.
export default defineConfig({
	plugins: [svelte()],
	// The static site must work from any path on any static host.
	base: './',
	build: {
		target: 'es2022',
		// DuckDB's WASM bundles are ~35 MB each; they are fetched lazily, one per browser.
		chunkSizeWarningLimit: 4096,
		assetsInlineLimit: 0
	},
	// TF.js runs in the ML worker, so its fix goes in the worker build.
	worker: { format: 'es', plugins: () => [tfjsWasmThreads()] },
	optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
	server: { port: 5173, strictPort: false, headers: ISOLATION_HEADERS },
	preview: { port: 4173, headers: ISOLATION_HEADERS },
	test: {
		// One test file per core, not vitest's default of one fewer: most of a test's time is
		// single-threaded (TF.js, our JS), so on CI's 2 cores the default ran every file in turn.
		maxWorkers: availableParallelism(),
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['tests/unit/**/*.test.ts'],
					environment: 'node'
				}
			},
			{
				extends: true,
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					environment: 'node',
					testTimeout: 120_000,
					hookTimeout: 120_000
				}
			}
		]
	}
});
