// PostgreSQL (12 and later; executed in the tests on Debian's 15). What differs from DuckDB:
// integers divide as integers and numeric literals are NUMERIC (so every division and day count
// is cast to double), REAL is single precision (FLOAT is double), casting a double to REAL
// raises an error on overflow and underflow instead of rounding (a helper function rounds as a
// Float32Array does), there is no TRY_CAST (helpers catch what does not parse), and a timestamp
// parses in the session's time zone (the script sets UTC first).
import { leafType, type NestedStep } from '../ingest/nested';
import type { Dialect, SqlType } from './dialect';
import {
	numberedFirstRow,
	quoteStandard,
	quoteStandardIdent,
	standardLiteral,
	standardValues
} from './dialect';
import { ISO_PATTERN, NUMBER_PATTERN, strptimePattern, templateFormat } from './strptime';

/** `CROSS JOIN LATERAL (VALUES …)`: one row per entry (standard SQL; PostgreSQL). */
function lateralValues(
	relation: string,
	keep: string,
	columns: { name: string }[],
	rows: string[][]
): string {
	const values = rows.map((r) => `(${r.join(', ')})`).join(', ');
	const names = columns.map((c) => c.name);
	return (
		`SELECT s.${keep}, ${names.map((n) => `u.${n}`).join(', ')} FROM ${relation} s ` +
		`CROSS JOIN LATERAL (VALUES ${values}) AS u(${names.join(', ')})`
	);
}

const TYPES: Record<SqlType, string> = {
	DOUBLE: 'DOUBLE PRECISION',
	FLOAT: 'REAL',
	BIGINT: 'BIGINT',
	INTEGER: 'INTEGER',
	SMALLINT: 'SMALLINT',
	VARCHAR: 'TEXT',
	TIMESTAMP: 'TIMESTAMP',
	DATE: 'DATE'
};

const cast = (e: string, t: SqlType) => `CAST(${e} AS ${TYPES[t]})`;

/**
 * A nested field from a jsonb column (PostgreSQL has no STRUCT): its text at the path, cast to
 * the app's type. Lists are refused: score.sql reads list columns from PostgreSQL arrays.
 */
function nestedField(steps: NestedStep[], type: string): string {
	const name = steps.map((s) => s.field).join('.');
	const t = leafType(type);
	if (t === 'LIST' || steps.some((s) => s.list))
		throw new Error(
			`score.sql for PostgreSQL reads nested fields from jsonb columns, but not lists ("${name}" is one): give it a table that holds "${name}" as a column of that name (an array), or use an engine with nested types (DuckDB, Spark SQL, BigQuery, Snowflake).`
		);
	const path = `ARRAY[${steps
		.slice(1)
		.map((s) => quoteStandard(s.field))
		.join(', ')}]`;
	const text = `(${quoteStandardIdent(steps[0]!.field)} #>> ${path})`;
	return t === 'BOOLEAN' ? `CAST(${text} AS BOOLEAN)` : cast(text, t);
}
const fromEpoch = (n: string, unit: string) =>
	`(TIMESTAMP '1970-01-01 00:00:00' + ${cast(n, 'BIGINT')} * INTERVAL '1 ${unit}')`;

/**
 * A strptime format as a to_timestamp template and an anchored pattern that the whole text
 * must match (to_timestamp is lenient where strptime is not).
 */
export function postgresFormat(format: string): { template: string; pattern: string } {
	return { template: templateFormat(format, 'PostgreSQL', 'US'), pattern: strptimePattern(format) };
}

// Single precision as Float32Array rounds (to nearest, ties to even): subnormals by hand, since
// PostgreSQL raises an error where a REAL would underflow, and ±Infinity from half an ulp past
// the largest float, where it would overflow. Inlined by the planner (a one-statement SQL function).
const F32 =
	'CREATE OR REPLACE FUNCTION pg_temp.propensity_f32(x DOUBLE PRECISION) RETURNS DOUBLE PRECISION ' +
	'LANGUAGE sql IMMUTABLE AS $$ SELECT CASE ' +
	`WHEN abs(x) < ${2 ** -126} THEN round(x * ${2 ** 149}) / ${2 ** 149} ` +
	`WHEN abs(x) >= ${2 ** 128 - 2 ** 103} THEN sign(x) * CAST('Infinity' AS DOUBLE PRECISION) ` +
	'ELSE CAST(CAST(x AS REAL) AS DOUBLE PRECISION) END $$;';
const TRY_TIMESTAMP =
	'CREATE OR REPLACE FUNCTION pg_temp.propensity_timestamp(t TEXT, f TEXT) RETURNS TIMESTAMP ' +
	'LANGUAGE plpgsql IMMUTABLE AS $$ BEGIN RETURN CAST(to_timestamp(t, f) AS TIMESTAMP); ' +
	'EXCEPTION WHEN others THEN RETURN NULL; END $$;';
