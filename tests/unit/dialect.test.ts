import { describe, expect, it } from 'vitest';
import { bigqueryFormat } from '../../src/lib/engine/sql/bigquery';
import { postgresFormat } from '../../src/lib/engine/sql/postgres';
import { snowflakeFormat } from '../../src/lib/engine/sql/snowflake';
import { sparkFormat } from '../../src/lib/engine/sql/spark';
import { BIGQUERY, DIALECTS, DUCKDB, POSTGRES } from '../../src/lib/engine/sql/dialects';
import { TEXT_FORMATS } from '../../src/lib/engine/ingest/plan';

describe('SQL dialects', () => {
	it('quote names, user tables and values so nothing in them is read as SQL', () => {
		const hostile = 'a `b` "c" \'d\' \\ e; --';
		// Standard SQL doubles quotes; Spark doubles backticks; BigQuery and the engines where a
		// backslash escapes in a string escape with one.
		const quoted: Record<string, [ident: string, literal: string]> = {
			duckdb: ['"a `b` ""c"" \'d\' \\ e; --"', "'a `b` \"c\" ''d'' \\ e; --'"],
			postgres: ['"a `b` ""c"" \'d\' \\ e; --"', "'a `b` \"c\" ''d'' \\ e; --'"],
			spark: ['`a ``b`` "c" \'d\' \\ e; --`', "'a `b` \"c\" \\'d\\' \\\\ e; --'"],
			bigquery: ['`a \\`b\\` "c" \'d\' \\\\ e; --`', "'a `b` \"c\" \\'d\\' \\\\ e; --'"],
			snowflake: ['"a `b` ""c"" \'d\' \\ e; --"', "'a `b` \"c\" \\'d\\' \\\\ e; --'"]
		};
		expect(Object.keys(quoted)).toEqual(DIALECTS.map((d) => d.name));
		for (const d of DIALECTS) {
			expect([d.ident(hostile), d.literal(hostile)]).toEqual(quoted[d.name]);
			expect(d.literal(0.1)).toMatch(/^CAST\('0\.1' AS (DOUBLE|DOUBLE PRECISION|FLOAT64)\)$/);
			expect(d.literal(42)).toBe('42');
			expect(() => d.literal(NaN)).toThrow(/not a finite number/);
		}
		expect(BIGQUERY.literal('line\nbreak')).toBe("'line\\nbreak'");
		expect(DUCKDB.table('events.parquet')).toBe('"events.parquet"');
		expect(POSTGRES.table('crm.web "events"')).toBe('"crm"."web ""events"""');
		expect(BIGQUERY.table('my-project.crm.events')).toBe('`my-project`.`crm`.`events`');
	});

	it('read every text format the app guesses in PostgreSQL, anchored as strptime is', () => {
		const seen = TEXT_FORMATS.map((f) => postgresFormat(f));
		expect(seen).toHaveLength(TEXT_FORMATS.length);
		expect(postgresFormat('%Y%m%d')).toEqual({
			template: 'YYYYMMDD',
			pattern: '^\\s*\\d{4}\\d{2}\\d{2}\\s*$'
		});
		expect(postgresFormat('%d/%m/%Y %H:%M')).toEqual({
			template: 'DD/MM/YYYY HH24:MI',
			pattern: '^\\s*\\d{1,2}\\/\\d{1,2}\\/\\d{4} \\d{1,2}\\:\\d{2}\\s*$'
		});
		expect(postgresFormat('%Y-%m-%dT%H').template).toBe('YYYY-MM-DD"T"HH24');
		expect(() => postgresFormat('%j')).toThrow(
			/uses %j, which score.sql cannot read in PostgreSQL/
		);
	});

	it('spell every text format the app guesses in Spark SQL, BigQuery and Snowflake', () => {
		const spelled = TEXT_FORMATS.map((f) => [
			sparkFormat(f),
			bigqueryFormat(f),
			snowflakeFormat(f)
		]);
		expect(spelled).toHaveLength(TEXT_FORMATS.length);
		// Packed digits take their full width; separated ones one or two (Spark's single letters).
		expect(spelled[0]).toEqual(['yyyyMMdd', '%Y%m%d', 'YYYYMMDD']);
		expect(spelled[TEXT_FORMATS.indexOf('%m/%d/%Y %H:%M:%S')]).toEqual([
			'M/d/yyyy H:mm:ss',
			'%m/%d/%Y %H:%M:%S',
			'MM/DD/YYYY HH24:MI:SS'
		]);
		// Letters of text are quoted; fractions of a second are BigQuery's %E*S.
		expect(sparkFormat('%Y-%m-%dT%H:%M:%S.%f')).toBe("yyyy-M-d'T'H:mm:ss.SSSSSS");
		expect(bigqueryFormat('%Y-%m-%dT%H:%M:%S.%f')).toBe('%Y-%m-%dT%H:%M:%E*S');
		expect(snowflakeFormat('%Y-%m-%dT%H:%M:%S.%f')).toBe('YYYY-MM-DD"T"HH24:MI:SS.FF6');
		expect(() => bigqueryFormat('%f')).toThrow(/uses %f apart from seconds/);
		expect(() => sparkFormat('%j')).toThrow(/cannot read in Spark SQL/);
	});
});
