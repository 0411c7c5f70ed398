// Golden files for every engine's scale-out scripts (tests/golden/scale-out/<engine>/), and for
// the engines our tests cannot run (Spark SQL, BigQuery, Snowflake) every statement of them read
// by that engine's own parser. A change to the SQL shows up as a diff of the golden files;
// UPDATE_GOLDEN=1 writes them again (review the diff before committing it).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIALECTS, dialectFor } from '../../src/lib/engine/sql/dialects';
import { sampleSql } from '../../src/lib/engine/scale-out/sample-sql';
import { scoreSql } from '../../src/lib/engine/scale-out/score-sql';
import type { Dialect } from '../../src/lib/engine/sql/dialect';
import { dialectScript, goldenScoreInput } from '../helpers/golden-scale-out';
import { countStatements, parseScript, PARSED_ENGINES } from '../helpers/sql-parsers';

const GOLDEN = path.resolve(__dirname, '../golden/scale-out');

/** The scripts of the fixed case for `d`, by file name. */
function scripts(d: Dialect): Record<string, string> {
	const sample = (format: 'csv' | 'parquet') =>
		sampleSql({
			dialect: d,
			source: { table: 'analytics.events' },
			customerId: 'user_id',
			share: 0.05,
			format
		});
	const files: Record<string, string> = {
		'dialect.sql': dialectScript(d),
		'score.sql': scoreSql(goldenScoreInput(d)),
		'sample.csv.sql': sample('csv')
	};
	if (d.exportTo('SELECT 1', d.sampleOutput('parquet'), 'parquet'))
		files['sample.parquet.sql'] = sample('parquet');
	return files;
}

describe('scale-out golden files', () => {
	for (const d of DIALECTS) {
		it(`${d.title}: the scripts are the golden files`, () => {
			const dir = path.join(GOLDEN, d.name);
			const files = scripts(d);
			if (process.env.UPDATE_GOLDEN) {
				mkdirSync(dir, { recursive: true });
				for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
			}
			for (const [name, text] of Object.entries(files)) {
				const file = path.join(dir, name);
				expect(existsSync(file), `${file} (UPDATE_GOLDEN=1 writes it)`).toBe(true);
				expect(text, name).toBe(readFileSync(file, 'utf8'));
			}
			expect(Object.keys(files).length).toBeGreaterThanOrEqual(3);
		});
	}
});

describe("scale-out scripts read by each engine's parser", () => {
	for (const engine of PARSED_ENGINES) {
		const d = dialectFor(engine);
		it(`${d.title}: every statement of every golden script parses`, async () => {
			let statements = 0;
			for (const [name, text] of Object.entries(scripts(d))) {
				const expected = countStatements(text);
				expect(expected, name).toBeGreaterThan(0);
				await expect(parseScript(engine, text), name).resolves.toBe(expected);
				statements += expected;
			}
			expect(statements).toBeGreaterThan(40);
		}, 60_000);

		it(`${d.title}: the parser rejects what the engine does not read`, async () => {
			// DuckDB's integer division and aggregate filters in engines that have neither: the
			// parsers are not so lenient that the checks above could not fail.
			const wrong: Record<string, string> = {
				spark: 'SELECT a // b FROM t;',
				bigquery: 'SELECT count(*) FILTER (WHERE x > 1) FROM t;',
				snowflake: 'SELECT count(*) FILTER (WHERE x > 1) FROM t;'
			};
			await expect(parseScript(engine, wrong[engine]!)).rejects.toThrow();
		});
	}
});
