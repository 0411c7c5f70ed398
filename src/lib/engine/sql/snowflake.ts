// Snowflake, checked by parsing in the tests, not executed. What differs from DuckDB: a
// backslash escapes in a string; FLOAT is double precision (single precision is done by
// arithmetic in a temporary function, sql/float32.ts); integers divide as decimals (so whole
// days are counted with MOD); an unquoted name is read in upper case, so the script makes quoted
// names case-insensitive too (QUOTED_IDENTIFIERS_IGNORE_CASE) and `customer_id` finds the
// column CUSTOMER_ID; timestamps read in the session's time zone (the script sets UTC); files
// are unloaded to a stage with COPY INTO.
import { leafType, nestedRead } from '../ingest/nested';
import type { Dialect, SqlType } from './dialect';
import {
	escapedLiteral,
	numberedFirstRow,
	quoteEscaped,
	quoteStandardIdent,
	unionValues
} from './dialect';
import { float32Arithmetic } from './float32';
import { ISO_PATTERN, strptimePattern, templateFormat } from './strptime';

const TYPES: Record<SqlType, string> = {
	DOUBLE: 'DOUBLE',
	FLOAT: 'DOUBLE',
	BIGINT: 'BIGINT',
	INTEGER: 'INTEGER',
	SMALLINT: 'SMALLINT',
	VARCHAR: 'VARCHAR',
	TIMESTAMP: 'TIMESTAMP_NTZ',
	DATE: 'DATE'
};

const cast = (e: string, t: SqlType) => `CAST(${e} AS ${TYPES[t]})`;
const fromEpochMs = (ms: string) => `TO_TIMESTAMP_NTZ(${cast(ms, 'BIGINT')}, 3)`;
const isFinite = (e: string) => `(ABS(${e}) < CAST('inf' AS DOUBLE))`;

/** A strptime format as Snowflake's (fractions of a second as FF6). */
export function snowflakeFormat(format: string): string {
	return templateFormat(format, 'Snowflake', 'FF6');
}

const F32 =
	'CREATE OR REPLACE TEMPORARY FUNCTION propensity_f32(x DOUBLE) RETURNS DOUBLE AS $$ ' +
	float32Arithmetic('x', {
		log2: (v) => `LOG(2, ${v})`,
		pow2: (n) => `POW(CAST(2 AS DOUBLE), ${n})`,
		double: (text) => `CAST('${text}' AS DOUBLE)`,
		isFinite
	}) +
	' $$;';

const guarded = (e: string, pattern: string, read: string) =>
	`CASE WHEN REGEXP_LIKE(${e}, ${quoteEscaped(pattern)}) THEN ${read} END`;

