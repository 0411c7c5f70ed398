// How DuckDB's CSV reader reads a registered file: the dialect its sniffer finds, once (every
// later read passes it, so none sniffs again), read leniently when the sniffer gives up,
// decimal-comma columns as numbers, and integers too long for a double as text.
import { quoteIdent, quoteLiteral } from '../engine/sql/quote';
import type { ColumnInfo } from '../engine/types';
import { firstRow } from './rows';
import type { Db } from './types';

/**
 * What `sniff_csv` found: the options and columns that read the file as `read_csv` with
 * auto-detection would. Sniffing reads a sample of the file each time (0.1 s in the browser for
 * a 65 MB file); loading a file read it five times, once per statement.
 */
export interface CsvDialect {
	delim: string;
	quote: string;
	escape: string;
	/** As the sniffer writes it: `\n`, `\r\n`. */
	newLine: string;
	skip: number;
	comment: string;
	header: boolean;
	dateFormat: string | null;
	timestampFormat: string | null;
	columns: ColumnInfo[];
}

export interface CsvOptions {
	dialect: CsvDialect;
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

/** sniff_csv writes an option it leaves empty as this. */
const EMPTY = '(empty)';

/**
 * The buffer, in bytes, of reads that look at the first rows only (the sniff, the checks of a
 * sample, the preview): DuckDB reads a whole buffer before the first row, 32 MB by default, and
 * a file registered by handle copies it from the browser's file each time (the sniff of a 65 MB
 * file: 0.4 s). It must exceed DuckDB's longest line (max_line_size, 2 MB).
 */
const SAMPLE_BUFFER = 4 << 20;

/** Sniffs registered file `name` once; a dialect the sniffer cannot find throws (see isSniffError). */
export async function sniffCsv(db: Db, name: string, isLenient = false): Promise<CsvDialect> {
	// The columns as two lists of text: every Db (the native one of the bench too) returns those.
	const r = firstRow(
		await db.query(
			'SELECT Delimiter, Quote, Escape, NewLineDelimiter, SkipRows, Comment, HasHeader, DateFormat, TimestampFormat, ' +
				'[c.name FOR c IN Columns] AS names, [c.type FOR c IN Columns] AS types ' +
				`FROM sniff_csv(${quoteLiteral(name)}, buffer_size=${SAMPLE_BUFFER}${isLenient ? ', ignore_errors=true' : ''})`
		)
	);
	const option = (v: unknown) => (v == null || v === EMPTY ? '' : String(v));
	const types = Array.from(r.types as Iterable<unknown>, String);
	return {
		delim: option(r.Delimiter),
		quote: option(r.Quote),
		escape: option(r.Escape),
		newLine: option(r.NewLineDelimiter),
		skip: Number(r.SkipRows),
		comment: option(r.Comment),
		header: Boolean(r.HasHeader),
		dateFormat: r.DateFormat == null ? null : String(r.DateFormat),
		timestampFormat: r.TimestampFormat == null ? null : String(r.TimestampFormat),
		columns: Array.from(r.names as Iterable<unknown>, (n, i) => ({
			name: String(n),
			type: types[i]!
		}))
	};
}

export interface CsvRead {
	/** Columns read as text rather than as sniffed. */
	text?: string[];
	/** The table that records the lines that do not fit (see readCsv). */
	rejects?: string;
	isLenient?: boolean;
	/** The read takes the first rows only (a LIMIT): a small buffer (see SAMPLE_BUFFER). */
	isSample?: boolean;
}

/** How a source's relation is read: what readCsv takes beyond the columns and the leniency. */
export type SourceRead = Pick<CsvRead, 'rejects' | 'isSample'>;

/**
 * `read_csv` of a registered file with its sniffed dialect, `text` columns as VARCHAR. With
 * `rejects`, rows that do not fit the sniffed types (a header repeated halfway, a stray text
 * value) are skipped and recorded in table `rejects` (line, text, reason), so the loader can
 * report them instead of failing or dropping silently.
 */
export function readCsv(
	name: string,
	d: CsvDialect,
	{ text = [], rejects, isLenient = false, isSample = false }: CsvRead = {}
): string {
	const columns = d.columns.map(
		(c) => `${quoteLiteral(c.name)}: ${quoteLiteral(text.includes(c.name) ? 'VARCHAR' : c.type)}`
	);
	const formats =
		(d.dateFormat ? `, dateformat=${quoteLiteral(d.dateFormat)}` : '') +
		(d.timestampFormat ? `, timestampformat=${quoteLiteral(d.timestampFormat)}` : '');
	const rejectArg = rejects
		? `, store_rejects=true, rejects_table=${quoteLiteral(rejects)}, rejects_scan=${quoteLiteral(rejects + '_scan')}`
		: isLenient
			? ', ignore_errors=true'
			: '';
	return (
		`read_csv(${quoteLiteral(name)}, auto_detect=false, delim=${quoteLiteral(d.delim)}, ` +
		`quote=${quoteLiteral(d.quote)}, escape=${quoteLiteral(d.escape)}, new_line=${quoteLiteral(d.newLine)}, ` +
		`skip=${d.skip}, comment=${quoteLiteral(d.comment)}, header=${d.header}, ` +
		`columns={${columns.join(', ')}}${formats}${rejectArg}` +
		`${isSample ? `, buffer_size=${SAMPLE_BUFFER}` : ''})`
	);
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
export async function decimalCommaColumns(
	db: Db,
	name: string,
	dialect: CsvDialect,
	isLenient: boolean
): Promise<string[]> {
	const text = dialect.columns.filter((c) => /^VARCHAR/i.test(c.type));
	if (text.length === 0 || dialect.delim === ',') return [];
	const relation = readCsv(name, dialect, { isLenient, isSample: true });
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
export function csvRelation(
	s: { registeredAs: string; csv: CsvOptions },
	{ textColumns = [], rejects, isSample }: SourceRead & { textColumns?: string[] } = {}
) {
	const text = [...new Set([...textColumns, ...(s.csv.text ?? [])])];
	const read = readCsv(s.registeredAs, s.csv.dialect, {
		text,
		rejects,
		isLenient: s.csv.isLenient,
		isSample
	});
	const commas = (s.csv.decimalComma ?? []).filter((c) => !textColumns.includes(c));
	if (commas.length === 0) return read;
	const replaced = commas.map((c) => `${decimalCommaValue(c)} AS ${quoteIdent(c)}`).join(', ');
	return `(SELECT * REPLACE (${replaced}) FROM ${read})`;
}

/** DuckDB's sniffer gave up (a stray last line can do that): the read is tried leniently. */
export const isSniffError = (e: unknown) => /Error when sniffing file/i.test(String(e));

/** Integers too long for a double to hold exactly (2^53 has 16 digits). */
export const LONG_INTEGER = `'\\s*[+-]?[0-9]{16,}\\s*'`;

/**
 * Columns DuckDB sniffed as DOUBLE that hold integers too long for a double (ids beyond 2^53 and
 * beyond BIGINT): they are read as text, exactly as written.
 */
export async function longIntegerColumns(
	db: Db,
	name: string,
	dialect: CsvDialect,
	isLenient: boolean
): Promise<string[]> {
	const doubles = dialect.columns
		.filter((c) => /^(DOUBLE|FLOAT|DECIMAL)/i.test(c.type))
		.map((c) => c.name);
	if (doubles.length === 0) return [];
	const read = readCsv(name, dialect, { text: doubles, isLenient, isSample: true });
	const checks = doubles.map(
		(c, i) =>
			`count(*) FILTER (WHERE regexp_full_match(${quoteIdent(c)}, ${LONG_INTEGER})) AS l${i}`
	);
	const r = firstRow(
		await db.query(`SELECT ${checks.join(', ')} FROM (SELECT * FROM ${read} LIMIT 10000)`)
	);
	return doubles.filter((_, i) => Number(r[`l${i}`]) > 0);
}
