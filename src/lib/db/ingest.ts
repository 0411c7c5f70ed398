// Reads a registered file as a table: sniffs CSV/TSV with DuckDB, falls back to
// whitespace-separated text (e.g. CDNOW), and materialises the `events` table for a mapping,
// swapping it in only when it succeeded, so a bad file never loses what was loaded before.
import { eventsSelectSql, needsMagnitude } from '../engine/ingest/plan';
import { quoteIdent, quoteLiteral } from '../engine/sql/quote';
import {
	COL,
	EVENTS_TABLE,
	PROFILES_TABLE,
	type ColumnInfo,
	type EventMapping
} from '../engine/types';
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
	registeredAs: string;
	bytes: number;
	format: 'csv' | 'whitespace';
	columns: ColumnInfo[];
	preview: Row[];
}

const PREVIEW_ROWS = 10;
// A delimiter no text line contains, to read whole lines as one column.
const LINE_DELIM = '\x01';

function readCsv(name: string, types: Record<string, string> = {}): string {
	const entries = Object.entries(types);
	const typeArg = entries.length
		? `, types={${entries.map(([k, v]) => `${quoteLiteral(k)}: ${quoteLiteral(v)}`).join(', ')}}`
		: '';
	return `read_csv(${quoteLiteral(name)}${typeArg})`;
}

function readLines(name: string): string {
	return `read_csv(${quoteLiteral(name)}, columns={'line': 'VARCHAR'}, header=false, delim='${LINE_DELIM}', quote='', escape='', auto_detect=false)`;
}

async function describe(db: Db, relation: string): Promise<ColumnInfo[]> {
	const rows = toRows(await db.query(`DESCRIBE SELECT * FROM ${relation}`));
	return rows.map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
}

