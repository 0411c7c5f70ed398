// Materialises the `events` table from one or more event files (each with its own mapping),
// unioned by column name, and reports what is in it. The table is built aside and swapped in
// only when it succeeded, so a bad file or mapping never loses what was loaded before.
import { resolveField } from '../engine/goal/compile';
import { eventsSelectSql, needsMagnitude, roleColumns, timestampExpr } from '../engine/ingest/plan';
import { quoteIdent } from '../engine/sql/quote';
import {
	COL,
	EVENTS_TABLE,
	isReservedColumn,
	type ColumnInfo,
	type EventMapping
} from '../engine/types';
import { explainReadError, InputError, sourceRelation, describe, type Source } from './ingest';
import { firstRow, toRows } from './rows';
import { timestampMagnitude } from './timestamps';
import type { Db } from './types';

export interface EventPart {
	source: Source;
	mapping: EventMapping;
}

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

const ID = quoteIdent(COL.customerId);
const T = quoteIdent(COL.t);
const FILE = '__file';
// A NUL byte in an id or event type: a line of binary data inside a text file.
const BINARY = `(contains(${ID}, chr(0)) OR contains(${quoteIdent(COL.event)}, chr(0)))`;
/** Event types listed for the report and the goal's pickers (the count says how many there are). */
export const EVENT_TYPES_LISTED = 500;

/** Where DuckDB records the CSV lines of part `index` it could not read as rows. */
function rejectsTable(index: number): string {
	return `__rejects_${index}`;
}

interface PartSql {
	select: string;
	/** The source relation and the expression that parses its timestamps, for examples of failures. */
	relation: string;
	tsExpr: string;
}

async function partSelect(db: Db, part: EventPart, index: number): Promise<PartSql> {
	const { source: s, mapping: m } = part;
	const rejects = s.format === 'csv' ? rejectsTable(index) : undefined;
	if (rejects) {
		await db.query(`DROP TABLE IF EXISTS ${quoteIdent(rejects)}`);
		await db.query(`DROP TABLE IF EXISTS ${quoteIdent(rejects + '_scan')}`);
	}
	const relation = sourceRelation(
		s,
		m.timestampFormat ? [m.customerId, m.timestamp] : [m.customerId],
		rejects
	);
	const tsCol = s.columns.find((c) => c.name === m.timestamp);
	const maxAbs =
		tsCol && needsMagnitude(tsCol, m.timestampFormat)
			? await timestampMagnitude(db, relation, tsCol.name)
			: 0;
	return {
		select: `SELECT CAST(${index} AS SMALLINT) AS ${FILE}, * FROM (${eventsSelectSql(relation, m, s.columns, maxAbs)})`,
		relation,
		tsExpr: timestampExpr(tsCol!, m.timestampFormat, maxAbs)
	};
}

/** Lines of a CSV part that did not fit the columns' types (each scan records them; lines are unique). */
async function rejectedLines(
	db: Db,
	part: EventPart,
	index: number
): Promise<{ count: number; example: Rejected | null }> {
	if (part.source.format !== 'csv') return { count: 0, example: null };
	const t = quoteIdent(rejectsTable(index));
	const r = firstRow(
		await db.query(
			`SELECT count(DISTINCT line) AS n, arg_min(line, line) AS line, arg_min(csv_line, line) AS text, arg_min(error_message, line) AS reason FROM ${t}`
		)
	);
	const count = Number(r.n);
	return {
		count,
		example: count
			? { line: Number(r.line), text: String(r.text), reason: String(r.reason).split('\n')[0]! }
			: null
	};
}

