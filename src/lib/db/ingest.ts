// Sources: a registered file read as a table (DuckDB sniffs CSV/TSV; whitespace-separated text
// such as CDNOW is split here), or record batches (JSON, NDJSON, Parquet) joined into a table;
// and the profile table. The events table is built in events.ts.
import type { TextEncoding } from '../engine/ingest/encoding';
import type { RecordFormat } from '../engine/ingest/format';
import { quoteIdent, quoteLiteral } from '../engine/sql/quote';
import { COL, PROFILES_TABLE, type ColumnInfo } from '../engine/types';
import { firstRow, toRows, type Row } from './rows';
import type { Db } from './types';

export class InputError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'InputError';
	}
}

export interface Source {
	/** The user's file name, for display only; SQL uses `registeredAs`. */
	fileName: string;
	/** The registered file (CSV) or the table the records were loaded into (JSON, Parquet). */
	registeredAs: string;
	bytes: number;
	format: 'csv' | 'whitespace' | RecordFormat;
	/** For JSON, NDJSON and Parquet: how many batch tables the view unions. */
	batches?: number;
	columns: ColumnInfo[];
	preview: Row[];
	/** How the file was decoded to UTF-8, when it was not UTF-8 (see state/open-source.ts). */
	encoding?: TextEncoding;
	/** How DuckDB's CSV reader reads it, beyond what it sniffs. */
	csv?: CsvOptions;
}

export interface CsvOptions {
	/**
	 * Sniffing failed on lines that do not fit (a last line of blank spaces): such lines are
	 * skipped, and recorded with their reason when the events are loaded.
	 */
	isLenient?: boolean;
	/** Text columns whose values are numbers with decimal commas (12,50 or 1.234,50), read as numbers. */
	decimalComma?: string[];
	/** Columns of integers too long for a double (ids beyond 2^53), read as text. */
	text?: string[];
}

const PREVIEW_ROWS = 10;
// A delimiter no text line contains, to read whole lines as one column.
const LINE_DELIM = '\x01';

/**
 * `read_csv` of a registered file. With `rejects`, rows that do not fit the sniffed types (a
 * header repeated halfway, a stray text value) are skipped and recorded in table `rejects`
 * (line, text, reason), so the loader can report them instead of failing or dropping silently.
 */
function readCsv(
	name: string,
	textColumns: string[] = [],
	rejects?: string,
	isLenient = false
): string {
	const typeArg = textColumns.length
		? `, types={${textColumns.map((k) => `${quoteLiteral(k)}: 'VARCHAR'`).join(', ')}}`
		: '';
	const rejectArg = rejects
		? `, store_rejects=true, rejects_table=${quoteLiteral(rejects)}, rejects_scan=${quoteLiteral(rejects + '_scan')}`
		: isLenient
			? ', ignore_errors=true'
			: '';
	return `read_csv(${quoteLiteral(name)}${typeArg}${rejectArg})`;
}

const DECIMAL_COMMA = `'\\s*[+-]?(\\d+|\\d{1,3}(\\.\\d{3})+)(,\\d+)?\\s*'`;

/** A decimal-comma number as DOUBLE: thousands dots dropped, the comma made a point. */
function decimalCommaValue(column: string): string {
	const c = quoteIdent(column);
	return `TRY_CAST(replace(replace(trim(${c}), '.', ''), ',', '.') AS DOUBLE)`;
}

/**
 * Text columns of a file not separated by commas whose sampled values are all numbers, some with
 * a decimal comma (European exports: `12,50`, `1.234,50`). A comma-separated file is left alone:
 * there a quoted "1,234" is as likely a US thousands separator.
 */
async function decimalCommaColumns(
	db: Db,
	name: string,
	relation: string,
	columns: ColumnInfo[],
	isLenient: boolean
): Promise<string[]> {
	const text = columns.filter((c) => /^VARCHAR/i.test(c.type));
	if (text.length === 0) return [];
	const sniffed = firstRow(
		await db.query(
			`SELECT Delimiter AS d FROM sniff_csv(${quoteLiteral(name)}${isLenient ? ', ignore_errors=true' : ''})`
		)
	);
	if (sniffed.d === ',') return [];
	const checks = text.map((c, i) => {
		const q = quoteIdent(c.name);
		return (
			`count(${q}) AS n${i}, count(*) FILTER (WHERE regexp_full_match(${q}, ${DECIMAL_COMMA})) AS m${i}, ` +
			`count(*) FILTER (WHERE contains(${q}, ',')) AS c${i}`
		);
	});
	const r = firstRow(
		await db.query(`SELECT ${checks.join(', ')} FROM (SELECT * FROM ${relation} LIMIT 10000)`)
	);
	return text
		.filter((_, i) => {
			const n = Number(r[`n${i}`]);
			return n > 0 && Number(r[`m${i}`]) === n && Number(r[`c${i}`]) > 0;
		})
		.map((c) => c.name);
}

