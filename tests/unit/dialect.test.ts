import { describe, expect, it } from 'vitest';
import { postgresFormat } from '../../src/lib/engine/sql/postgres';
import { DIALECTS, DUCKDB, POSTGRES } from '../../src/lib/engine/sql/dialects';
import { TEXT_FORMATS } from '../../src/lib/engine/ingest/plan';

describe('SQL dialects', () => {
	it('quote names, user tables and values so nothing in them is read as SQL', () => {
		for (const d of DIALECTS) {
			expect(d.ident('a "b"; --')).toBe('"a ""b""; --"');
			expect(d.literal("it's'; DROP TABLE x; --")).toBe("'it''s''; DROP TABLE x; --'");
			expect(d.literal(0.1)).toMatch(/^CAST\('0\.1' AS (DOUBLE|DOUBLE PRECISION)\)$/);
			expect(d.literal(42)).toBe('42');
			expect(() => d.literal(NaN)).toThrow(/not a finite number/);
		}
		expect(DUCKDB.table('events.parquet')).toBe('"events.parquet"');
		expect(POSTGRES.table('crm.web "events"')).toBe('"crm"."web ""events"""');
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
});
