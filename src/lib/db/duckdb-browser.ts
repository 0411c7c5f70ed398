// DuckDB-WASM in its own worker, with every file (WASM, worker) served from our origin through
// Vite `?url` imports. Started lazily on first use; one connection.
// Where the page is cross-origin isolated, `selectBundle` picks the threaded `coi` bundle, whose
// two worker scripts are mended as text first (coi-patch.ts: memory views that stay fresh when a
// pthread grows the memory, and registered files seen by every pthread) and run from blob URLs;
// if a mend does not apply, DuckDB runs single-threaded. docs/ARCHITECTURE.md, "Threads and hosting".
import * as duckdb from '@duckdb/duckdb-wasm';
import coiWasm from '@duckdb/duckdb-wasm/dist/duckdb-coi.wasm?url';
import coiWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-coi.worker.js?url';
import coiPthread from '@duckdb/duckdb-wasm/dist/duckdb-browser-coi.pthread.worker.js?url';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import { applyPatches, MAIN_WORKER_PATCHES, PTHREAD_WORKER_PATCHES } from './coi-patch';
import type { Scalar } from '../engine/types';
import type { Db } from './types';

const BUNDLES: duckdb.DuckDBBundles = {
	mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
	eh: { mainModule: ehWasm, mainWorker: ehWorker },
	coi: { mainModule: coiWasm, mainWorker: coiWorker, pthreadWorker: coiPthread }
};

const SINGLE_THREADED: duckdb.DuckDBBundles = { mvp: BUNDLES.mvp, eh: BUNDLES.eh };

/** Threads DuckDB may use: every core, up to 8 (TF.js's cap too), and 1 without the coi bundle. */
function threadsFor(bundle: duckdb.DuckDBBundle): number {
	return bundle.pthreadWorker ? Math.max(1, Math.min(8, navigator.hardwareConcurrency || 1)) : 1;
}

async function patchedScript(url: string, patches: typeof MAIN_WORKER_PATCHES): Promise<string> {
	const source = await (await fetch(url)).text();
	const patched = applyPatches(source, patches);
	if ('missing' in patched) throw new Error(`cannot mend ${url}: ${patched.missing.join(', ')}`);
	return URL.createObjectURL(new Blob([patched.text], { type: 'text/javascript' }));
}

/**
 * The coi bundle with its workers mended (coi-patch.ts), as blob URLs; the WASM file's URL made
 * absolute, since a blob worker has no base to resolve it against. Null where it cannot be mended.
 */
async function mendedCoi(bundle: duckdb.DuckDBBundle): Promise<duckdb.DuckDBBundle | null> {
	try {
		const [mainWorker, pthreadWorker] = await Promise.all([
			patchedScript(bundle.mainWorker!, MAIN_WORKER_PATCHES),
			patchedScript(bundle.pthreadWorker!, PTHREAD_WORKER_PATCHES)
		]);
		return {
			mainModule: new URL(bundle.mainModule, location.href).href,
			mainWorker,
			pthreadWorker
		};
	} catch (e) {
		console.warn(`DuckDB runs single-threaded (${e instanceof Error ? e.message : String(e)})`);
		return null;
	}
}

async function chooseBundle(): Promise<duckdb.DuckDBBundle> {
	const bundle = await duckdb.selectBundle(BUNDLES);
	if (!bundle.pthreadWorker) return bundle;
	return (await mendedCoi(bundle)) ?? duckdb.selectBundle(SINGLE_THREADED);
}

export async function openBrowserDb(): Promise<Db> {
	const bundle = await chooseBundle();
	const worker = new Worker(bundle.mainWorker!);
	const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
	await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
	const conn = await db.connect();
	const most = threadsFor(bundle);
	if (most > 1) await conn.query(`SET threads = ${most}`);
	const run = async (sql: string, params?: Scalar[]) => {
		if (!params || params.length === 0) return conn.query(sql);
		const stmt = await conn.prepare(sql);
		try {
			return await stmt.query(...params);
		} finally {
			await stmt.close();
		}
	};
	// `?traceQueries`: each statement's time on the console, for the bench's --trace-queries.
	const traced = new URLSearchParams(location.search).has('traceQueries');
	const trace = (started: number, what: string) => {
		if (traced) console.debug(`[query] ${Math.round(performance.now() - started)} ms ${what}`);
	};
	return {
		threads: most,
		async query(sql, params) {
			const started = performance.now();
			try {
				return await run(sql, params);
			} finally {
				trace(started, sql);
			}
		},
		async registerFile(name, file) {
			if (file instanceof Uint8Array) return db.registerFileBuffer(name, file);
			// A running pthread is blocked inside WebAssembly and never reads the message that
			// tells it of the file: its threads are stopped first, so every pthread is idle when
			// told, and started again after (coi-patch.ts tells idle and new pthreads too).
			if (most > 1) await conn.query('SET threads = 1');
			await db.registerFileHandle(name, file, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
			if (most > 1) await conn.query(`SET threads = ${most}`);
		},
		async dropFile(name) {
			await db.dropFile(name);
		},
		async insertArrow(name, ipc, append = false) {
			const started = performance.now();
			try {
				await conn.insertArrowFromIPCStream(ipc, { name, create: !append });
			} finally {
				trace(started, `-- Arrow batch into ${name}`);
			}
		},
		async cancel() {
			await conn.cancelSent();
		}
	};
}