/** `read_csv` of a CSV source with its options, decimal-comma columns read as numbers. */
function csvRelation(
	s: Pick<Source, 'registeredAs' | 'csv'>,
	textColumns: string[] = [],
	rejects?: string
) {
	const text = [...new Set([...textColumns, ...(s.csv?.text ?? [])])];
	const read = readCsv(s.registeredAs, text, rejects, s.csv?.isLenient);
	const commas = (s.csv?.decimalComma ?? []).filter((c) => !textColumns.includes(c));
	if (commas.length === 0) return read;
	const replaced = commas.map((c) => `${decimalCommaValue(c)} AS ${quoteIdent(c)}`).join(', ');
	return `(SELECT * REPLACE (${replaced}) FROM ${read})`;
}

/** DuckDB's sniffer gave up (a stray last line can do that): the read is tried leniently. */
const isSniffError = (e: unknown) => /Error when sniffing file/i.test(String(e));

function readLines(name: string): string {
	return `read_csv(${quoteLiteral(name)}, columns={'line': 'VARCHAR'}, header=false, delim='${LINE_DELIM}', quote='', escape='', auto_detect=false)`;
}

export async function describe(db: Db, relation: string): Promise<ColumnInfo[]> {
	const rows = toRows(await db.query(`DESCRIBE SELECT * FROM ${relation}`));
	return rows.map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
}

/**
 * What a failed read of a text table means, in the user's words. DuckDB's own message names our
 * internal file names and parser states, so it is never shown (it goes to the console).
 */
export function explainReadError(fileName: string, e: unknown): InputError {
	const msg = e instanceof Error ? e.message : String(e);
	console.warn(`Reading "${fileName}" failed:`, msg);
	const line = /on Line: (\d+)/i.exec(msg)?.[1];
	const at = line ? ` (line ${line})` : '';
	if (/invalid unicode|invalid utf-?8/i.test(msg))
		return new InputError(
			`"${fileName}" is not a text table we can read${at}: part of it is not UTF-8 text. If it is a spreadsheet, save it as CSV UTF-8 (in Excel: "CSV UTF-8 (Comma delimited)") and open that file.`
		);
	if (/gzip|decompress|zlib|inflate/i.test(msg))
		return new InputError(
			`"${fileName}" is not a readable gzip file (it is damaged, cut short, or not compressed). Open the uncompressed file, or download the archive again.`
		);
	if (/sniffing|could not detect|dialect/i.test(msg))
		return new InputError(
			`The columns of "${fileName}" could not be told apart: its lines do not split the same way. Check that it is a CSV or TSV file with one header line, and that fields holding the delimiter or quotes are quoted.`
		);
	if (/out of memory|could not allocate/i.test(msg))
		return new InputError(
			`"${fileName}" is too large for the memory this browser tab has. Export fewer months or columns, or a sample of customers, and open that file.`
		);
	if (/Maximum line size|line size/i.test(msg))
		return new InputError(
			`"${fileName}" has a line${at} longer than the reader accepts; it is probably not a table of events. Check that the file is a CSV or TSV file.`
		);
	return new InputError(
		`"${fileName}" could not be read as a table${at}. Check that it is a CSV or TSV file with one header line and the same number of fields on every line.`
	);
}

/**
 * A file DuckDB sniffs as one text column whose lines split on runs of spaces into a steady
 * number of fields (two or more) is whitespace-separated, like CDNOW's `.txt`.
 */
async function whitespaceFieldCount(db: Db, name: string): Promise<number> {
	const r = firstRow(
		await db.query(
			`SELECT min(n) AS lo, max(n) AS hi, count(*) AS lines FROM (SELECT len(string_split_regex(trim(line), '\\s+')) AS n ` +
				`FROM ${readLines(name)} WHERE trim(line) <> '' LIMIT 200)`
		)
	);
	return r.lo === r.hi && Number(r.lo) >= 2 ? Number(r.lo) : 0;
}

/** Integers too long for a double to hold exactly (2^53 has 16 digits). */
const LONG_INTEGER = `'\\s*[+-]?[0-9]{16,}\\s*'`;

/**
 * Columns DuckDB sniffed as DOUBLE that hold integers too long for a double (ids beyond 2^53 and
 * beyond BIGINT): they are read as text, exactly as written.
 */
