// Spark SQL (Spark 3.4 and later; Databricks Runtime 13.3 LTS and later), checked by parsing
// with Spark's own grammar in the tests, not executed. What differs from DuckDB: backticks
// quote names and a backslash escapes in a string; there are no temporary tables, so a step
// that later ones read more than once is a cached view (CACHE TABLE … AS); window functions
// that number rows need an order; `try_` functions stand in for TRY_CAST (and keep the script
// right with ANSI mode on, as Databricks SQL has it); a timestamp reads in the session's time
// zone (the script sets UTC first); files are written as a directory of part files.
import { nestedRead } from '../ingest/nested';
import type { Dialect, SqlType } from './dialect';
import { escapedLiteral, numberedFirstRow, quoteEscaped, unionValues } from './dialect';
import { ISO_PATTERN, isPacked, strptimePattern, strptimeTokens } from './strptime';

const TYPES: Record<SqlType, string> = {
	DOUBLE: 'DOUBLE',
	FLOAT: 'FLOAT',
	BIGINT: 'BIGINT',
	INTEGER: 'INT',
	SMALLINT: 'SMALLINT',
	VARCHAR: 'STRING',
	TIMESTAMP: 'TIMESTAMP',
	DATE: 'DATE'
};

const ident = (name: string) => '`' + name.replaceAll('`', '``') + '`';
const cast = (e: string, t: SqlType) => `CAST(${e} AS ${TYPES[t]})`;
const fromEpochMs = (ms: string) => `timestamp_millis(${cast(ms, 'BIGINT')})`;

/** strptime directives → Spark's datetime pattern letters (one letter reads one or two digits). */
const PATTERN: Record<string, [separated: string, packed: string]> = {
	Y: ['yyyy', 'yyyy'],
	y: ['yy', 'yy'],
	m: ['M', 'MM'],
	d: ['d', 'dd'],
	H: ['H', 'HH'],
	I: ['h', 'hh'],
	M: ['mm', 'mm'],
	S: ['ss', 'ss'],
	f: ['SSSSSS', 'SSSSSS'],
	p: ['a', 'a']
};

/** A strptime format as a Spark datetime pattern; letters and symbols of text quoted. */
export function sparkFormat(format: string): string {
	const packed = isPacked(format) ? 1 : 0;
	return strptimeTokens(format, 'Spark SQL')
		.map((t) =>
			'directive' in t
				? PATTERN[t.directive]![packed]!
				: /^[-/:., ]*$/.test(t.text)
					? t.text
					: `'${t.text.replaceAll("'", "''")}'`
		)
		.join('');
}

const guarded = (e: string, pattern: string, read: string) =>
	`CASE WHEN ${e} RLIKE ${quoteEscaped(pattern)} THEN ${read} END`;

