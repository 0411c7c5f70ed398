// One entry point for the formats DuckDB-WASM cannot read offline: records → flattened →
// Arrow IPC batches (NDJSON scanned from its bytes, read-ndjson.ts; Parquet through
// parquet-wasm). Runs in the readers worker in the app, and directly in Node tests.
import { flattenRecord, NestingError, type FlatValue } from '../engine/ingest/flatten';
import type { RecordFormat } from '../engine/ingest/format';
import { BatchBuilder } from './arrow-batch';
import type { ByteRange } from './line-ranges';
import { BATCH_ROWS, ReadCancelled, type ReadCallbacks } from './read-callbacks';
import { jsonRecords, nestedTooDeep, noRecords } from './read-json';
import { readNdjson } from './read-ndjson';
import { readParquet } from './read-parquet';
import { readParquetWasm } from './read-parquet-wasm';
import type { FlatColumn } from '../engine/ingest/flatten-sql';

export { BATCH_ROWS, ReadCancelled, type ReadCallbacks };

export interface ReadResult {
	rows: number;
	/**
	 * When the batches hold nested columns as stored (Parquet through parquet-wasm): the flat
	 * columns to select from each batch. Otherwise the batches are flat already.
	 */
	columns?: FlatColumn[];
	/** When the batches were flattened here: the paths of the lists in the records (flatten.ts). */
	listPaths?: string[];
}

/**
 * Reads every record; with `range` (NDJSON only), the records of the lines that begin in it, one
 * part of a file read by several workers (line-ranges.ts), where none may be empty.
 */
export async function readRecords(
	format: RecordFormat,
	file: Blob,
	name: string,
	cb: ReadCallbacks,
	range?: ByteRange
): Promise<ReadResult> {
	const lists = new Set<string>();
	if (format === 'parquet') {
		const fast = await readParquetWasm(file, name, cb);
		const result = fast ?? {
			rows: await readParquet(file, name, cb, BATCH_ROWS, lists),
			listPaths: [...lists]
		};
		if (cb.isCancelled?.()) throw new ReadCancelled();
		return result;
	}
	if (format === 'ndjson') {
		const rows = await readNdjson(file, name, cb, lists, range);
		if (rows === 0 && !range) throw noRecords(name);
		return { rows, listPaths: [...lists] };
	}
	const builder = new BatchBuilder();
	const flat = new Map<string, FlatValue>();
	let total = 0;
	try {
		for await (const { records } of jsonRecords(file, name, cb.onProgress))
			for (let i = 0; i < records.length; i++) {
				flat.clear();
				flattenRecord(records[i], flat, lists);
				builder.add(flat);
				total++;
				if (builder.rows >= BATCH_ROWS) {
					if (cb.isCancelled?.()) throw new ReadCancelled();
					await cb.onBatch(builder.flush()!, BATCH_ROWS);
				}
			}
	} catch (e) {
		if (e instanceof NestingError) throw nestedTooDeep(`Record ${total + 1}`, name);
		throw e;
	}
	const rows = builder.rows;
	const last = builder.flush();
	if (last) await cb.onBatch(last, rows);
	if (total === 0 && !range) throw noRecords(name);
	return { rows: total, listPaths: [...lists] };
}
