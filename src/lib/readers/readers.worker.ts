// The readers worker: parses JSON, NDJSON and Parquet files off the main thread and hands back
// Arrow IPC batches (transferred, not copied) for DuckDB.
import { expose, transfer } from 'comlink';
import type { RecordFormat } from '../engine/ingest/format';
import type { ByteRange } from './line-ranges';
import { gunzippedSize } from './read-json';
import initParquetWasm from 'parquet-wasm/esm';
import parquetWasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';
import { readRecords, type ReadResult } from './read-records';
import { useParquetWasm } from './read-parquet-wasm';
import { pipelined } from './pipeline';

// parquet-wasm's module, served from our origin like every other file.
useParquetWasm(async () => {
	await initParquetWasm({ module_or_path: parquetWasmUrl });
});

let cancelled = false;

async function read(
	format: RecordFormat,
	file: Blob,
	name: string,
	onBatch: (ipc: Uint8Array, rows: number) => Promise<void>,
	onProgress: (bytes: number) => void,
	range?: ByteRange
): Promise<ReadResult> {
	cancelled = false;
	// The next batch is decoded while DuckDB inserts the last one.
	const insert = pipelined((ipc: Uint8Array, rows: number) =>
		onBatch(transfer(ipc, [ipc.buffer as ArrayBuffer]), rows)
	);
	try {
		const result = await readRecords(
			format,
			file,
			name,
			{
				onBatch: (ipc, rows) => insert.send(ipc, rows),
				onProgress,
				isCancelled: () => cancelled
			},
			range
		);
		await insert.finish();
		return result;
	} catch (e) {
		await insert.finish().catch(() => undefined); // the caller drops what was inserted
		throw e;
	}
}

function cancel(): void {
	cancelled = true;
}

function gzipSize(file: Blob, name: string, onProgress: (bytes: number) => void): Promise<number> {
	return gunzippedSize(file, name, onProgress);
}

const api = { read, gzipSize, cancel };
export type ReadersApi = typeof api;
expose(api);
