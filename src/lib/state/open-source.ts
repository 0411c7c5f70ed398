// Opens one file as a Source: delimited text goes to DuckDB's CSV reader by file handle; JSON,
// NDJSON and Parquet go through the readers worker into DuckDB as Arrow batches.
import { BatchTables } from '../db/batch-tables';
import { batchTable, describeSource, InputError, unionBatches, type Source } from '../db/ingest';
import type { Db } from '../db/types';
import { detectEncoding, type TextEncoding } from '../engine/ingest/encoding';
import type { FlatColumn } from '../engine/ingest/flatten-sql';
import { detectFormat } from '../engine/ingest/format';
import { tooLarge } from '../engine/ingest/limits';
import { userMessage } from '../engine/user-error';

/** A file made in memory (the demo), as opposed to one the user picked. */
export interface MemoryFile {
	name: string;
	contents: Uint8Array;
}

export type AnyFile = File | MemoryFile;

export interface OpenHooks {
	onProgress?: (bytesRead: number, bytesTotal: number) => void;
	isCancelled?: () => boolean;
	/** How many workers read an uncompressed NDJSON file of this many bytes at once; absent, one. */
	readParts?: (bytes: number) => number;
}

export class LoadCancelled extends Error {
	constructor() {
		super('cancelled');
		this.name = 'LoadCancelled';
	}
}

let uploads = 0;

export function sizeOf(file: AnyFile): number {
	return file instanceof Blob ? file.size : file.contents.length;
}

async function hasGzipMagic(file: Blob): Promise<boolean> {
	const b = new Uint8Array(await file.slice(0, 2).arrayBuffer());
	return b[0] === 0x1f && b[1] === 0x8b;
}

/** The first bytes of the file, gunzipped when it is gzip (a truncated gzip still yields some). */
async function head(file: Blob, bytes = 4096): Promise<Uint8Array> {
	const raw = new Uint8Array(await file.slice(0, 65536).arrayBuffer());
	if (!(raw[0] === 0x1f && raw[1] === 0x8b)) return raw.subarray(0, bytes);
	const reader = new Blob([raw]).stream().pipeThrough(new DecompressionStream('gzip')).getReader();
	const parts: Uint8Array[] = [];
	let n = 0;
	try {
		while (n < bytes) {
			const { done, value } = await reader.read();
			if (done) break;
			parts.push(value);
			n += value.byteLength;
		}
	} catch {
		// The head of a truncated gzip still tells the format; reading it whole will fail later, with a message.
	}
	const out = new Uint8Array(n);
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.byteLength;
	}
	return out.subarray(0, bytes);
}

const isGzipBytes = (b: Uint8Array) => b[0] === 0x1f && b[1] === 0x8b;

/**
 * Registers a file under a generated name (never the user's), with a .gz suffix when its bytes
 * are gzip (DuckDB decompresses by suffix: a file merely named .gz is read as it is).
 */
async function registerCsv(
	db: Db,
	fileName: string,
	contents: Blob | Uint8Array,
	size: number,
	isGzip: boolean
): Promise<Source> {
	const name = `upload_${uploads++}.csv${isGzip ? '.gz' : ''}`;
	await db.registerFile(name, contents);
	return describeSource(db, fileName, name, size);
}

// Decoded text is gathered into Blobs of about this size, so no single buffer holds the file.
const PIECE_BYTES = 16 * 2 ** 20;

/** A text file in another encoding (gzipped or not) as UTF-8, decoded as a stream. */
async function toUtf8(
	file: Blob,
	encoding: TextEncoding,
	isGzip: boolean,
	hooks: OpenHooks
): Promise<Blob> {
	let readBytes = 0;
	const counted = file.stream().pipeThrough(
		new TransformStream<Uint8Array<ArrayBuffer>, Uint8Array<ArrayBuffer>>({
			transform(chunk, out) {
				readBytes += chunk.byteLength;
				out.enqueue(chunk);
			}
		})
	);
	const raw: ReadableStream<Uint8Array<ArrayBuffer>> = isGzip
		? counted.pipeThrough(new DecompressionStream('gzip'))
		: counted;
	const reader = raw.pipeThrough(new TextDecoderStream(encoding)).getReader();
	const encoder = new TextEncoder();
	const pieces: Blob[] = [];
	let parts: Uint8Array[] = [];
	let partBytes = 0;
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			if (hooks.isCancelled?.()) throw new LoadCancelled();
			const bytes = encoder.encode(value);
			parts.push(bytes);
			partBytes += bytes.byteLength;
			if (partBytes >= PIECE_BYTES) {
				pieces.push(new Blob(parts as BlobPart[]));
				parts = [];
				partBytes = 0;
				hooks.onProgress?.(readBytes, file.size);
			}
		}
	} catch (e) {
		await reader.cancel().catch(() => undefined);
		if (e instanceof LoadCancelled) throw e;
		throw new InputError(
			`"${file instanceof File ? file.name : 'The file'}" could not be read to the end (it looks damaged or cut short). Save or download it again and open the new copy.`
		);
	}
	pieces.push(new Blob(parts as BlobPart[]));
	return new Blob(pieces, { type: 'text/plain' });
}

