// The main thread's handle on the readers worker (started on first use).
import { proxy, wrap, type Remote } from 'comlink';
import type { RecordFormat } from '../engine/ingest/format';
import type { ReadResult } from './read-records';
import type { ReadersApi } from './readers.worker';

let remote: Remote<ReadersApi> | null = null;

function api(): Remote<ReadersApi> {
	remote ??= wrap<ReadersApi>(
		new Worker(new URL('./readers.worker.ts', import.meta.url), { type: 'module' })
	);
	return remote;
}

export function readInWorker(
	format: RecordFormat,
	file: Blob,
	name: string,
	onBatch: (ipc: Uint8Array, rows: number) => Promise<void>,
	onProgress: (bytes: number) => void
): Promise<ReadResult> {
	return api().read(format, file, name, proxy(onBatch), proxy(onProgress));
}

/** The uncompressed size of a gzip file; rejects with a clear message when it is damaged. */
export function gzipSizeInWorker(
	file: Blob,
	name: string,
	onProgress: (bytes: number) => void
): Promise<number> {
	return api().gzipSize(file, name, proxy(onProgress));
}

/** Cancels a read in progress (a no-op when the worker never started). */
export async function cancelRead(): Promise<void> {
	if (remote) await remote.cancel();
}
