// Lint rules from STYLE.md §8: errors, not warnings; layers enforced with no-restricted-imports.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import playwright from 'eslint-plugin-playwright';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

const layer = (folder, forbidden) => ({
	files: [`src/lib/${folder}/**/*.{ts,svelte}`],
	rules: {
		'no-restricted-imports': [
			'error',
			{
				patterns: forbidden.map((f) => ({
					group: [`**/${f}/**`, `$lib/${f}/**`, ...(f === 'duckdb' ? ['@duckdb/*'] : [])],
					message: `src/lib/${folder} must not import ${f} (imports run ui → state → db/ml → engine).`
				}))
			}
		]
	}
});

export default ts.config(
	{ ignores: ['dist/', 'node_modules/', 'test-results/', 'bench-out/'] },
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } }
	},
	{
		files: ['src/**/*.ts', 'src/**/*.svelte'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig,
				tsconfigRootDir: import.meta.dirname
			}
		},
		rules: {
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': 'error',
			'svelte/require-each-key': 'error',
			'svelte/no-at-html-tags': 'error'
		}
	},
	{ ...playwright.configs['flat/recommended'], files: ['tests/e2e/**/*.ts'] },
	{
		files: ['tests/e2e/**/*.ts'],
		rules: {
			// Tests on the team's shared datasets skip, with a reason, where the datasets are absent.
			'playwright/no-skipped-test': ['error', { allowConditional: true }],
			// A check shared by specs is a function named expect… (insights-views.ts).
			'playwright/expect-expect': ['warn', { assertFunctionPatterns: ['^expect[A-Z]'] }]
		}
	},
	layer('engine', ['db', 'ml', 'state', 'ui', 'duckdb']),
	layer('db', ['ml', 'state', 'ui']),
	layer('ml', ['db', 'state', 'ui', 'duckdb']),
	layer('state', ['ui']),
	{
		rules: {
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			]
		}
	}
);