function explainReadError(fileName: string, e: unknown): InputError {
	const msg = e instanceof Error ? e.message : String(e);
	if (/unicode|utf-8|encoding/i.test(msg))
		return new InputError(
			`"${fileName}" is not a text table: it is not UTF-8 text. Export the data as CSV or TSV (UTF-8) and open that file.`
		);
	return new InputError(
		`"${fileName}" could not be read as a table (${msg.split('\n')[0]}). Check that it is a CSV or TSV file.`
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

/** Types a column of text by what all its values cast to; leading zeros keep ids as text. */
async function inferWhitespaceTypes(db: Db, table: string, names: string[]): Promise<string[]> {
	const checks = names.map((n, i) => {
		const c = quoteIdent(n);
		const zeros = `regexp_matches(${c}, '^-?0[0-9]')`;
		return (
			`count(*) FILTER (WHERE ${c} IS NOT NULL AND (TRY_CAST(${c} AS BIGINT) IS NULL OR ${zeros})) AS i${i}, ` +
			`count(*) FILTER (WHERE ${c} IS NOT NULL AND (TRY_CAST(${c} AS DOUBLE) IS NULL OR ${zeros})) AS d${i}`
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
	try {
		columns = await describe(db, readCsv(registeredAs));
	} catch (e) {
		throw explainReadError(fileName, e);
	}
	let format: Source['format'] = 'csv';
	let relation = readCsv(registeredAs);
	if (columns.length === 1) {
		const fields = await whitespaceFieldCount(db, registeredAs);
		if (fields >= 2) {
			format = 'whitespace';
			relation = quoteIdent(sourceView(registeredAs));
			await loadWhitespace(db, registeredAs, sourceView(registeredAs), fields);
			columns = await describe(db, relation);
		}
	}
	const preview = toRows(await db.query(`SELECT * FROM ${relation} LIMIT ${PREVIEW_ROWS}`));
	if (preview.length === 0)
		throw new InputError(
			`"${fileName}" has a header but no rows. Choose a file with at least one event.`
		);
	if (columns.length < 2)
		throw new InputError(
			`"${fileName}" has a single column, so it has no customer id and time to tell events apart. ` +
				'Use a CSV, TSV or space-separated file with at least a customer id and a timestamp column.'
		);
	return { fileName, registeredAs, bytes, format, columns, preview };
}

function sourceView(registeredAs: string): string {
	return `src_${registeredAs.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

/**
 * The relation to read, with `textColumns` read as text rather than as sniffed: ids keep their
 * leading zeros, and a timestamp with an explicit format is parsed from its text.
 */
export function sourceRelation(s: Source, textColumns: string[]): string {
	if (s.format === 'whitespace') return quoteIdent(sourceView(s.registeredAs));
	return readCsv(s.registeredAs, Object.fromEntries(textColumns.map((c) => [c, 'VARCHAR'])));
}

export interface LoadReport {
	/** Rows in the file. */
	sourceRows: number;
	/** Rows kept as events. */
	rows: number;
	droppedNoId: number;
	droppedBadTime: number;
	/** One example value of the timestamp column that did not parse. */
	badTimeExample: string | null;
	profiles: number;
	/** Epoch ms of the first and last event. */
	start: number;
	end: number;
	eventTypes: { event: string; count: number }[];
	/** Events per UTC day (epoch ms of the day), for the quality chart. */
	perDay: { day: number; count: number }[];
	nullShare: { column: string; share: number }[];
}

/** Materialises `events` for `mapping`, replacing the previous table only on success. */
export async function loadEvents(
	db: Db,
	s: Source,
	m: EventMapping
): Promise<{ report: LoadReport; columns: ColumnInfo[] }> {
	const relation = sourceRelation(
		s,
		m.timestampFormat ? [m.customerId, m.timestamp] : [m.customerId]
	);
	const tsCol = s.columns.find((c) => c.name === m.timestamp);
	let maxAbs = 0;
	if (tsCol && needsMagnitude(tsCol, m.timestampFormat))
		maxAbs = Number(
			firstRow(await db.query(`SELECT max(abs(${quoteIdent(tsCol.name)})) AS m FROM ${relation}`))
				.m ?? 0
		);
	const next = `${EVENTS_TABLE}_next`;
	const select = eventsSelectSql(relation, m, s.columns, maxAbs);
	try {
		await db.query(`CREATE OR REPLACE TABLE ${next} AS ${select}`);
	} catch (e) {
		throw explainReadError(s.fileName, e);
	}
	try {
		const counts = firstRow(
			await db.query(
				`SELECT count(*) AS total, count(*) FILTER (WHERE ${quoteIdent(COL.customerId)} IS NULL) AS no_id, ` +
					`count(*) FILTER (WHERE ${quoteIdent(COL.customerId)} IS NOT NULL AND ${quoteIdent(COL.t)} IS NULL) AS bad_time, ` +
					`any_value(CAST(${quoteIdent(m.timestamp)} AS VARCHAR)) FILTER (WHERE ${quoteIdent(COL.t)} IS NULL AND ${quoteIdent(m.timestamp)} IS NOT NULL) AS bad_example ` +
					`FROM ${next}`
			)
		);
		const total = Number(counts.total);
		const badTime = Number(counts.bad_time);
		if (Number(counts.no_id) === total)
			throw new InputError(
				`Column "${m.customerId}" of "${s.fileName}" is empty. Choose the column that holds the customer id.`
			);
		if (badTime + Number(counts.no_id) >= total) {
			const example = counts.bad_example ? ` (for example "${String(counts.bad_example)}")` : '';
			throw new InputError(
				`No row of "${s.fileName}" has a timestamp we can read in column "${m.timestamp}"${example}. ` +
					'Choose the column that holds the event time, or set its format (e.g. %Y%m%d or %d/%m/%Y %H:%M).'
			);
		}
		await db.query(
			`DELETE FROM ${next} WHERE ${quoteIdent(COL.customerId)} IS NULL OR ${quoteIdent(COL.t)} IS NULL`
		);
		await db.query(`DROP TABLE IF EXISTS ${EVENTS_TABLE}`);
		await db.query(`ALTER TABLE ${next} RENAME TO ${EVENTS_TABLE}`);
		const report = await qualityReport(
			db,
			total,
			Number(counts.no_id),
			badTime,
			counts.bad_example
		);
		const columns = await describe(db, EVENTS_TABLE);
		return { report, columns };
	} finally {
		await db.query(`DROP TABLE IF EXISTS ${next}`);
	}
}

async function qualityReport(
	db: Db,
	sourceRows: number,
	noId: number,
	badTime: number,
	badExample: unknown
): Promise<LoadReport> {
	const id = quoteIdent(COL.customerId);
	const t = quoteIdent(COL.t);
	const ev = quoteIdent(COL.event);
	const s = firstRow(
		await db.query(
			`SELECT count(*) AS rows, count(DISTINCT ${id}) AS profiles, min(${t}) AS start, max(${t}) AS "end" FROM ${EVENTS_TABLE}`
		)
	);
	const types = toRows(
		await db.query(
			`SELECT ${ev} AS event, count(*) AS n FROM ${EVENTS_TABLE} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 50`
		)
	);
	const perDay = toRows(
		await db.query(
			`SELECT (${t} // 86400000) * 86400000 AS day, count(*) AS n FROM ${EVENTS_TABLE} GROUP BY 1 ORDER BY 1`
		)
	);
	const sourceCols = (await describe(db, EVENTS_TABLE)).filter((c) => !c.name.startsWith('__'));
	const nulls = sourceCols.length
		? firstRow(
				await db.query(
					`SELECT ${sourceCols.map((c, i) => `avg(CASE WHEN ${quoteIdent(c.name)} IS NULL THEN 1.0 ELSE 0.0 END) AS n${i}`).join(', ')} FROM ${EVENTS_TABLE}`
				)
			)
		: {};
	return {
		sourceRows,
		rows: Number(s.rows),
		droppedNoId: noId,
		droppedBadTime: badTime,
		badTimeExample: badExample === null || badExample === undefined ? null : String(badExample),
		profiles: Number(s.profiles),
		start: Number(s.start),
		end: Number(s.end),
		eventTypes: types.map((r) => ({ event: String(r.event), count: Number(r.n) })),
		perDay: perDay.map((r) => ({ day: Number(r.day), count: Number(r.n) })),
		nullShare: sourceCols.map((c, i) => ({ column: c.name, share: Number(nulls[`n${i}`] ?? 0) }))
	};
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
