// The main thread's handle on the readers workers (started on first use; this module stays light,
// the readers themselves load only in the workers). A large uncompressed NDJSON file is read in
// parts, one worker each (read-parts.ts).
import { proxy, wrap, type Remote } from 'comlink';
import type { RecordFormat } from '../engine/ingest/format';
import { lineRanges } from './line-ranges';
import type { ReadResult } from './read-records';
import { readParts } from './read-parts';
import type { ReadersApi } from './readers.worker';

const remotes: Remote<ReadersApi>[] = [];

function api(k = 0): Remote<ReadersApi> {
	while (remotes.length <= k)
		remotes.push(
			wrap<ReadersApi>(
				new Worker(new URL('./readers.worker.ts', import.meta.url), { type: 'module' })
			)
		);
	return remotes[k]!;
}

/** What a read gave; `order`, when it was read in parts: the batches' numbers in file order. */
export type WorkerReadResult = ReadResult & { order?: number[] };

/**
 * Reads a record file into Arrow batches, handed to `onBatch` as they come; batch k is the k-th
 * call. With `parts` > 1 (the caller's choice, for uncompressed NDJSON only: it is cut at its
 * newlines), the file is read in that many parts at once; `onBatch` is told each batch's part
 * (absent or 0 when read whole).
 */
export async function readInWorker(
	format: RecordFormat,
	file: Blob,
	name: string,
	onBatch: (ipc: Uint8Array, rows: number, part?: number) => Promise<void>,
	onProgress: (bytes: number) => void,
	parts = 1
): Promise<WorkerReadResult> {
	const ranges = parts > 1 ? await lineRanges(file, parts) : [];
	if (ranges.length < 2) return api().read(format, file, name, proxy(onBatch), proxy(onProgress));
	return readParts(
		name,
		ranges,
		(k, range, batch, progress) =>
			api(k).read(format, file, name, proxy(batch), proxy(progress), range),
		(k) => api(k).cancel(),
		onBatch,
		onProgress
	);
}

/** The uncompressed size of a gzip file; rejects with a clear message when it is damaged. */
export function gzipSizeInWorker(
	file: Blob,
	name: string,
	onProgress: (bytes: number) => void
): Promise<number> {
	return api().gzipSize(file, name, proxy(onProgress));
}

/** Cancels a read in progress (a no-op when no worker was started). */
export async function cancelRead(): Promise<void> {
	await Promise.all(remotes.map((r) => r.cancel()));
}
