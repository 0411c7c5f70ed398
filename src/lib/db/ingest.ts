// Sources: a registered file read as a table (DuckDB's CSV reader, csv-read.ts; whitespace-
// separated text such as CDNOW, whitespace.ts), or record batches (JSON, NDJSON, Parquet) joined
// into a table; and the profile table. The events table is built in events.ts.
import type { TextEncoding } from '../engine/ingest/encoding';
import { flatSelect, type FlatColumn } from '../engine/ingest/flatten-sql';
import { nestedFromPaths, type NestedColumn } from '../engine/ingest/nested';
import { profilesSelectSql } from '../engine/ingest/plan';
import type { RecordFormat } from '../engine/ingest/format';
import { quoteIdent } from '../engine/sql/quote';
import { PROFILES_TABLE, type ColumnInfo } from '../engine/types';
import {
	csvRelation,
	decimalCommaColumns,
	isSniffError,
	longIntegerColumns,
	readCsv,
	sniffCsv,
	type CsvDialect,
	type CsvOptions,
	type SourceRead
} from './csv-read';
import { explainReadError, InputError } from './input-error';
import { toRows, type Row } from './rows';
import type { Db } from './types';
import { loadWhitespace, sourceView, whitespaceFieldCount } from './whitespace';

export { explainReadError, InputError };
export type { CsvOptions };

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
	/**
	 * Columns read from nested fields (`commerce.order.priceTotal` from a struct, a list of
	 * structs' leaves), and how they nest: a table holding the same data holds them nested.
	 */
	nested?: NestedColumn[];
}

const PREVIEW_ROWS = 10;
export async function describe(db: Db, relation: string): Promise<ColumnInfo[]> {
	const rows = toRows(await db.query(`DESCRIBE SELECT * FROM ${relation}`));
	return rows.map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
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
	let dialect: CsvDialect;
	let isLenient = false;
	try {
		dialect = await sniffCsv(db, registeredAs);
	} catch (e) {
		if (!isSniffError(e)) throw explainReadError(fileName, e);
		isLenient = true;
		dialect = await sniffCsv(db, registeredAs, true).catch((e2) => {
			throw explainReadError(fileName, e2);
		});
	}
	let columns = dialect.columns;
	let format: Source['format'] = 'csv';
	// For the description and the preview of the first rows.
	let relation = readCsv(registeredAs, dialect, { isLenient, isSample: true });
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
		const text = await longIntegerColumns(db, registeredAs, dialect, isLenient);
		const decimalComma = await decimalCommaColumns(db, registeredAs, dialect, isLenient);
		csv = { dialect, isLenient, decimalComma, text };
		if (decimalComma.length || text.length) {
			relation = csvRelation({ registeredAs, csv }, { isSample: true });
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
 * batch is NULL there; types that differ are widened), and describes the result. Batches that
 * hold nested columns are read through their `flat` columns (see flatten-sql.ts); batches
 * flattened as they were read name the lists they met (`listPaths`, flatten.ts). `batches`:
 * their count, or their numbers in file order.
 */
export async function unionBatches(
	db: Db,
	fileName: string,
	table: string,
	batches: number | number[],
	bytes: number,
	format: RecordFormat,
	{ columns: flat, listPaths }: { columns?: FlatColumn[]; listPaths?: string[] } = {}
): Promise<Source> {
	const select = flat ? flatSelect(flat) : '*';
	// A file read in parts names its batches in file order; otherwise they came in order.
	const order =
		typeof batches === 'number' ? Array.from({ length: batches }, (_, k) => k) : batches;
	const parts = order.map((k) => `SELECT ${select} FROM ${quoteIdent(batchTable(table, k))}`);
	// A view, not a table: a copy of the records would double the memory a large file needs
	// (WebAssembly DuckDB has no disk to spill to). The batches live as long as the source.
	await db.query(
		`CREATE OR REPLACE VIEW ${quoteIdent(table)} AS ${parts.join(' UNION ALL BY NAME ')}`
	);
	const relation = quoteIdent(table);
	const columns = await describe(db, relation);
	const nested = flat
		? flat.filter((c) => c.steps.length > 1).map(({ name, steps }) => ({ name, steps }))
		: nestedFromPaths(
				columns.map((c) => c.name),
				new Set(listPaths)
			);
	return {
		fileName,
		registeredAs: table,
		bytes,
		format,
		batches: order.length,
		columns,
		...(nested.length && { nested }),
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

/**
 * The relation to read, with `textColumns` read as text rather than as sniffed: ids keep their
 * leading zeros, and a timestamp with an explicit format is parsed from its text. `isSample`:
 * the query reads its first rows only (see readCsv).
 */
export function sourceRelation(s: Source, textColumns: string[], read: SourceRead = {}): string {
	if (s.format === 'whitespace') return quoteIdent(sourceView(s.registeredAs));
	if (s.format !== 'csv' || !s.csv) return quoteIdent(s.registeredAs);
	return csvRelation({ registeredAs: s.registeredAs, csv: s.csv }, { ...read, textColumns });
}

/** Materialises `profiles` (one row per customer id; the first row wins on duplicates). */
export async function loadProfiles(db: Db, s: Source, customerId: string): Promise<ColumnInfo[]> {
	if (!s.columns.some((c) => c.name === customerId))
		throw new InputError(
			`The profile file has no column "${customerId}"; its columns are ${s.columns.map((c) => c.name).join(', ')}.`
		);
	const relation = sourceRelation(s, [customerId]);
	const next = `${PROFILES_TABLE}_next`;
	await db.query(`CREATE OR REPLACE TABLE ${next} AS ${profilesSelectSql(relation, customerId)}`);
	await db.query(`DROP TABLE IF EXISTS ${PROFILES_TABLE}`);
	await db.query(`ALTER TABLE ${next} RENAME TO ${PROFILES_TABLE}`);
	return describe(db, PROFILES_TABLE);
}
