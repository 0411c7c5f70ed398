// Opens one file as a Source: delimited text goes to DuckDB's CSV reader by file handle; JSON,
// NDJSON and Parquet go through the readers worker into DuckDB as Arrow batches.
import { batchTable, describeSource, InputError, unionBatches, type Source } from '../db/ingest';
import type { Db } from '../db/types';
import { detectFormat } from '../engine/ingest/format';
import { tooLarge } from '../engine/ingest/limits';

/** A file made in memory (the demo), as opposed to one the user picked. */
export interface MemoryFile {
	name: string;
	contents: Uint8Array;
}

export type AnyFile = File | MemoryFile;

export interface OpenHooks {
	onProgress?: (bytesRead: number, bytesTotal: number) => void;
	isCancelled?: () => boolean;
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

/** Registers a file under a generated name (never the user's), keeping a .gz suffix. */
async function registerCsv(db: Db, file: AnyFile, size: number): Promise<Source> {
	const gz = file.name.toLowerCase().endsWith('.gz') ? '.gz' : '';
	const name = `upload_${uploads++}.csv${gz}`;
	await db.registerFile(name, file instanceof Blob ? file : file.contents);
	return describeSource(db, file.name, name, size);
}

export async function openSource(db: Db, file: AnyFile, hooks: OpenHooks = {}): Promise<Source> {
	// Measured first: registering a buffer transfers (detaches) it.
	const size = sizeOf(file);
	if (!(file instanceof Blob)) return registerCsv(db, file, size);
	if (size === 0)
		throw new InputError(`"${file.name}" is empty. Choose a file that holds the event log.`);
	const isGzip = await hasGzipMagic(file);
	const first = await head(file);
	const format = detectFormat(file.name, first);
	// A gzip CSV is measured exactly below; other formats are estimated from the file's size.
	let refusal = isGzip && format === 'csv' ? null : tooLarge(file.name, size, format, isGzip);
	if (!refusal && isGzip && format === 'csv') {
		// DuckDB-WASM fails obscurely on a truncated gzip; read it through first (native
		// DecompressionStream, in the readers worker), which also gives its true size.
		const { gzipSizeInWorker } = await import('../readers/readers-client');
		const unpacked = await gzipSizeInWorker(file, file.name, (bytes) =>
			hooks.onProgress?.(bytes, size)
		).catch((e: unknown) => {
			throw new InputError(e instanceof Error ? e.message : String(e));
		});
		refusal = tooLarge(file.name, unpacked, format, false);
	}
	if (refusal) throw new InputError(refusal);
	if (format === 'csv') {
		if (first.includes(0))
			throw new InputError(
				`"${file.name}" is not a text table (it holds binary data). Open a CSV, TSV, JSON, NDJSON or Parquet file.`
			);
		return registerCsv(db, file, size);
	}
	const { readInWorker } = await import('../readers/readers-client');
	const table = `records_${uploads++}`;
	let batches = 0;
	try {
		await readInWorker(
			format,
			file,
			file.name,
			async (ipc) => {
				if (hooks.isCancelled?.()) throw new LoadCancelled();
				await db.insertArrow(batchTable(table, batches++), ipc);
			},
			(bytes) => hooks.onProgress?.(bytes, size)
		);
	} catch (e) {
		for (let k = 0; k < batches; k++)
			await db.query(`DROP TABLE IF EXISTS "${batchTable(table, k)}"`);
		if (hooks.isCancelled?.()) throw new LoadCancelled();
		throw new InputError(e instanceof Error ? e.message : String(e));
	}
	return unionBatches(db, file.name, table, batches, size, format);
}
