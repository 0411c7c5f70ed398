// DuckDB: the app's own engine (DuckDB-WASM) and the native DuckDB of the scale-out scripts.
import { nestedRead } from '../ingest/nested';
import type { Dialect } from './dialect';
import { quoteStandard, quoteStandardIdent, standardLiteral, standardValues } from './dialect';

/**
 * Lists unnested side by side: one row per entry. DuckDB runs this in a tenth of the time of a
 * lateral VALUES join (the 10 M-event log's factors: 139 s against 9.8 s, docs/BENCHMARKS.md).
 */
function unnestLists(
	relation: string,
	keep: string,
	columns: { name: string }[],
	rows: string[][]
): string {
	const lists = columns.map((c, k) => `unnest([${rows.map((r) => r[k]).join(', ')}]) AS ${c.name}`);
	return `SELECT s.${keep}, ${lists.join(', ')} FROM ${relation} s`;
}

export const DUCKDB: Dialect = {
	name: 'duckdb',
	title: 'DuckDB',
	ident: quoteStandardIdent,
	table: quoteStandardIdent,
	literal: (v) => standardLiteral(v, 'DOUBLE'),
	cast: (e, t) => `CAST(${e} AS ${t})`,
	tryDouble: (e) => `TRY_CAST(${e} AS DOUBLE)`,
	countIf: (c) => `count_if(${c})`,
	boolOr: (e) => `bool_or(${e})`,
	countDistinctIf: (e, c) => `count(DISTINCT ${e}) FILTER (WHERE ${c})`,
	intDiv: (a, b) => `${a} // ${b}`,
	div: (a, b) => `${a} / ${b}`,
	round: (e) => `round(${e})`,
	days: (ms) => `${ms} / 86400000.0`,
	ln1p: (e) => `ln(1 + ${e})`,
	exp: (e) => `exp(${e})`,
	float32: (e) => `CAST(CAST(${e} AS FLOAT) AS DOUBLE)`,
	isFinite: (e) => `isfinite(${e})`,
	epochMs: (ts) => `epoch_ms(${ts})`,
	fromEpochMs: (ms) => `epoch_ms(${ms})`,
	fromEpochUs: (us) => `make_timestamp(${us})`,
	weekday: (ms) => `dayofweek(epoch_ms(${ms}))`,
	hour: (ms) => `hour(epoch_ms(${ms}))`,
	strptime: (e, f) => `try_strptime(${e}, ${quoteStandard(f)})`,
	// Via TIMESTAMPTZ so a UTC offset ("…+02:00", "…Z") is applied; without one, UTC is assumed.
	isoTimestamp: (e) => `TRY_CAST(TRY_CAST(${e} AS TIMESTAMPTZ) AS TIMESTAMP)`,
	contains: (t, n) => `contains(${t}, ${n})`,
	startsWith: (t, n) => `starts_with(${t}, ${n})`,
	endsWith: (t, n) => `ends_with(${t}, ${n})`,
	listAny: (list, body) => `len(list_filter(${list}, lambda __x: ${body})) > 0`,
	listLength: (list) => `len(${list})`,
	listFirst: (list) => `${list}[1]`,
	// A STRUCT's fields by name, a LIST of them mapped: what flatten-sql.ts reads from Parquet.
	nestedField: (steps) =>
		nestedRead(steps, {
			column: quoteStandardIdent,
			field: (r, f) => `struct_extract(${r}, ${quoteStandard(f)})`,
			map: (l, x, body) => `list_transform(${l}, lambda ${x}: ${body})`,
			flatten: (l) => `flatten(${l})`
		}),
	// The first row in the file wins: on several threads a window without an order picks any row.
	firstRowPer: (relation, key, idAs) =>
		`SELECT CAST(${key} AS VARCHAR) AS ${idAs}, * EXCLUDE (__row) ` +
		`FROM (SELECT *, row_number() OVER () AS __row FROM ${relation} WHERE ${key} IS NOT NULL) ` +
		`QUALIFY row_number() OVER (PARTITION BY ${key} ORDER BY __row) = 1`,
	unpivot: unnestLists,
	values: standardValues,
	fence: (select) => select,
	createView: (name, select) => `CREATE OR REPLACE TEMP VIEW ${name} AS ${select};`,
	createTable: (name, select, temp) =>
		`CREATE OR REPLACE ${temp ? 'TEMP ' : ''}TABLE ${name} AS\n${select};`,
	// Text times with an offset are read through TIMESTAMPTZ, which a session in another time
	// zone would turn into its own wall time: UTC, as the app reads them.
	preamble: () => ["SET TimeZone = 'UTC';"],
	exportTo: (select, path, format) =>
		`COPY (${select}) TO ${quoteStandard(path)} (FORMAT ${format === 'parquet' ? 'parquet' : 'csv, HEADER true'});`,
	hashBucket: (e, buckets) => `hash(${e}) % ${buckets}`,
	sampleOutput: (format) => `propensity_sample.${format}`,
	howToRun: 'with the duckdb command line (duckdb my.db < file.sql) or any DuckDB client',
	isExecutedInTests: true
};
