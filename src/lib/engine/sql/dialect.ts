// How an SQL engine spells what differs between engines. The feature plan, the goal conditions,
// the event mapping and the model are written once against this interface; the app itself runs
// DUCKDB (its SQL is exactly what it was before the interface existed), and the scale-out
// scripts (engine/scale-out) are written for any of ENGINES. Every value a script holds goes
// through `literal`, every name through `ident`. Kept small, in the style of Evidence's
// sql-dialect: no SQL transpiler on the npm registry wrote valid PostgreSQL from our DuckDB SQL
// (polyglot-sql 0.12 kept GROUP BY ALL, * EXCEPT and HASH; docs/scale-out.md).
import type { NestedStep } from '../ingest/nested';
import type { Scalar } from '../types';

/** The types our SQL casts to, by their DuckDB names. */
export type SqlType =
	'DOUBLE' | 'FLOAT' | 'BIGINT' | 'INTEGER' | 'SMALLINT' | 'VARCHAR' | 'TIMESTAMP' | 'DATE';

export const ENGINES = ['duckdb', 'postgres', 'spark', 'bigquery', 'snowflake'] as const;
export type Engine = (typeof ENGINES)[number];

export interface Dialect {
	name: Engine;
	/** The engine as people write it: "PostgreSQL". */
	title: string;
	ident(name: string): string;
	/**
	 * A table the user names: `schema.table` is split at its dots and each part quoted, except
	 * in DuckDB, where the name may also be a file path (`events.parquet`) and is quoted whole.
	 */
	table(name: string): string;
	/** A literal of `v`: text quoted, integers as written, other numbers as the exact double. */
	literal(v: Scalar | null): string;
	cast(expr: string, type: SqlType): string;
	/** `expr` (text) as a double, or NULL where it does not read as a number. */
	tryDouble(expr: string): string;

	/** How many rows `cond` holds for. */
	countIf(cond: string): string;
	/** Whether `expr` (a boolean) holds for any row. */
	boolOr(expr: string): string;
	/** Distinct values of `expr` among the rows `cond` holds for. */
	countDistinctIf(expr: string, cond: string): string;
	/** Integer division of integers, truncating toward zero. */
	intDiv(a: string, b: string): string;
	/** Division as doubles (DuckDB's `/`; PostgreSQL divides integers as integers). */
	div(a: string, b: string): string;
	/** Half away from zero, as DuckDB's round and Math.round on the non-negative values we round. */
	round(expr: string): string;
	/** A number of milliseconds as days (a double). */
	days(ms: string): string;
	/** ln(1 + expr). */
	ln1p(expr: string): string;
	/** exp(expr), 0 where it underflows. */
	exp(expr: string): string;
	/** `expr` rounded to single precision and back, as a Float32Array stores it. */
	float32(expr: string): string;
	/** `expr` (a double) is neither infinite nor NaN. */
	isFinite(expr: string): string;

	/** A TIMESTAMP (UTC, no zone) as epoch milliseconds, a BIGINT. */
	epochMs(ts: string): string;
	/** Epoch milliseconds as a TIMESTAMP. */
	fromEpochMs(ms: string): string;
	/** Epoch microseconds as a TIMESTAMP. */
	fromEpochUs(us: string): string;
	/** Day of the week of epoch milliseconds, 0 = Sunday … 6 = Saturday, UTC. */
	weekday(ms: string): string;
	/** Hour of the day of epoch milliseconds, 0–23, UTC. */
	hour(ms: string): string;
	/** Text `expr` read with strptime `format` (a literal), NULL where it does not read. */
	strptime(expr: string, format: string): string;
	/** Text `expr` read as an ISO 8601 time, an offset applied (UTC when none), or NULL. */
	isoTimestamp(expr: string): string;

	/** Text predicates; `needle` is a placeholder or a literal. */
	contains(text: string, needle: string): string;
	startsWith(text: string, needle: string): string;
	endsWith(text: string, needle: string): string;
	/**
	 * Whether any element of list `list` satisfies `body` (over `__x`), or null where the
	 * engine's scripts do not support list columns.
	 */
	listAny: ((list: string, body: string) => string) | null;
	/** The number of elements of list `list` (NULL for a NULL list). */
	listLength(list: string): string;
	/** The first element of list `list` (NULL when it is empty). */
	listFirst(list: string): string;
	/**
	 * A column the app read from a nested field (engine/ingest/nested.ts), read from a table that
	 * holds it nested, as the app's type `type`; throws, saying why, where the engine's tables
	 * cannot hold it so.
	 */
	nestedField(steps: NestedStep[], type: string): string;

	/**
	 * Every column of `relation` for one row per `key` (the first one read), after the key as
	 * text named `idAs`, plus any helper column the engine cannot drop.
	 */
	firstRowPer(relation: string, key: string, idAs: string): string;
	/**
	 * A select of `relation` (under alias `s`) that turns each of its rows into one row per
	 * entry of `rows` (same-length lists of expressions over `s`): column `keep` of `s`, then
	 * `columns`, of their types.
	 */
	unpivot(
		relation: string,
		keep: string,
		columns: { name: string; type: SqlType }[],
		rows: string[][]
	): string;
	/** A select of constant rows (same-length lists of expressions) as columns `names`. */
	values(names: string[], rows: string[][]): string;

