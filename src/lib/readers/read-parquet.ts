// Reads a Parquet file column by column, one slice of rows at a time, with hyparquet (pure JS;
// it reads byte ranges of the File, so the whole file never has to be in memory), with every
// common codec. Numeric columns stay typed arrays; nested (struct, list) columns are flattened
// to dotted paths like JSON records. Integers come through exactly: INT64 and UINT64 as bigints,
// and top-level DECIMAL(p, 0) (ids such as DECIMAL(38,0)) read raw rather than as doubles.
import type * as arrow from 'apache-arrow';
import {
	parquetMetadataAsync,
	parquetSchema,
	parquetScan,
	type AsyncBuffer,
	type FileMetaData,
	type SchemaElement
} from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { flattenRecord, type FlatValue } from '../engine/ingest/flatten';
import { bigintVector, columnsToIpc, type NumericArray } from './arrow-batch';
import { RecordFileError, type Progress } from './read-json';

function asyncBuffer(file: Blob): AsyncBuffer {
	return { byteLength: file.size, slice: (start, end) => file.slice(start, end).arrayBuffer() };
}

function isNested(x: unknown): boolean {
	return typeof x === 'object' && x !== null && !(x instanceof Date) && !ArrayBuffer.isView(x);
}

type Column = FlatValue[] | NumericArray | arrow.Vector;

const isDecimal = (e: SchemaElement) =>
	e.converted_type === 'DECIMAL' || e.logical_type?.type === 'DECIMAL';

/**
 * The metadata with the annotation taken off every top-level DECIMAL(p, 0) stored as INT32,
 * INT64 or FIXED_LEN_BYTE_ARRAY, so hyparquet hands over the stored integers instead of doubles
 * (it turns every decimal into a double, which rounds past 2^53), and the names of those
 * columns. Nested decimals, BYTE_ARRAY decimals and those with a scale stay doubles.
 */
function rawDecimals(metadata: FileMetaData): { metadata: FileMetaData; decimals: Set<string> } {
	const raw = new Set(
		parquetSchema(metadata)
			.children.map((c) => c.element)
			.filter(
				(e) =>
					isDecimal(e) &&
					!e.num_children &&
					(e.scale ?? 0) === 0 &&
					(e.type === 'INT32' || e.type === 'INT64' || e.type === 'FIXED_LEN_BYTE_ARRAY')
			)
	);
	if (raw.size === 0) return { metadata, decimals: new Set() };
	const schema = metadata.schema.map((e) =>
		raw.has(e) ? { ...e, converted_type: undefined, logical_type: undefined } : e
	);
	return { metadata: { ...metadata, schema }, decimals: new Set([...raw].map((e) => e.name)) };
}

/** A stored DECIMAL(p, 0): an INT32, an INT64, or big-endian two's complement bytes. */
function decimalInteger(v: unknown): bigint | null {
	if (typeof v === 'number') return BigInt(v);
	if (typeof v === 'bigint') return v;
	if (!(v instanceof Uint8Array) || v.length === 0) return null;
	let x = 0n;
	for (const byte of v) x = (x << 8n) | BigInt(byte);
	return v[0]! & 0x80 ? x - (1n << BigInt(v.length * 8)) : x;
}

/** Adds one top-level column's values to `out`, flattening nested values into sub-paths. */
function addColumn(
	out: Map<string, Column>,
	name: string,
	data: ArrayLike<unknown>,
	rows: number,
	isRawDecimal: boolean,
	lists: Set<string>
): void {
	if (isRawDecimal) {
		out.set(name, bigintVector(Array.from(data, decimalInteger)));
		return;
	}
	if (ArrayBuffer.isView(data)) {
		out.set(name, data as NumericArray);
		return;
	}
	const values = Array.from(data);
	if (values.some((v) => typeof v === 'bigint')) {
		// INT64 or UINT64 with nulls: a plain array of bigints, kept exact.
		out.set(name, bigintVector(values as (bigint | null)[]));
		return;
	}
	if (!values.some(isNested)) {
		out.set(name, values as FlatValue[]);
		return;
	}
	const flat = new Map<string, FlatValue>();
	const sub = new Map<string, FlatValue[]>();
	values.forEach((v, i) => {
		flat.clear();
		flattenRecord({ [name]: v }, flat, lists);
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

/**
 * Reads every row in slices of at most `batchRows`; returns the number of rows. The paths of
 * the lists in nested columns go into `lists`.
 */
export async function readParquet(
	file: Blob,
	fileName: string,
	sink: BatchSink,
	batchRows: number,
	lists = new Set<string>()
): Promise<number> {
	const buffer = asyncBuffer(file);
	let scan;
	let decimals: Set<string>;
	try {
		const raw = rawDecimals(await parquetMetadataAsync(buffer));
		decimals = raw.decimals;
		scan = await parquetScan({ file: buffer, metadata: raw.metadata, compressors });
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
					end - start,
					decimals.has(column),
					lists
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
