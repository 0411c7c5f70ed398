// DuckDB-WASM in its own worker, with every file (WASM, worker) served from our origin through
// Vite `?url` imports. Started lazily on first use; one connection.
// Where the page is cross-origin isolated, `selectBundle` picks the threaded `coi` bundle, and
// statements run on every core but those that read a user's file: duckdb-wasm 1.32's pthread
// workers cannot see a file registered by handle (only the DuckDB worker holds it; loading a CSV
// on two threads failed with "No HTML5 file registered with name: upload_0.csv"), so a statement
// that names a registered file runs on one thread. docs/ARCHITECTURE.md, "Threads and hosting".
import * as duckdb from '@duckdb/duckdb-wasm';
import coiWasm from '@duckdb/duckdb-wasm/dist/duckdb-coi.wasm?url';
import coiWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-coi.worker.js?url';
import coiPthread from '@duckdb/duckdb-wasm/dist/duckdb-browser-coi.pthread.worker.js?url';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import type { Db } from './types';

const BUNDLES: duckdb.DuckDBBundles = {
	mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
	eh: { mainModule: ehWasm, mainWorker: ehWorker },
	coi: { mainModule: coiWasm, mainWorker: coiWorker, pthreadWorker: coiPthread }
};

/** Threads DuckDB may use: every core, up to 8 (TF.js's cap too), and 1 without the coi bundle. */
function threadsFor(bundle: duckdb.DuckDBBundle): number {
	return bundle.pthreadWorker ? Math.max(1, Math.min(8, navigator.hardwareConcurrency || 1)) : 1;
}

export async function openBrowserDb(): Promise<Db> {
	const bundle = await duckdb.selectBundle(BUNDLES);
	const worker = new Worker(bundle.mainWorker!);
	const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
	await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
	const conn = await db.connect();
	const most = threadsFor(bundle);
	// Names registered by registerFile, and the thread count set last (0: not set yet).
	const files = new Set<string>();
	let threads = 0;
	async function useThreads(sql: string): Promise<void> {
		const n = [...files].some((f) => sql.includes(f)) ? 1 : most;
		if (n === threads) return;
		await conn.query(`SET threads = ${n}`);
		threads = n;
	}
	return {
		threads: most,
		async query(sql, params) {
			await useThreads(sql);
			if (!params || params.length === 0) return conn.query(sql);
			const stmt = await conn.prepare(sql);
			try {
				return await stmt.query(...params);
			} finally {
				await stmt.close();
			}
		},
		async registerFile(name, file) {
			files.add(name);
			if (file instanceof Uint8Array) await db.registerFileBuffer(name, file);
			else
				await db.registerFileHandle(name, file, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
		},
		async dropFile(name) {
			await db.dropFile(name);
			files.delete(name);
		},
		async insertArrow(name, ipc) {
			await conn.insertArrowFromIPCStream(ipc, { name, create: true });
		},
		async cancel() {
			await conn.cancelSent();
		}
	};
}
