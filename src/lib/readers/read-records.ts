// One entry point for the formats DuckDB-WASM cannot read offline: records → flattened →
// Arrow IPC batches. Runs in the readers worker in the app, and directly in Node tests.
import { flattenRecord, MAX_DEPTH, NestingError, type FlatValue } from '../engine/ingest/flatten';
import type { RecordFormat } from '../engine/ingest/format';
import { BatchBuilder } from './arrow-batch';
import { linesBefore, type ByteRange } from './line-ranges';
import {
	JsonLineError,
	jsonRecords,
	ndjsonRecords,
	noRecords,
	RecordFileError,
	type Progress
} from './read-json';
import { readParquet } from './read-parquet';
import { readParquetWasm } from './read-parquet-wasm';
import type { FlatColumn } from '../engine/ingest/flatten-sql';

export const BATCH_ROWS = 50_000;

export interface ReadCallbacks {
	/** One Arrow IPC stream per batch of rows. */
	onBatch: (ipc: Uint8Array, rows: number) => Promise<void> | void;
	onProgress?: Progress;
	isCancelled?: () => boolean;
}

export class ReadCancelled extends Error {
	constructor() {
		super('cancelled');
		this.name = 'ReadCancelled';
	}
}

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
	const chunks =
		format === 'ndjson'
			? ndjsonRecords(range ? file.slice(range.start, range.end) : file, name, cb.onProgress)
			: jsonRecords(file, name, cb.onProgress);
	// Lines are counted from the part's start: the lines before it are counted only for a message.
	const lineOfFile = async (line: number) =>
		line + (range?.start ? await linesBefore(file, range.start) : 0);
	const builder = new BatchBuilder();
	const flat = new Map<string, FlatValue>();
	let total = 0;
	let line = 0; // of the record being flattened (NDJSON)
	try {
		for await (const { records, lines } of chunks)
			for (let i = 0; i < records.length; i++) {
				line = lines?.[i] ?? 0;
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
		if (e instanceof NestingError) {
			const which =
				format === 'ndjson'
					? `The record on line ${await lineOfFile(line)}`
					: `Record ${total + 1}`;
			throw new RecordFileError(
				`${which} of "${name}" nests its fields more than ${MAX_DEPTH} levels deep, which no event export does. Check that the file is an export of events, or flatten it.`
			);
		}
		if (e instanceof JsonLineError && range?.start) throw e.after(await lineOfFile(0));
		throw e;
	}
	const rows = builder.rows;
	const last = builder.flush();
	if (last) await cb.onBatch(last, rows);
	if (total === 0 && !range) throw noRecords(name);
	return { rows: total, listPaths: [...lists] };
}
