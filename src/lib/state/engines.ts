// Lazy handles on the two engines, started in the background after first paint so the page is
// interactive at once. Their status is shown in the header.
import type { Db } from '../db/types';
import type { BackendInfo, BackendName } from '../ml/protocol';
import { pageThreads } from './isolation';

let db: Promise<Db> | null = null;
let ml: Promise<BackendInfo> | null = null;

export function getDb(): Promise<Db> {
	db ??= Promise.all([import('../db/duckdb-browser'), import('../db/warm-up')]).then(
		async ([browser, warm]) => {
			const opened = await browser.openBrowserDb();
			await warm.warmUp(opened);
			return opened;
		}
	);
	return db;
}

/** `?backend=cpu` (or wasm, webgl, webgpu) pins the TF.js backend, for tests and comparisons. */
export function forcedBackend(): BackendName | undefined {
	const b = new URLSearchParams(location.search).get('backend');
	return b === 'cpu' || b === 'wasm' || b === 'webgl' || b === 'webgpu' ? b : undefined;
}

export function getMl(): Promise<BackendInfo> {
	ml ??= import('../ml/ml-client').then((m) => m.initMl(forcedBackend(), pageThreads()));
	return ml;
}

/**
 * `?trainingRows=N` sets the training sample's row budget (engine/features/sample.ts), for the
 * bench's AUC-against-sample-size runs and for tests; absent or invalid, the default.
 */
export function trainingRowBudget(): number | undefined {
	return positiveParam('trainingRows');
}

/**
 * `?rowsPerPart=N` sets the matrix rows per customer partition (db/matrix-rows.ts), so tests see
 * a small dataset built in parts; absent or invalid, the default.
 */
export function matrixRowsPerPart(): number | undefined {
	return positiveParam('rowsPerPart');
}

/**
 * `?countedEvents=N` sets how many events the goal step counts whole (db/goal-check.ts), so tests
 * see the estimated counts of a large log on the demo; absent or invalid, the default.
 */
export function goalCountedEvents(): number | undefined {
	return positiveParam('countedEvents');
}

/** From this size on, an uncompressed NDJSON file is parsed by several workers. */
const PARTS_FROM_BYTES = 64 * 2 ** 20;

/**
 * How many readers workers parse an uncompressed NDJSON file of `bytes` at once: one per core
 * (at most 4) from 64 MB, where JSON.parse on one core is most of the load (docs/BENCHMARKS.md);
 * `?readParts=N` sets it for any size, so tests see a small file read in parts.
 */
export function recordReadParts(bytes: number): number {
	const forced = positiveParam('readParts');
	if (forced) return Math.min(8, forced);
	return bytes >= PARTS_FROM_BYTES
		? Math.max(1, Math.min(4, navigator.hardwareConcurrency || 1))
		: 1;
}

function positiveParam(name: string): number | undefined {
	const n = Number(new URLSearchParams(location.search).get(name));
	return Number.isInteger(n) && n > 0 ? n : undefined;
}