const TRY_ISO =
	'CREATE OR REPLACE FUNCTION pg_temp.propensity_iso(t TEXT) RETURNS TIMESTAMP ' +
	'LANGUAGE plpgsql IMMUTABLE AS $$ BEGIN RETURN CAST(CAST(t AS TIMESTAMPTZ) AS TIMESTAMP); ' +
	'EXCEPTION WHEN others THEN RETURN NULL; END $$;';

export const POSTGRES: Dialect = {
	name: 'postgres',
	title: 'PostgreSQL',
	ident: quoteStandardIdent,
	table: (name) => name.split('.').map(quoteStandardIdent).join('.'),
	literal: (v) => standardLiteral(v, 'DOUBLE PRECISION'),
	cast,
	tryDouble: (e) =>
		`CASE WHEN ${cast(e, 'VARCHAR')} ~ ${quoteStandard(NUMBER_PATTERN)} THEN ${cast(cast(e, 'VARCHAR'), 'DOUBLE')} END`,
	countIf: (c) => `count(*) FILTER (WHERE ${c})`,
	boolOr: (e) => `bool_or(${e})`,
	countDistinctIf: (e, c) => `count(DISTINCT ${e}) FILTER (WHERE ${c})`,
	intDiv: (a, b) => `${cast(a, 'BIGINT')} / ${b}`,
	div: (a, b) => `${cast(a, 'DOUBLE')} / ${b}`,
	round: (e) => `round(CAST(${e} AS NUMERIC))`,
	days: (ms) => `${cast(ms, 'DOUBLE')} / 86400000`,
	ln1p: (e) => `ln(1 + ${e})`,
	// exp raises an error where it underflows; below -745 a double's exp is 0 or the least subnormal.
	exp: (e) => `exp(greatest(${e}, -745))`,
	float32: (e) => `pg_temp.propensity_f32(${e})`,
	isFinite: (e) => `(abs(${e}) < CAST('Infinity' AS DOUBLE PRECISION))`,
	epochMs: (ts) => `CAST(trunc(extract(epoch FROM ${ts}) * 1000) AS BIGINT)`,
	fromEpochMs: (ms) => fromEpoch(ms, 'millisecond'),
	fromEpochUs: (us) => fromEpoch(us, 'microsecond'),
	weekday: (ms) => `CAST(extract(dow FROM ${fromEpoch(ms, 'millisecond')}) AS INTEGER)`,
	hour: (ms) => `CAST(extract(hour FROM ${fromEpoch(ms, 'millisecond')}) AS INTEGER)`,
	strptime(e, f) {
		const { template, pattern } = postgresFormat(f);
		return `CASE WHEN ${e} ~ ${quoteStandard(pattern)} THEN pg_temp.propensity_timestamp(${e}, ${quoteStandard(template)}) END`;
	},
	isoTimestamp: (e) =>
		`CASE WHEN ${e} ~ ${quoteStandard(ISO_PATTERN)} THEN pg_temp.propensity_iso(${e}) END`,
	contains: (t, n) => `(strpos(${t}, ${n}) > 0)`,
	startsWith: (t, n) => `starts_with(${t}, ${n})`,
	endsWith: (t, n) => `(strpos(reverse(${t}), reverse(${n})) = 1)`,
	listAny: null,
	listLength: (list) => `cardinality(${list})`,
	listFirst: (list) => `${list}[1]`,
	nestedField,
	firstRowPer: numberedFirstRow('TEXT'),
	unpivot: lateralValues,
	values: standardValues,
	// OFFSET 0 keeps a subquery from being pulled up into the query around it.
	fence: (select) => `${select} OFFSET 0`,
	// CASCADE: the views over this one are made again by the same script.
	createView: (name, select) =>
		`DROP VIEW IF EXISTS ${name} CASCADE;\nCREATE TEMP VIEW ${name} AS ${select};`,
	createTable: (name, select, temp) =>
		`DROP TABLE IF EXISTS ${name} CASCADE;\nCREATE ${temp ? 'TEMP ' : ''}TABLE ${name} AS\n${select};`,
	preamble: () => [
		'-- Times are read and written in UTC, as the app reads them.',
		"SET TIME ZONE 'UTC';",
		'-- Helpers for this session only (schema pg_temp): single precision as the app rounds it,',
		'-- and timestamps that are NULL where the text does not parse.',
		F32,
		TRY_TIMESTAMP,
		TRY_ISO
	],
	// psql's \copy writes on the client: a server COPY … TO file needs the server's file rights.
	exportTo: (select, path, format) =>
		format === 'csv'
			? `\\copy (${select.replace(/\s*\n\s*/g, ' ')}) TO ${quoteStandard(path)} WITH (FORMAT csv, HEADER true)`
			: null,
	// md5 is the same on every PostgreSQL; its first 32 bits as a number.
	hashBucket: (e, buckets) =>
		`CAST(CAST('x' || substr(md5(${e}), 1, 8) AS BIT(32)) AS BIGINT) % ${buckets}`,
	sampleOutput: () => 'propensity_sample.csv',
	howToRun: 'with psql (psql -f file.sql)',
	isExecutedInTests: true
};
