// Materialises the `events` table from one or more event files (each with its own mapping),
// unioned by column name, and reports what is in it. The table is built aside and swapped in
// only when it succeeded, so a bad file or mapping never loses what was loaded before.
import { eventsSelectSql, needsMagnitude, roleColumns, timestampExpr } from '../engine/ingest/plan';
import { isNumericType, isTemporalType } from '../engine/goal/compile';
import { quoteIdent } from '../engine/sql/quote';
import { COL, EVENTS_TABLE, type ColumnInfo, type EventMapping } from '../engine/types';
import { explainReadError, InputError, sourceRelation, describe, type Source } from './ingest';
import { firstRow, toRows } from './rows';
import { qualityReport, type FileReport, type LoadReport, type Rejected } from './quality-report';
import { dropRelation, type RelationKind } from './relations';
import { timestampMagnitude } from './timestamps';
import type { Db } from './types';

export { EVENT_TYPES_LISTED } from './quality-report';
export type { FileReport, LoadReport, Rejected };

export interface EventPart {
	source: Source;
	mapping: EventMapping;
}

/** A source whose rows DuckDB holds as batch tables (JSON, NDJSON, Parquet), not a text file. */
const isRecordSource = (s: Source) => s.format !== 'csv' && s.format !== 'whitespace';

const ID = quoteIdent(COL.customerId);
const T = quoteIdent(COL.t);
const FILE = '__file';
// A NUL byte in an id or event type: a line of binary data inside a text file.
const BINARY = `(contains(${ID}, chr(0)) OR contains(${quoteIdent(COL.event)}, chr(0)))`;

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
		{ rejects }
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

/**
 * Record parts whose events can be a view over their batch tables instead of a copy: the mapping
 * costs nothing to compute again on every read (each role column already has its canonical type:
 * text ids and event types, typed or epoch times, numeric values) and the batches are in few
 * tables (see batch-tables.ts). A 10 M-row Parquet file: 4.3 s and 0.9 GB less to load.
 */
export function eventsAsView(parts: EventPart[]): boolean {
	const tables = parts.reduce((n, p) => n + (p.source.batches ?? 0), 0);
	return tables <= VIEW_MAX_TABLES && parts.every(isRecomputedFree);
}

/** Batch tables a view of the events may read (20 measured fine, 50 ran out of memory). */
const VIEW_MAX_TABLES = 8;

function isRecomputedFree({ source, mapping: m }: EventPart): boolean {
	if (!isRecordSource(source) || m.timestampFormat) return false;
	const type = (name: string | null | undefined) =>
		name ? (source.columns.find((c) => c.name === name)?.type ?? '') : null;
	const ts = type(m.timestamp) ?? '';
	const event = type(m.event);
	return (
		type(m.customerId) === 'VARCHAR' &&
		(isTemporalType(ts) || isNumericType(ts)) &&
		(event === null || event === 'VARCHAR') &&
		[type(m.value), type(m.valueTimes)].every((v) => v === null || isNumericType(v))
	);
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
	let kind: RelationKind = eventsAsView(parts) ? 'VIEW' : 'TABLE';
	// Copied from record batches (JSON, NDJSON, Parquet), the table builds in half the time on one
	// thread (10 M events: 2.0 s against 3.7 s on two); a CSV file is read faster on all.
	const oneThread =
		kind === 'TABLE' && db.threads > 1 && parts.every((p) => isRecordSource(p.source));
	const checks: Awaited<ReturnType<typeof checkPart>>[] = [];
	try {
		await dropRelation(db, next);
		if (oneThread) await db.query('SET threads = 1');
		try {
			await db.query(
				`CREATE ${kind} ${next} AS ${selects.map((q) => `(${q})`).join(' UNION ALL BY NAME ')}`
			);
			// A view reads the rows only when queried: what fails to read fails in the checks.
			for (const [i, part] of parts.entries())
				checks.push(await checkPart(db, next, part, i, sqls[i]!));
		} catch (e) {
			throw e instanceof InputError
				? e
				: explainReadError(parts.map((p) => p.source.fileName).join('", "'), e);
		} finally {
			if (oneThread) await db.query(`SET threads = ${db.threads}`);
		}
		// A scan of every row to delete none is skipped: the checks counted what there is to drop.
		if (checks.some((c) => c.noId + c.badTime + c.binary > 0)) {
			const unusable = `${ID} IS NULL OR ${T} IS NULL OR ${BINARY}`;
			if (kind === 'TABLE') await db.query(`DELETE FROM ${next} WHERE ${unusable}`);
			else {
				// A view would test every row again on every read: the usable rows are copied once.
				const kept = `${next}_kept`;
				await db.query(
					`CREATE OR REPLACE TABLE ${kept} AS SELECT * FROM ${next} WHERE NOT (${unusable})`
				);
				await db.query(`DROP VIEW ${next}`);
				await db.query(`ALTER TABLE ${kept} RENAME TO ${next}`);
				kind = 'TABLE';
			}
		}
		await dropRelation(db, EVENTS_TABLE);
		await db.query(`ALTER ${kind} ${next} RENAME TO ${EVENTS_TABLE}`);
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
		await dropRelation(db, next);
		await dropRelation(db, `${next}_kept`);
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
