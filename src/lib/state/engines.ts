// Lazy handles on the two engines, started in the background after first paint so the page is
// interactive at once. Their status is shown in the header.
import type { Db } from '../db/types';
import type { BackendInfo, BackendName } from '../ml/protocol';
import { pageThreads } from './isolation';

let db: Promise<Db> | null = null;
let ml: Promise<BackendInfo> | null = null;

export function getDb(): Promise<Db> {
	db ??= import('../db/duckdb-browser').then((m) => m.openBrowserDb());
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
	const n = Number(new URLSearchParams(location.search).get('trainingRows'));
	return Number.isInteger(n) && n > 0 ? n : undefined;
}