/** Per-file counts of rows, rows without id, rows whose time did not parse. Refuses a useless file. */
async function checkPart(db: Db, table: string, part: EventPart, index: number, sql: PartSql) {
	const m = part.mapping;
	const r = firstRow(
		await db.query(
			`SELECT count(*) AS total, count(*) FILTER (WHERE ${ID} IS NULL) AS no_id, ` +
				`count(*) FILTER (WHERE ${ID} IS NOT NULL AND ${T} IS NULL) AS bad_time, ` +
				`count(*) FILTER (WHERE ${ID} IS NOT NULL AND ${T} IS NOT NULL AND ${BINARY}) AS nul ` +
				`FROM ${table} WHERE ${FILE} = ${index}`
		)
	);
	const total = Number(r.total);
	const noId = Number(r.no_id);
	const badTime = Number(r.bad_time);
	const binary = Number(r.nul);
	// The events table keeps no copy of the raw timestamp: an example of one that failed comes from the source.
	const ts = quoteIdent(m.timestamp);
	if (badTime > 0)
		r.bad_example = firstRow(
			await db.query(
				`SELECT (SELECT CAST(${ts} AS VARCHAR) FROM ${sql.relation} WHERE ${ts} IS NOT NULL AND ${sql.tsExpr} IS NULL LIMIT 1) AS v`
			)
		).v;
	const name = part.source.fileName;
	if (noId === total)
		throw new InputError(
			`Column "${m.customerId}" of "${name}" is empty. Choose the column that holds the customer id.`
		);
	if (binary > 0 && binary + badTime + noId >= total)
		throw new InputError(
			`"${name}" holds binary data (NUL bytes) on every line, so it is not a text table. Open a CSV, TSV, JSON, NDJSON or Parquet file.`
		);
	if (badTime + noId >= total) {
		const example = r.bad_example ? ` (for example "${String(r.bad_example)}")` : '';
		throw new InputError(
			`No row of "${name}" has a timestamp we can read in column "${m.timestamp}"${example}. ` +
				'Choose the column that holds the event time, or set its format (e.g. %Y%m%d or %d/%m/%Y %H:%M).'
		);
	}
	const rejected = await rejectedLines(db, part, index);
	if (total === 0)
		throw new InputError(
			`No line of "${name}" could be read as a row${rejected.example ? ` (line ${rejected.example.line}: ${rejected.example.reason})` : ''}.`
		);
	return {
		total,
		noId,
		badTime,
		binary,
		badExample: r.bad_example == null ? null : String(r.bad_example),
		rejected
	};
}

/** Builds `events` from `parts`; `now` (epoch ms) dates "future" events. */
export async function loadEvents(
	db: Db,
	parts: EventPart[],
	now = Date.now()
): Promise<{ report: LoadReport; columns: ColumnInfo[] }> {
	if (parts.length === 0) throw new InputError('Open at least one event file.');
	const next = `${EVENTS_TABLE}_next`;
	const sqls: PartSql[] = [];
	for (const [i, part] of parts.entries()) sqls.push(await partSelect(db, part, i));
	const selects = sqls.map((q) => q.select);
	try {
		await db.query(
			`CREATE OR REPLACE TABLE ${next} AS ${selects.map((q) => `(${q})`).join(' UNION ALL BY NAME ')}`
		);
	} catch (e) {
		throw explainReadError(parts.map((p) => p.source.fileName).join('", "'), e);
	}
	try {
		const checks: Awaited<ReturnType<typeof checkPart>>[] = [];
		for (const [i, part] of parts.entries())
			checks.push(await checkPart(db, next, part, i, sqls[i]!));
		await db.query(`DELETE FROM ${next} WHERE ${ID} IS NULL OR ${T} IS NULL OR ${BINARY}`);
		await db.query(`DROP TABLE IF EXISTS ${EVENTS_TABLE}`);
		await db.query(`ALTER TABLE ${next} RENAME TO ${EVENTS_TABLE}`);
		const overlap = parts.length > 1 ? await identityOverlap(db, parts.length) : null;
		const files: FileReport[] = parts.map((p, i) => ({
			fileName: p.source.fileName,
			bytes: p.source.bytes,
			format: p.source.format,
			sourceRows: checks[i]!.total,
			rows: checks[i]!.total - checks[i]!.noId - checks[i]!.badTime - checks[i]!.binary,
			droppedNoId: checks[i]!.noId,
			droppedBadTime: checks[i]!.badTime,
			droppedBinary: checks[i]!.binary,
			badTimeExample: checks[i]!.badExample,
			identityOverlap: overlap ? overlap[i]! : null,
			rejected: checks[i]!.rejected.count,
			rejectedExample: checks[i]!.rejected.example
		}));
		const columns = withRoleAliases(await describe(db, EVENTS_TABLE), parts);
		return { report: await qualityReport(db, files, columns, now), columns };
	} finally {
		await db.query(`DROP TABLE IF EXISTS ${next}`);
	}
}