async function longIntegerColumns(
	db: Db,
	name: string,
	columns: ColumnInfo[],
	isLenient: boolean
): Promise<string[]> {
	const doubles = columns.filter((c) => /^(DOUBLE|FLOAT|DECIMAL)/i.test(c.type)).map((c) => c.name);
	if (doubles.length === 0) return [];
	const read = readCsv(name, doubles, undefined, isLenient);
	const checks = doubles.map(
		(c, i) =>
			`count(*) FILTER (WHERE regexp_full_match(${quoteIdent(c)}, ${LONG_INTEGER})) AS l${i}`
	);
	const r = firstRow(
		await db.query(`SELECT ${checks.join(', ')} FROM (SELECT * FROM ${read} LIMIT 10000)`)
	);
	return doubles.filter((_, i) => Number(r[`l${i}`]) > 0);
}

/** Types a column of text by what all its values cast to; leading zeros keep ids as text. */
async function inferWhitespaceTypes(db: Db, table: string, names: string[]): Promise<string[]> {
	const checks = names.map((n, i) => {
		const c = quoteIdent(n);
		const zeros = `regexp_matches(${c}, '^-?0[0-9]')`;
		// An integer of 16 digits or more that BIGINT cannot hold would lose digits as DOUBLE.
		const long = `regexp_full_match(${c}, ${LONG_INTEGER})`;
		return (
			`count(*) FILTER (WHERE ${c} IS NOT NULL AND (TRY_CAST(${c} AS BIGINT) IS NULL OR ${zeros})) AS i${i}, ` +
			`count(*) FILTER (WHERE ${c} IS NOT NULL AND (TRY_CAST(${c} AS DOUBLE) IS NULL OR ${zeros} OR ${long})) AS d${i}`
		);
	});
	const r = firstRow(await db.query(`SELECT ${checks.join(', ')} FROM ${table}`));
	return names.map((_, i) =>
		Number(r[`i${i}`]) === 0 ? 'BIGINT' : Number(r[`d${i}`]) === 0 ? 'DOUBLE' : 'VARCHAR'
	);
}

/** Builds a typed view `name` over a whitespace-separated file whose first line is a header. */
async function loadWhitespace(db: Db, file: string, view: string, fields: number): Promise<void> {
	const header = firstRow(
		await db.query(
			`SELECT string_split_regex(trim(line), '\\s+') AS h FROM ${readLines(file)} WHERE trim(line) <> '' LIMIT 1`
		)
	).h as { toArray(): string[] } | string[];
	const rawNames = Array.isArray(header) ? header : header.toArray();
	// A header has no purely numeric field; otherwise the file has none and columns get numbers.
	const hasHeader = rawNames.every((h) => isNaN(Number(h)));
	const names = hasHeader ? rawNames.map(String) : rawNames.map((_, i) => `column${i}`);
	const text = `${view}_text`;
	const parts = names.map((n, i) => `p[${i + 1}] AS ${quoteIdent(n)}`).join(', ');
	await db.query(
		`CREATE OR REPLACE TABLE ${quoteIdent(text)} AS SELECT ${parts} FROM (SELECT string_split_regex(trim(line), '\\s+') AS p, ` +
			`row_number() OVER () AS rn FROM ${readLines(file)} WHERE trim(line) <> '') WHERE len(p) = ${fields}` +
			(hasHeader ? ' AND rn > 1' : '')
	);
	const types = await inferWhitespaceTypes(db, quoteIdent(text), names);
	const cols = names
		.map((n, i) => `CAST(${quoteIdent(n)} AS ${types[i]}) AS ${quoteIdent(n)}`)
		.join(', ');
	await db.query(
		`CREATE OR REPLACE VIEW ${quoteIdent(view)} AS SELECT ${cols} FROM ${quoteIdent(text)}`
	);
}

/** Registers nothing: `registeredAs` must already be registered with `db`. */
export async function describeSource(
	db: Db,
	fileName: string,
	registeredAs: string,
	bytes: number
): Promise<Source> {
	if (bytes === 0)
		throw new InputError(`"${fileName}" is empty. Choose a file that holds the event log.`);
	let columns: ColumnInfo[];
	let isLenient = false;
	try {
		columns = await describe(db, readCsv(registeredAs));
	} catch (e) {
		if (!isSniffError(e)) throw explainReadError(fileName, e);
		isLenient = true;
		columns = await describe(db, readCsv(registeredAs, [], undefined, true)).catch((e2) => {
			throw explainReadError(fileName, e2);
		});
	}
	let format: Source['format'] = 'csv';
	let relation = readCsv(registeredAs, [], undefined, isLenient);
	let csv: CsvOptions | undefined;
	if (columns.length === 1) {
		const fields = await whitespaceFieldCount(db, registeredAs);
		if (fields >= 2) {
			format = 'whitespace';
			relation = quoteIdent(sourceView(registeredAs));
			await loadWhitespace(db, registeredAs, sourceView(registeredAs), fields);
			columns = await describe(db, relation);
		}
	}
	if (format === 'csv') {
		const text = await longIntegerColumns(db, registeredAs, columns, isLenient);
		const decimalComma = await decimalCommaColumns(db, registeredAs, relation, columns, isLenient);
		csv = { isLenient, decimalComma, text };
		if (decimalComma.length || text.length) {
			relation = csvRelation({ registeredAs, csv });
			columns = await describe(db, relation);
		}
	}
	return {
		fileName,
		registeredAs,
		bytes,
		format,
		columns,
		preview: await previewRows(db, fileName, relation, columns),
		...(csv && { csv })
	};
}

