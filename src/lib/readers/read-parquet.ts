// Reads a Parquet file column by column, one slice of rows at a time, with hyparquet (pure JS;
// it reads byte ranges of the File, so the whole file never has to be in memory), with every
// common codec. Numeric columns stay typed arrays; nested (struct, list) columns are flattened
// to dotted paths like JSON records.
import { parquetMetadataAsync, parquetSchema, parquetScan, type AsyncBuffer } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { flattenRecord, type FlatValue } from '../engine/ingest/flatten';
import { columnsToIpc } from './arrow-batch';
import { RecordFileError, type Progress } from './read-json';

function asyncBuffer(file: Blob): AsyncBuffer {
	return { byteLength: file.size, slice: (start, end) => file.slice(start, end).arrayBuffer() };
}

function isNested(x: unknown): boolean {
	return typeof x === 'object' && x !== null && !(x instanceof Date) && !ArrayBuffer.isView(x);
}

type Column = FlatValue[] | Float64Array | BigInt64Array | Int32Array;

/** Adds one top-level column's values to `out`, flattening nested values into sub-paths. */
function addColumn(
	out: Map<string, Column>,
	name: string,
	data: ArrayLike<unknown>,
	rows: number
): void {
	if (ArrayBuffer.isView(data)) {
		out.set(name, data as Column);
		return;
	}
	const values = Array.from(data);
	if (!values.some(isNested)) {
		out.set(name, values.map((v) => (typeof v === 'bigint' ? Number(v) : v)) as FlatValue[]);
		return;
	}
	const flat = new Map<string, FlatValue>();
	const sub = new Map<string, FlatValue[]>();
	values.forEach((v, i) => {
		flat.clear();
		flattenRecord({ [name]: v }, flat);
		for (const [path, x] of flat) {
			let col = sub.get(path);
			if (!col) sub.set(path, (col = new Array<FlatValue>(rows).fill(null)));
			col[i] = x;
		}
	});
	for (const [path, col] of sub) out.set(path, col);
}

export interface BatchSink {
	onBatch: (ipc: Uint8Array, rows: number) => Promise<void> | void;
	onProgress?: Progress;
	isCancelled?: () => boolean;
}

/** Reads every row in slices of at most `batchRows`; returns the number of rows. */
export async function readParquet(
	file: Blob,
	fileName: string,
	sink: BatchSink,
	batchRows: number
): Promise<number> {
	const buffer = asyncBuffer(file);
	let scan;
	try {
		const metadata = await parquetMetadataAsync(buffer);
		scan = await parquetScan({ file: buffer, metadata, compressors });
	} catch (e) {
		throw new RecordFileError(
			`"${fileName}" is not a readable Parquet file (${(e as Error).message}).`
		);
	}
	const columns = parquetSchema(scan.metadata).children.map((c) => c.element.name);
	const total = Number(scan.metadata.num_rows);
	let read = 0;
	for (const range of scan.ranges) {
		for (let start = range.rowStart; start < range.rowEnd; start += batchRows) {
			const end = Math.min(range.rowEnd, start + batchRows);
			const batch = new Map<string, Column>();
			for (const column of columns)
				addColumn(
					batch,
					column,
					await scan.readColumn({ column, rowStart: start, rowEnd: end }),
					end - start
				);
			if (sink.isCancelled?.()) return read;
			await sink.onBatch(columnsToIpc(batch), end - start);
			read += end - start;
			sink.onProgress?.(Math.round((file.size * read) / Math.max(1, total)));
		}
	}
	if (read === 0)
		throw new RecordFileError(
			`"${fileName}" holds no records. Choose a file with at least one event.`
		);
	return read;
}