export const SNOWFLAKE: Dialect = {
	name: 'snowflake',
	title: 'Snowflake',
	ident: quoteStandardIdent,
	table: (name) => name.split('.').map(quoteStandardIdent).join('.'),
	literal: (v) => escapedLiteral(v, 'DOUBLE'),
	cast,
	tryDouble: (e) => `TRY_TO_DOUBLE(${cast(e, 'VARCHAR')})`,
	countIf: (c) => `COUNT_IF(${c})`,
	boolOr: (e) => `BOOLOR_AGG(${e})`,
	countDistinctIf: (e, c) => `COUNT(DISTINCT CASE WHEN ${c} THEN ${e} END)`,
	// a / b of integers is a decimal rounded to a few places: subtract the remainder first.
	intDiv: (a, b) => `CAST((${a} - MOD(${a}, ${b})) / ${b} AS BIGINT)`,
	div: (a, b) => `${cast(a, 'DOUBLE')} / ${b}`,
	round: (e) => `ROUND(${e})`,
	days: (ms) => `${cast(ms, 'DOUBLE')} / 86400000`,
	ln1p: (e) => `LN(1 + ${e})`,
	exp: (e) => `EXP(${e})`,
	float32: (e) => `propensity_f32(${e})`,
	isFinite,
	epochMs: (ts) => `DATE_PART(EPOCH_MILLISECOND, ${ts})`,
	fromEpochMs,
	fromEpochUs: (us) => `TO_TIMESTAMP_NTZ(${cast(us, 'BIGINT')}, 6)`,
	weekday: (ms) => `MOD(DAYOFWEEKISO(${fromEpochMs(ms)}), 7)`,
	hour: (ms) => `HOUR(${fromEpochMs(ms)})`,
	strptime: (e, f) =>
		guarded(
			e,
			strptimePattern(f),
			`TRY_TO_TIMESTAMP_NTZ(TRIM(${e}), ${quoteEscaped(snowflakeFormat(f))})`
		),
	isoTimestamp: (e) =>
		guarded(
			e,
			ISO_PATTERN,
			`CAST(CONVERT_TIMEZONE('UTC', TRY_TO_TIMESTAMP_TZ(TRIM(${e}))) AS TIMESTAMP_NTZ)`
		),
	contains: (t, n) => `CONTAINS(${t}, ${n})`,
	startsWith: (t, n) => `STARTSWITH(${t}, ${n})`,
	endsWith: (t, n) => `ENDSWITH(${t}, ${n})`,
	listAny: null,
	listLength: (list) => `ARRAY_SIZE(${list})`,
	listFirst: (list) => `${list}[0]`,
	// An OBJECT's or VARIANT's fields by name (case-sensitive, as the file's), an array of them
	// mapped with TRANSFORM; the leaf, a VARIANT, is cast to the app's type.
	nestedField: (steps, type) => {
		const read = nestedRead(steps, {
			column: quoteStandardIdent,
			field: (r, f) => `${r}[${quoteEscaped(f)}]`,
			map: (l, x, body) => `TRANSFORM(CAST(${l} AS ARRAY), ${x} -> ${body})`,
			flatten: (l) => `ARRAY_FLATTEN(${l})`
		});
		const t = leafType(type);
		return t === 'LIST' || t === 'BOOLEAN'
			? `CAST(${read} AS ${t === 'LIST' ? 'ARRAY' : 'BOOLEAN'})`
			: cast(read, t);
	},
	firstRowPer: numberedFirstRow('VARCHAR'),
	// One array per row, flattened: its entries come back as VARIANT and are cast to their types.
	unpivot: (relation, keep, columns, rows) => {
		const arrays = rows.map((r) => `ARRAY_CONSTRUCT(${r.join(', ')})`);
		const picked = columns.map((c, k) => `${cast(`u.value[${k}]`, c.type)} AS ${c.name}`);
		return (
			`SELECT s.${keep}, ${picked.join(', ')} FROM ${relation} s, ` +
			`LATERAL FLATTEN(input => ARRAY_CONSTRUCT(${arrays.join(', ')})) u`
		);
	},
	values: unionValues,
	fence: (select) => select,
	createView: (name, select) => `CREATE OR REPLACE TEMPORARY VIEW ${name} AS ${select};`,
	createTable: (name, select, temp) =>
		`CREATE OR REPLACE ${temp ? 'TEMPORARY ' : ''}TABLE ${name} AS\n${select};`,
	preamble: () => [
		'-- Times are read and written in UTC, as the app reads them; quoted names match in any case,',
		'-- as unquoted ones do (for this session).',
		"ALTER SESSION SET TIMEZONE = 'UTC';",
		'ALTER SESSION SET QUOTED_IDENTIFIERS_IGNORE_CASE = TRUE;',
		'-- Single precision as the app rounds it (FLOAT is double precision in Snowflake), for this session only.',
		F32
	],
	exportTo: (select, path, format) =>
		`COPY INTO ${quoteEscaped(path)} FROM (${select})\n` +
		(format === 'csv'
			? "FILE_FORMAT = (TYPE = CSV COMPRESSION = NONE FIELD_OPTIONALLY_ENCLOSED_BY = '\"' NULL_IF = ())"
			: 'FILE_FORMAT = (TYPE = PARQUET)') +
		'\nHEADER = TRUE SINGLE = TRUE MAX_FILE_SIZE = 5000000000 OVERWRITE = TRUE;',
	// md5 as PostgreSQL hashes: the same customers in a sample drawn by either engine.
	hashBucket: (e, buckets) => `MOD(TO_NUMBER(SUBSTR(MD5(${e}), 1, 8), 'XXXXXXXX'), ${buckets})`,
	sampleOutput: (format) => `@~/propensity_sample.${format}`,
	sampleOutputNote:
		'@~ is your user stage; fetch the file with SnowSQL (GET @~/propensity_sample.parquet file:///tmp/), or name another stage.',
	howToRun: 'as one script (a worksheet with "Run all", or snowsql -f file.sql)',
	isExecutedInTests: false
};