async function previewRows(
	db: Db,
	fileName: string,
	relation: string,
	columns: ColumnInfo[]
): Promise<Row[]> {
	const preview = toRows(await db.query(`SELECT * FROM ${relation} LIMIT ${PREVIEW_ROWS}`));
	if (preview.length === 0)
		throw new InputError(
			`"${fileName}" has a header but no rows. Choose a file with at least one event.`
		);
	if (columns.length < 2)
		throw new InputError(
			`"${fileName}" has a single column, so it has no customer id and time to tell events apart. ` +
				'Use a file with at least a customer id and a timestamp column.'
		);
	return preview;
}

/** The table holding batch `k` of a record file (see `unionBatches`). */
export function batchTable(table: string, k: number): string {
	return `${table}__b${k}`;
}

/**
 * Joins a record file's Arrow batches into view `table` by column name (a column missing from a
 * batch is NULL there; types that differ are widened), and describes the result.
 */
export async function unionBatches(
	db: Db,
	fileName: string,
	table: string,
	batches: number,
	bytes: number,
	format: RecordFormat
): Promise<Source> {
	const parts = Array.from(
		{ length: batches },
		(_, k) => `SELECT * FROM ${quoteIdent(batchTable(table, k))}`
	);
	// A view, not a table: a copy of the records would double the memory a large file needs
	// (WebAssembly DuckDB has no disk to spill to). The batches live as long as the source.
	await db.query(
		`CREATE OR REPLACE VIEW ${quoteIdent(table)} AS ${parts.join(' UNION ALL BY NAME ')}`
	);
	const relation = quoteIdent(table);
	const columns = await describe(db, relation);
	return {
		fileName,
		registeredAs: table,
		bytes,
		format,
		batches,
		columns,
		preview: await previewRows(db, fileName, relation, columns)
	};
}

/** Frees what a source holds in DuckDB (its file, or its tables) once no file part uses it. */
export async function releaseSource(db: Db, s: Source): Promise<void> {
	if (s.format === 'csv' || s.format === 'whitespace') {
		if (s.format === 'whitespace') {
			await db.query(`DROP VIEW IF EXISTS ${quoteIdent(sourceView(s.registeredAs))}`);
			await db.query(`DROP TABLE IF EXISTS ${quoteIdent(sourceView(s.registeredAs) + '_text')}`);
		}
		await db.dropFile(s.registeredAs);
		return;
	}
	await db.query(`DROP VIEW IF EXISTS ${quoteIdent(s.registeredAs)}`);
	for (let k = 0; k < (s.batches ?? 0); k++)
		await db.query(`DROP TABLE IF EXISTS ${quoteIdent(batchTable(s.registeredAs, k))}`);
}

function sourceView(registeredAs: string): string {
	return `src_${registeredAs.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

/**
 * The relation to read, with `textColumns` read as text rather than as sniffed: ids keep their
 * leading zeros, and a timestamp with an explicit format is parsed from its text.
 */
export function sourceRelation(s: Source, textColumns: string[], rejects?: string): string {
	if (s.format === 'whitespace') return quoteIdent(sourceView(s.registeredAs));
	if (s.format !== 'csv') return quoteIdent(s.registeredAs);
	return csvRelation(s, textColumns, rejects);
}

/** Materialises `profiles` (one row per customer id; the first row wins on duplicates). */
export async function loadProfiles(db: Db, s: Source, customerId: string): Promise<ColumnInfo[]> {
	if (!s.columns.some((c) => c.name === customerId))
		throw new InputError(
			`The profile file has no column "${customerId}"; its columns are ${s.columns.map((c) => c.name).join(', ')}.`
		);
	const relation = sourceRelation(s, [customerId]);
	const next = `${PROFILES_TABLE}_next`;
	await db.query(
		`CREATE OR REPLACE TABLE ${next} AS SELECT CAST(${quoteIdent(customerId)} AS VARCHAR) AS ${quoteIdent(COL.customerId)}, * ` +
			`FROM ${relation} WHERE ${quoteIdent(customerId)} IS NOT NULL QUALIFY row_number() OVER (PARTITION BY ${quoteIdent(customerId)}) = 1`
	);
	await db.query(`DROP TABLE IF EXISTS ${PROFILES_TABLE}`);
	await db.query(`ALTER TABLE ${next} RENAME TO ${PROFILES_TABLE}`);
	return describe(db, PROFILES_TABLE);
}