const CANONICAL_TYPE: Record<string, string> = {
	[COL.customerId]: 'VARCHAR',
	[COL.t]: 'TIMESTAMP',
	[COL.event]: 'VARCHAR',
	[COL.value]: 'DOUBLE'
};

/**
 * The events table's columns plus, under their source names, the role columns it holds only in
 * canonical form, so conditions and the report can still name them ("eventType", "InvoiceDate").
 */
function withRoleAliases(columns: ColumnInfo[], parts: EventPart[]): ColumnInfo[] {
	const out = [...columns];
	for (const part of parts)
		for (const [name, ref] of roleColumns(part.mapping))
			if (!out.some((c) => c.name === name)) out.push({ name, type: CANONICAL_TYPE[ref]!, ref });
	return out;
}

/** For each file, the share of its customers that also appear in another file. */
async function identityOverlap(db: Db, files: number): Promise<number[]> {
	const rows = toRows(
		await db.query(
			`WITH ids AS (SELECT DISTINCT ${FILE} AS f, ${ID} AS id FROM ${EVENTS_TABLE}), ` +
				`shared AS (SELECT id FROM ids GROUP BY id HAVING count(*) > 1) ` +
				`SELECT f, avg(CASE WHEN id IN (SELECT id FROM shared) THEN 1.0 ELSE 0.0 END) AS share FROM ids GROUP BY f`
		)
	);
	const out = new Array<number>(files).fill(0);
	for (const r of rows) out[Number(r.f)] = Number(r.share);
	return out;
}

async function qualityReport(
	db: Db,
	files: FileReport[],
	columns: ColumnInfo[],
	now: number
): Promise<LoadReport> {
	const ev = quoteIdent(COL.event);
	const s = firstRow(
		await db.query(
			`SELECT count(*) AS rows, count(DISTINCT ${ID}) AS profiles, min(${T}) AS start, max(${T}) AS "end", ` +
				`count(*) FILTER (WHERE ${T} > ?) AS future, ` +
				`count(*) - (SELECT count(*) FROM (SELECT DISTINCT ${ID}, ${T}, ${ev}, ${quoteIdent(COL.value)} FROM ${EVENTS_TABLE})) AS duplicates ` +
				`FROM ${EVENTS_TABLE}`,
			[now]
		)
	);
	const mix = firstRow(
		await db.query(
			`WITH ids AS (SELECT DISTINCT ${ID} AS id FROM ${EVENTS_TABLE}) SELECT ` +
				`count(*) FILTER (WHERE TRY_CAST(id AS DOUBLE) IS NOT NULL) AS numeric, count(*) FILTER (WHERE TRY_CAST(id AS DOUBLE) IS NULL) AS text, ` +
				`min(id) FILTER (WHERE TRY_CAST(id AS DOUBLE) IS NOT NULL) AS num_ex, min(id) FILTER (WHERE TRY_CAST(id AS DOUBLE) IS NULL) AS text_ex FROM ids`
		)
	);
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
	const sourceCols = columns.filter((c) => !isReservedColumn(c.name));
	const stats = sourceCols.length
		? firstRow(
				await db.query(
					`SELECT ${sourceCols
						.map((c, i) => {
							const col = resolveField(c.name, columns).sql;
							return `avg(CASE WHEN ${col} IS NULL THEN 1.0 ELSE 0.0 END) AS n${i}, approx_count_distinct(${col}) AS d${i}`;
						})
						.join(', ')} FROM ${EVENTS_TABLE}`
				)
			)
		: {};
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
		profiles: Number(s.profiles),
		start: Number(s.start),
		end: Number(s.end),
		future: Number(s.future),
		duplicates: Number(s.duplicates),
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
			nullShare: Number(stats[`n${i}`] ?? 0),
			distinct: Number(stats[`d${i}`] ?? 0)
		}))
	};
}
