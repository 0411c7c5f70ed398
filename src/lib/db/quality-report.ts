// The quality report of the loaded events: what a user should know about their data before
// trusting a model on it (counts, span, duplicates, future times, mixed ids, event types, events
// per day, empty and distinct values per column), and the per-file counts of what was left out.
import { resolveField } from '../engine/goal/compile';
import { quoteIdent } from '../engine/sql/quote';
import { COL, EVENTS_TABLE, isReservedColumn, type ColumnInfo } from '../engine/types';
import type { Source } from './ingest';
import { firstRow, toRows } from './rows';
import type { Db } from './types';

const ID = quoteIdent(COL.customerId);
const T = quoteIdent(COL.t);

/** Event types listed for the report and the goal's pickers (the count says how many there are). */
export const EVENT_TYPES_LISTED = 500;

export interface FileReport {
	fileName: string;
	bytes: number;
	format: Source['format'];
	/** Rows in the file, and rows kept as events. */
	sourceRows: number;
	rows: number;
	droppedNoId: number;
	droppedBadTime: number;
	/** Rows whose customer id or event type holds a NUL byte (binary data in a text file). */
	droppedBinary: number;
	/** One value of the timestamp column that did not parse. */
	badTimeExample: string | null;
	/** Share of this file's customers also found in the other files (null with one file). */
	identityOverlap: number | null;
	/** CSV lines that did not fit the columns (a repeated header, a stray value); skipped. */
	rejected: number;
	rejectedExample: Rejected | null;
}

export interface Rejected {
	/** 1-based line in the file. */
	line: number;
	text: string;
	reason: string;
}

export interface LoadReport {
	files: FileReport[];
	/** Rows in all files, and rows kept as events. */
	sourceRows: number;
	rows: number;
	droppedNoId: number;
	droppedBadTime: number;
	droppedBinary: number;
	badTimeExample: string | null;
	profiles: number;
	/** Epoch ms of the first and last event. */
	start: number;
	end: number;
	/** Events after the moment of loading (kept; shown as a warning). */
	future: number;
	/** Events that repeat another one exactly (customer, time, type, value); kept. */
	duplicates: number;
	/** Customer ids that are numbers and ids that are not, when both occur (one may be a wrong column). */
	idMix: { numeric: number; text: number; numericExample: string; textExample: string } | null;
	/** CSV lines skipped in all files because they did not fit the columns. */
	rejected: number;
	/** How many event types there are; `eventTypes` lists the most frequent (up to EVENT_TYPES_LISTED). */
	eventTypeCount: number;
	eventTypes: { event: string; count: number }[];
	/** Events per UTC day (epoch ms of the day), for the quality chart. */
	perDay: { day: number; count: number }[];
	columns: { column: string; nullShare: number; distinct: number }[];
}

/**
 * Exact duplicates (same customer, time, type and value; NULLs equal) in as little memory and
 * time as a hash allows: rows are grouped by one 64-bit hash of the four, and only the rows whose
 * hash repeats (few: duplicates and collisions) are compared by their values. Grouping by the
 * values themselves built a table of every distinct event (17 s of a 75 s load at 10 M rows).
 */
async function duplicateCount(db: Db): Promise<number> {
	const key = `${ID}, ${T}, ${quoteIdent(COL.event)}, ${quoteIdent(COL.value)}`;
	const r = firstRow(
		await db.query(
			`WITH repeated AS (SELECT hash(${key}) AS h FROM ${EVENTS_TABLE} GROUP BY 1 HAVING count(*) > 1), ` +
				`candidates AS (SELECT ${key} FROM ${EVENTS_TABLE} WHERE hash(${key}) IN (SELECT h FROM repeated)) ` +
				`SELECT (SELECT count(*) FROM candidates) - (SELECT count(*) FROM (SELECT DISTINCT * FROM candidates)) AS n`
		)
	);
	return Number(r.n);
}

/**
 * The ASCII codes that text TRY_CAST reads as a DOUBLE can start with, besides the digits
 * (48-57): white space (9-13, 32), + - . (43, 45, 46), and I N i n (inf, infinity, nan).
 */
const NUMBER_START = '9, 10, 11, 12, 13, 32, 43, 45, 46, 73, 78, 105, 110';

