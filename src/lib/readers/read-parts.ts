// One NDJSON file read in parts at once (line-ranges.ts), each part by its own reader (a worker in
// the page): the batches go to `onBatch` as they come, with their part, numbered by arrival, and
// the result says their numbers in file order, so the file's rows keep their order. When a part fails the others
// are stopped and waited for, so no batch arrives after the caller has cleaned up.
import type { ByteRange } from './line-ranges';
import { noRecords } from './read-json';
import type { ReadResult } from './read-records';

/** Reads one part; `onBatch` and `onProgress` as readRecords' callbacks. */
export type PartReader = (
	k: number,
	range: ByteRange,
	onBatch: (ipc: Uint8Array, rows: number) => Promise<void>,
	onProgress: (bytes: number) => void
) => Promise<ReadResult>;

export interface PartsRead extends ReadResult {
	/** The batches' arrival numbers (the k-th call of onBatch is k), in file order. */
	order: number[];
}

export async function readParts(
	name: string,
	ranges: ByteRange[],
	readPart: PartReader,
	stopPart: (k: number) => Promise<void>,
	onBatch: (ipc: Uint8Array, rows: number, part: number) => Promise<void>,
	onProgress: (bytes: number) => void
): Promise<PartsRead> {
	let calls = 0;
	const orders = ranges.map((): number[] => []);
	const read = ranges.map(() => 0);
	const settled = await Promise.allSettled(
		ranges.map((range, k) =>
			readPart(
				k,
				range,
				(ipc, rows) => {
					orders[k]!.push(calls++);
					return onBatch(ipc, rows, k);
				},
				(bytes) => {
					read[k] = bytes;
					onProgress(read.reduce((a, b) => a + b, 0));
				}
			).catch(async (e: unknown) => {
				await Promise.all(ranges.map((_, j) => (j === k ? null : stopPart(j))));
				throw e;
			})
		)
	);
	// The first failure in file order, unless it is only a stop that another part's caused.
	const failures = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : []));
	if (failures.length) throw failures.find((e) => !isStop(e)) ?? failures[0];
	const results = settled.map((s) => (s as PromiseFulfilledResult<ReadResult>).value);
	const rows = results.reduce((a, r) => a + r.rows, 0);
	if (rows === 0) throw noRecords(name);
	return {
		rows,
		listPaths: [...new Set(results.flatMap((r) => r.listPaths ?? []))],
		order: orders.flat()
	};
}

/** A part stopped by `stopPart` (ReadCancelled, as comlink hands it over: an Error of that name). */
function isStop(e: unknown): boolean {
	return e instanceof Error && e.name === 'ReadCancelled';
}
