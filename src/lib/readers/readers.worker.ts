// The readers worker: parses JSON, NDJSON and Parquet files off the main thread and hands back
// Arrow IPC batches (transferred, not copied) for DuckDB.
import { expose, transfer } from 'comlink';
import type { RecordFormat } from '../engine/ingest/format';
import { gunzippedSize } from './read-json';
import initParquetWasm from 'parquet-wasm/esm';
import parquetWasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';
import { readRecords, type ReadResult } from './read-records';
import { useParquetWasm } from './read-parquet-wasm';

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
	onProgress: (bytes: number) => void
): Promise<ReadResult> {
	cancelled = false;
	return readRecords(format, file, name, {
		onBatch: (ipc, rows) => onBatch(transfer(ipc, [ipc.buffer as ArrayBuffer]), rows),
		onProgress,
		isCancelled: () => cancelled
	});
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
