import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

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
	worker: { format: 'es' },
	optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
	server: { port: 5173, strictPort: false },
	preview: { port: 4173 },
	test: {
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