/**
 * Whether text `id` reads as a number, exactly as `TRY_CAST(id AS DOUBLE) IS NOT NULL`: a failed
 * cast is slow in WebAssembly (0.14 s per 300k text ids), and only text that starts with a
 * digit, white space, a sign, a point or the i/n of inf and nan can read as one.
 */
export function isNumericText(id: string): string {
	return `CASE WHEN ascii(${id}) BETWEEN 48 AND 57 OR ascii(${id}) IN (${NUMBER_START}) THEN TRY_CAST(${id} AS DOUBLE) IS NOT NULL ELSE FALSE END`;
}

export async function qualityReport(
	db: Db,
	files: FileReport[],
	columns: ColumnInfo[],
	now: number
): Promise<LoadReport> {
	const ev = quoteIdent(COL.event);
	const sourceCols = columns.filter((c) => !isReservedColumn(c.name));
	// One scan for the counts, the span and every column's empty share and distinct estimate.
	// (Folded into the scan that counts what each file drops, it took longer than both: every
	// aggregate then needs a filter.)
	const stats = sourceCols.map((c, i) => {
		const col = resolveField(c.name, columns).sql;
		return `, avg(CASE WHEN ${col} IS NULL THEN 1.0 ELSE 0.0 END) AS n${i}, approx_count_distinct(${col}) AS d${i}`;
	});
	const s = firstRow(
		await db.query(
			`SELECT count(*) AS rows, min(${T}) AS start, max(${T}) AS "end", ` +
				`count(*) FILTER (WHERE ${T} > ?) AS future${stats.join('')} FROM ${EVENTS_TABLE}`,
			[now]
		)
	);
	// The distinct ids, once: how many (profiles), and whether numbers and text mix.
	const mix = firstRow(
		await db.query(
			`WITH ids AS (SELECT id, ${isNumericText('id')} AS num FROM (SELECT ${ID} AS id FROM ${EVENTS_TABLE} GROUP BY 1)) ` +
				'SELECT count(*) AS profiles, count(*) FILTER (WHERE num) AS numeric, count(*) FILTER (WHERE NOT num) AS text, ' +
				'min(id) FILTER (WHERE num) AS num_ex, min(id) FILTER (WHERE NOT num) AS text_ex FROM ids'
		)
	);
	const duplicates = await duplicateCount(db);
	const types = toRows(
		await db.query(
			`SELECT ${ev} AS event, count(*) AS n, count(*) OVER () AS types FROM ${EVENTS_TABLE} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${EVENT_TYPES_LISTED}`
		)
	);
	const perDay = toRows(
		await db.query(
			`SELECT (${T} // 86400000) * 86400000 AS day, count(*) AS n FROM ${EVENTS_TABLE} GROUP BY 1 ORDER BY 1`
		)
	);
	const sum = (k: 'sourceRows' | 'droppedNoId' | 'droppedBadTime' | 'droppedBinary') =>
		files.reduce((a, f) => a + f[k], 0);
	return {
		files,
		sourceRows: sum('sourceRows'),
		rows: Number(s.rows),
		droppedNoId: sum('droppedNoId'),
		droppedBadTime: sum('droppedBadTime'),
		droppedBinary: sum('droppedBinary'),
		badTimeExample: files.find((f) => f.badTimeExample)?.badTimeExample ?? null,
		profiles: Number(mix.profiles),
		start: Number(s.start),
		end: Number(s.end),
		future: Number(s.future),
		duplicates,
		idMix:
			Number(mix.numeric) > 0 && Number(mix.text) > 0
				? {
						numeric: Number(mix.numeric),
						text: Number(mix.text),
						numericExample: String(mix.num_ex),
						textExample: String(mix.text_ex)
					}
				: null,
		rejected: files.reduce((a, f) => a + f.rejected, 0),
		eventTypeCount: Number(types[0]?.types ?? 0),
		eventTypes: types.map((r) => ({ event: String(r.event), count: Number(r.n) })),
		perDay: perDay.map((r) => ({ day: Number(r.day), count: Number(r.n) })),
		columns: sourceCols.map((c, i) => ({
			column: c.name,
			nullShare: Number(s[`n${i}`] ?? 0),
			distinct: Number(s[`d${i}`] ?? 0)
		}))
	};
}
