// BigQuery (GoogleSQL), checked by parsing in the tests, not executed. What differs from
// DuckDB: backticks quote names and a backslash escapes in a string; there is no 4-byte float
// (single precision is done by arithmetic in a temporary function, sql/float32.ts), no VALUES
// in FROM (arrays of structs are unnested instead) and no temporary view (each step is a
// temporary table of the script's session); integer division is DIV; files go to Cloud Storage.
import type { NestedStep } from '../ingest/nested';
import type { Dialect, SqlType } from './dialect';
import { escapedLiteral, numberedFirstRow, quoteEscaped } from './dialect';
import { float32Arithmetic } from './float32';
import { ISO_PATTERN, strptimePattern, strptimeTokens } from './strptime';

const TYPES: Record<SqlType, string> = {
	DOUBLE: 'FLOAT64',
	FLOAT: 'FLOAT64',
	BIGINT: 'INT64',
	INTEGER: 'INT64',
	SMALLINT: 'INT64',
	VARCHAR: 'STRING',
	TIMESTAMP: 'TIMESTAMP',
	DATE: 'DATE'
};

const ident = (name: string) => '`' + name.replaceAll('\\', '\\\\').replaceAll('`', '\\`') + '`';
const cast = (e: string, t: SqlType) => `CAST(${e} AS ${TYPES[t]})`;
const fromEpochMs = (ms: string) => `TIMESTAMP_MILLIS(${cast(ms, 'BIGINT')})`;

/**
 * A RECORD's fields by name; below a repeated RECORD, an ARRAY subquery over UNNEST of each
 * list on the way (BigQuery holds no array of arrays, so inner lists are unnested in the same
 * subquery), in the stored order, without NULL elements (an ARRAY cannot hold them).
 */
function nestedField(steps: NestedStep[]): string {
	let value = ident(steps[0]!.field);
	const from: string[] = [];
	steps.forEach((step, i) => {
		if (i > 0) value = `${value}.${ident(step.field)}`;
		// A list met below another list is unnested too, its elements read from there on.
		if (step.list && (i < steps.length - 1 || from.length)) {
			const k = from.length;
			from.push(`UNNEST(${value}) AS __n${k} WITH OFFSET AS __o${k}`);
			value = `__n${k}`;
		}
	});
	if (!from.length) return value;
	const order = from.map((_, k) => `__o${k}`).join(', ');
	return `ARRAY(SELECT ${value} FROM ${from.join(', ')} WHERE ${value} IS NOT NULL ORDER BY ${order})`;
}
const isFinite = (e: string) => `(NOT IS_INF(${e}) AND NOT IS_NAN(${e}))`;

/** strptime directives → PARSE_TIMESTAMP's format elements (%m, %d, %H read one or two digits). */
const ELEMENT: Record<string, string> = {
	Y: '%Y',
	y: '%y',
	m: '%m',
	d: '%d',
	H: '%H',
	I: '%I',
	M: '%M',
	S: '%S',
	p: '%p'
};

/** A strptime format as PARSE_TIMESTAMP's; seconds with a fraction (`%S.%f`) are `%E*S`. */
export function bigqueryFormat(format: string): string {
	const fraction = '\u0000';
	return strptimeTokens(format.replaceAll('%S.%f', fraction), 'BigQuery')
		.map((t) => {
			if ('text' in t) return t.text.replaceAll('%', '%%').replaceAll(fraction, '%E*S');
			const element = ELEMENT[t.directive];
			if (!element)
				throw new Error(
					`The timestamp format "${format}" uses %${t.directive} apart from seconds (%S.%f), which score.sql cannot read in BigQuery: convert that column to a timestamp first.`
				);
			return element;
		})
		.join('');
}

const F32 =
	'CREATE TEMP FUNCTION propensity_f32(x FLOAT64) RETURNS FLOAT64 AS (' +
	float32Arithmetic('x', {
		log2: (v) => `LOG(${v}, 2)`,
		pow2: (n) => `POW(CAST(2 AS FLOAT64), ${n})`,
		double: (text) => `CAST('${text}' AS FLOAT64)`,
		isFinite
	}) +
	');';

const guarded = (e: string, pattern: string, read: string) =>
	`CASE WHEN REGEXP_CONTAINS(${e}, ${quoteEscaped(pattern)}) THEN ${read} END`;