	/**
	 * `select` as a subquery the planner computes once per row instead of pasting its
	 * expressions into every use in the query around it (PostgreSQL pulls simple subqueries up,
	 * so a column used five times above would be computed five times, level upon level).
	 */
	fence(select: string): string;
	/** Statements that (re)create a view or a table; `temp`: for this session only. */
	createView(name: string, select: string): string;
	createTable(name: string, select: string, temp: boolean): string;
	/** Statements a script runs first (session settings, helper functions). */
	preamble(): string[];
	/**
	 * The statement that writes `select` to file `path` as CSV (with a header) or Parquet, or
	 * null where the engine cannot write that format.
	 */
	exportTo(select: string, path: string, format: 'csv' | 'parquet'): string | null;
	/** A hash of text `expr` into [0, buckets), the same for the same text on every run. */
	hashBucket(expr: string, buckets: number): string;
	/** Where sample.sql writes by default, for `format`. */
	sampleOutput(format: 'csv' | 'parquet'): string;
	/** What to know about that place (a bucket to name, several files to open), if anything. */
	sampleOutputNote?: string;
	/** How to run a whole script, for its header: "Run the whole file <how>". */
	howToRun: string;
	/** Whether the engine was executed in the tests (not only parsed): the docs and panels say so. */
	isExecutedInTests: boolean;
}

/** Shortest decimal that reads back as `v` (JS prints it so), read as a double by `type`. */
export function exactDouble(v: number, type: string): string {
	if (!Number.isFinite(v)) throw new Error(`not a finite number: ${v}`);
	return `CAST('${String(v)}' AS ${type})`;
}

/** Quotes in text doubled, as in standard SQL (no backslash escapes). */
export function quoteStandard(text: string): string {
	return "'" + text.replaceAll("'", "''") + "'";
}

/**
 * Text quoted for engines where a backslash escapes in a string (Spark SQL, BigQuery,
 * Snowflake): backslashes and quotes escaped, line breaks written as escapes (a BigQuery string
 * cannot hold one).
 */
export function quoteEscaped(text: string): string {
	const escaped = text
		.replaceAll('\\', '\\\\')
		.replaceAll("'", "\\'")
		.replaceAll('\n', '\\n')
		.replaceAll('\r', '\\r');
	return "'" + escaped + "'";
}

/** Literal of a scalar where text is quoted by `quote`, numbers read as `doubleType`. */
export function escapedLiteral(v: Scalar | null, doubleType: string): string {
	return typeof v === 'string' ? quoteEscaped(v) : standardLiteral(v, doubleType);
}

/** Quoted as a standard identifier, quotes doubled. */
export function quoteStandardIdent(name: string): string {
	return '"' + name.replaceAll('"', '""') + '"';
}

/** Literal of a scalar in standard SQL, numbers read as `doubleType`. */
export function standardLiteral(v: Scalar | null, doubleType: string): string {
	if (v === null) return 'NULL';
	if (typeof v === 'string') return quoteStandard(v);
	if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
	return Number.isSafeInteger(v) ? String(v) : exactDouble(v, doubleType);
}

/**
 * `firstRowPer` by numbering each id's rows, for engines without DuckDB's `QUALIFY` and
 * `* EXCLUDE`: the helper column `__row` stays. A table has no row order, and row_number needs
 * one in most engines: among the rows of one id, any one is taken.
 */
export function numberedFirstRow(textType: string) {
	return (relation: string, key: string, idAs: string): string =>
		`SELECT CAST(${key} AS ${textType}) AS ${idAs}, s.* FROM (SELECT *, row_number() OVER ` +
		`(PARTITION BY ${key} ORDER BY ${key}) AS __row FROM ${relation} WHERE ${key} IS NOT NULL) AS s WHERE s.__row = 1`;
}

/** `SELECT * FROM (VALUES …) AS t(names)`: standard SQL (DuckDB, PostgreSQL). */
export function standardValues(names: string[], rows: string[][]): string {
	return `SELECT * FROM (VALUES ${rows.map((r) => `(${r.join(', ')})`).join(', ')}) AS t(${names.join(', ')})`;
}

/**
 * Constant rows as a union of one-row selects: for engines whose VALUES lists must be
 * constants (Spark folds an inline table; Snowflake takes no subquery in VALUES), and the
 * scoring cutoff is a subquery.
 */
export function unionValues(names: string[], rows: string[][]): string {
	const selects = rows.map((r) => `SELECT ${r.map((e, k) => `${e} AS ${names[k]}`).join(', ')}`);
	return `SELECT * FROM (${selects.join(' UNION ALL ')}) AS t`;
}