const BINARY = (name: string) =>
	`"${name}" is not a text table (it holds binary data, such as a spreadsheet or an archive). ` +
	'Export the data as CSV, TSV, JSON or NDJSON, or open a Parquet file.';

export async function openSource(db: Db, input: AnyFile, hooks: OpenHooks = {}): Promise<Source> {
	// Measured first: registering a buffer transfers (detaches) it.
	const size = sizeOf(input);
	if (!(input instanceof Blob))
		return registerCsv(db, input.name, input.contents, size, isGzipBytes(input.contents));
	if (size === 0)
		throw new InputError(`"${input.name}" is empty. Choose a file that holds the event log.`);
	let file: Blob = input;
	let isGzip = await hasGzipMagic(file);
	let first = await head(file);
	const format = detectFormat(input.name, first);
	// Refused before any of it is read; a gzip CSV is measured exactly in openText.
	const early = isGzip && format === 'csv' ? null : tooLarge(input.name, size, format, isGzip);
	if (early) throw new InputError(early);
	let encoding: TextEncoding = 'utf-8';
	if (format !== 'parquet') {
		encoding = detectEncoding(first);
		if ((encoding === 'utf-8' || encoding === 'windows-1252') && first.includes(0))
			throw new InputError(BINARY(input.name));
		if (encoding !== 'utf-8') {
			file = await toUtf8(input, encoding, isGzip, hooks);
			isGzip = false;
			first = await head(file);
			const decoded = tooLarge(input.name, file.size, format, false);
			if (decoded) throw new InputError(decoded);
		}
	}
	const source = await openText(db, input.name, file, size, isGzip, first, hooks);
	return encoding === 'utf-8' ? source : { ...source, encoding };
}

/**
 * Opens a UTF-8 file (or a Parquet file) whose size was checked, but for a gzip CSV, measured
 * here; `size` is the size of the file as the user has it.
 */
async function openText(
	db: Db,
	fileName: string,
	file: Blob,
	size: number,
	isGzip: boolean,
	first: Uint8Array,
	hooks: OpenHooks
): Promise<Source> {
	const format = detectFormat(fileName, first);
	if (isGzip && format === 'csv') {
		// DuckDB-WASM fails obscurely on a truncated gzip; read it through first (native
		// DecompressionStream, in the readers worker), which also gives its true size.
		const { gzipSizeInWorker } = await import('../readers/readers-client');
		const unpacked = await gzipSizeInWorker(file, fileName, (bytes) =>
			hooks.onProgress?.(bytes, size)
		).catch((e: unknown) => {
			throw new InputError(userMessage(e));
		});
		const refusal = tooLarge(fileName, unpacked, format, false);
		if (refusal) throw new InputError(refusal);
	}
	if (format === 'csv') return registerCsv(db, fileName, file, size, isGzip);
	const { readInWorker } = await import('../readers/readers-client');
	const table = `records_${uploads++}`;
	const tables = new BatchTables(db, table);
	let read: { columns?: FlatColumn[]; listPaths?: string[] };
	try {
		read = await readInWorker(
			format,
			file,
			fileName,
			async (ipc, _rows, part) => {
				if (hooks.isCancelled?.()) throw new LoadCancelled();
				await tables.insert(ipc, part);
			},
			(bytes) => hooks.onProgress?.(bytes, size),
			// Only uncompressed NDJSON can be cut at its newlines.
			format === 'ndjson' && !isGzip ? (hooks.readParts?.(file.size) ?? 1) : 1
		);
	} catch (e) {
		for (let k = 0; k < tables.count; k++)
			await db.query(`DROP TABLE IF EXISTS "${batchTable(table, k)}"`);
		if (hooks.isCancelled?.()) throw new LoadCancelled();
		throw new InputError(userMessage(e));
	}
	return unionBatches(db, fileName, table, tables.order(), size, format, read);
}