export const BIGQUERY: Dialect = {
	name: 'bigquery',
	title: 'BigQuery',
	ident,
	table: (name) => name.split('.').map(ident).join('.'),
	literal: (v) => escapedLiteral(v, 'FLOAT64'),
	cast,
	tryDouble: (e) => `SAFE_CAST(${e} AS FLOAT64)`,
	countIf: (c) => `COUNTIF(${c})`,
	boolOr: (e) => `LOGICAL_OR(${e})`,
	countDistinctIf: (e, c) => `COUNT(DISTINCT IF(${c}, ${e}, NULL))`,
	intDiv: (a, b) => `DIV(${cast(a, 'BIGINT')}, ${b})`,
	// `/` divides as FLOAT64, integers too.
	div: (a, b) => `${a} / ${b}`,
	round: (e) => `ROUND(${e})`,
	days: (ms) => `${ms} / 86400000`,
	ln1p: (e) => `LN(1 + ${e})`,
	exp: (e) => `EXP(${e})`,
	float32: (e) => `propensity_f32(${e})`,
	isFinite,
	epochMs: (ts) => `UNIX_MILLIS(${ts})`,
	fromEpochMs,
	fromEpochUs: (us) => `TIMESTAMP_MICROS(${cast(us, 'BIGINT')})`,
	weekday: (ms) => `(EXTRACT(DAYOFWEEK FROM ${fromEpochMs(ms)}) - 1)`,
	hour: (ms) => `EXTRACT(HOUR FROM ${fromEpochMs(ms)})`,
	strptime: (e, f) =>
		guarded(
			e,
			strptimePattern(f),
			`SAFE.PARSE_TIMESTAMP(${quoteEscaped(bigqueryFormat(f))}, TRIM(${e}))`
		),
	isoTimestamp: (e) => guarded(e, ISO_PATTERN, `SAFE_CAST(TRIM(${e}) AS TIMESTAMP)`),
	contains: (t, n) => `(STRPOS(${t}, ${n}) > 0)`,
	startsWith: (t, n) => `STARTS_WITH(${t}, ${n})`,
	endsWith: (t, n) => `ENDS_WITH(${t}, ${n})`,
	listAny: (list, body) => `EXISTS(SELECT 1 FROM UNNEST(${list}) AS __x WHERE ${body})`,
	listLength: (list) => `ARRAY_LENGTH(${list})`,
	listFirst: (list) => `${list}[SAFE_OFFSET(0)]`,
	nestedField,
	firstRowPer: numberedFirstRow('STRING'),
	unpivot: (relation, keep, columns, rows) => {
		const structs = rows.map(
			(r) =>
				`STRUCT(${r.map((e, k) => `${cast(e, columns[k]!.type)} AS ${columns[k]!.name}`).join(', ')})`
		);
		const names = columns.map((c) => c.name);
		return (
			`SELECT s.${keep}, ${names.map((n) => `u.${n}`).join(', ')} FROM ${relation} s ` +
			`CROSS JOIN UNNEST([${structs.join(', ')}]) AS u`
		);
	},
	values: (names, rows) =>
		`SELECT * FROM UNNEST([${rows
			.map((r) => `STRUCT(${r.map((e, k) => `${e} AS ${names[k]}`).join(', ')})`)
			.join(', ')}])`,
	fence: (select) => select,
	// No temporary views: a temporary table, kept for the script's session.
	createView: (name, select) => `CREATE OR REPLACE TEMP TABLE ${name} AS ${select};`,
	createTable: (name, select, temp) =>
		`CREATE OR REPLACE ${temp ? 'TEMP ' : ''}TABLE ${name} AS\n${select};`,
	preamble: () => [
		'-- Single precision as the app rounds it (BigQuery has no 4-byte float), for this script only.',
		F32
	],
	exportTo: (select, path, format) => {
		if (!path.includes('*'))
			throw new Error(
				`BigQuery writes files to a Cloud Storage address with one * in it (gs://bucket/sample-*.${format}); "${path}" has none.`
			);
		const options = format === 'csv' ? "format = 'CSV', header = true" : "format = 'PARQUET'";
		return `EXPORT DATA OPTIONS (uri = ${quoteEscaped(path)}, ${options}, overwrite = true) AS\n${select};`;
	},
	// md5 as PostgreSQL hashes: the same customers in a sample drawn by either engine.
	hashBucket: (e, buckets) =>
		`MOD(CAST(CONCAT('0x', SUBSTR(TO_HEX(MD5(${e})), 1, 8)) AS INT64), ${buckets})`,
	sampleOutput: (format) => `gs://YOUR_BUCKET/propensity_sample/part-*.${format}`,
	sampleOutputNote:
		'Replace YOUR_BUCKET with a Cloud Storage bucket you can write to; BigQuery numbers the files in place of the *: open them all in the app.',
	howToRun: 'as one script (the console, or bq query --use_legacy_sql=false < file.sql)',
	isExecutedInTests: false
};