export const SPARK: Dialect = {
	name: 'spark',
	title: 'Spark SQL',
	ident,
	table: (name) => name.split('.').map(ident).join('.'),
	literal: (v) => escapedLiteral(v, 'DOUBLE'),
	cast,
	tryDouble: (e) => `try_cast(${e} AS DOUBLE)`,
	countIf: (c) => `count_if(${c})`,
	boolOr: (e) => `bool_or(${e})`,
	countDistinctIf: (e, c) => `count(DISTINCT CASE WHEN ${c} THEN ${e} END)`,
	intDiv: (a, b) => `${cast(a, 'BIGINT')} DIV ${b}`,
	div: (a, b) => `${cast(a, 'DOUBLE')} / ${b}`,
	round: (e) => `round(${e})`,
	days: (ms) => `${cast(ms, 'DOUBLE')} / 86400000`,
	ln1p: (e) => `ln(1 + ${e})`,
	exp: (e) => `exp(${e})`,
	// A Java float conversion: to nearest, ties to even, with subnormals and infinities.
	float32: (e) => `CAST(CAST(${e} AS FLOAT) AS DOUBLE)`,
	isFinite: (e) => `(NOT isnan(${e}) AND abs(${e}) < CAST('Infinity' AS DOUBLE))`,
	// In parentheses: Spark's grammar as dt-sql-parser has it misreads `(a - f(x))` (the tests
	// parse every statement), and `(a - (f(x)))` means the same.
	epochMs: (ts) => `(unix_millis(${ts}))`,
	fromEpochMs,
	fromEpochUs: (us) => `timestamp_micros(${cast(us, 'BIGINT')})`,
	weekday: (ms) => `(dayofweek(${fromEpochMs(ms)}) - 1)`,
	hour: (ms) => `hour(${fromEpochMs(ms)})`,
	strptime: (e, f) =>
		guarded(e, strptimePattern(f), `try_to_timestamp(trim(${e}), ${quoteEscaped(sparkFormat(f))})`),
	isoTimestamp: (e) => guarded(e, ISO_PATTERN, `try_cast(trim(${e}) AS TIMESTAMP)`),
	contains: (t, n) => `contains(${t}, ${n})`,
	startsWith: (t, n) => `startswith(${t}, ${n})`,
	endsWith: (t, n) => `endswith(${t}, ${n})`,
	listAny: (list, body) => `exists(${list}, __x -> ${body})`,
	// size(NULL) is -1 unless ANSI mode is on.
	listLength: (list) => `CASE WHEN ${list} IS NOT NULL THEN size(${list}) END`,
	listFirst: (list) => `try_element_at(${list}, 1)`,
	// A struct's fields by name, an array of them mapped with transform.
	nestedField: (steps) =>
		nestedRead(steps, {
			column: ident,
			field: (r, f) => `${r}.${ident(f)}`,
			map: (l, x, body) => `transform(${l}, ${x} -> ${body})`,
			flatten: (l) => `flatten(${l})`
		}),
	firstRowPer: numberedFirstRow('STRING'),
	unpivot: (relation, keep, columns, rows) => {
		const structs = rows.map(
			(r) => `struct(${r.map((e, k) => cast(e, columns[k]!.type)).join(', ')})`
		);
		const names = columns.map((c) => c.name);
		return (
			`SELECT s.${keep}, ${names.map((n) => `u.${n}`).join(', ')} FROM ${relation} s ` +
			`LATERAL VIEW inline(array(${structs.join(', ')})) u AS ${names.join(', ')}`
		);
	},
	values: unionValues,
	fence: (select) => select,
	createView: (name, select) => `CREATE OR REPLACE TEMPORARY VIEW ${name} AS ${select};`,
	// No temporary tables: a cached temporary view is computed once and kept for the session.
	createTable: (name, select, temp) =>
		temp
			? `DROP VIEW IF EXISTS ${name};\nCACHE TABLE ${name} AS\n${select};`
			: `DROP TABLE IF EXISTS ${name};\nCREATE TABLE ${name} AS\n${select};`,
	preamble: () => [
		'-- Times are read and written in UTC, as the app reads them.',
		"SET TIME ZONE 'UTC';"
	],
	exportTo: (select, path, format) =>
		`INSERT OVERWRITE DIRECTORY ${quoteEscaped(path)} USING ${format}` +
		`${format === 'csv' ? " OPTIONS (header 'true')" : ''}\n${select};`,
	// md5 as PostgreSQL hashes: the same customers in a sample drawn by either engine.
	hashBucket: (e, buckets) => `CAST(conv(substr(md5(${e}), 1, 8), 16, 10) AS BIGINT) % ${buckets}`,
	sampleOutput: () => '/tmp/propensity_sample',
	sampleOutputNote:
		'Spark writes a directory of part files there (a path of your cluster, e.g. dbfs:/… or s3://…): open them all in the app.',
	howToRun: 'in a SQL notebook cell or with spark-sql -f',
	isExecutedInTests: false
};
