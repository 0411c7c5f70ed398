// DuckDB-WASM in its own worker, with every file (WASM, worker) served from our origin through
// Vite `?url` imports. Started lazily on first use; one connection.
// Single-threaded even when the page is cross-origin isolated: with duckdb-wasm 1.32's `coi`
// (threads) bundle, a CSV registered by file handle fails to load ("No HTML5 file registered
// with name: upload_0.csv", thrown in a pthread worker, which cannot see the handle the main
// DuckDB worker holds), so a user's file never loads. docs/ARCHITECTURE.md, "Threads and hosting".
import * as duckdb from '@duckdb/duckdb-wasm';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import type { Db } from './types';

const BUNDLES: duckdb.DuckDBBundles = {
	mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
	eh: { mainModule: ehWasm, mainWorker: ehWorker }
};

export async function openBrowserDb(): Promise<Db> {
	const bundle = await duckdb.selectBundle(BUNDLES);
	const worker = new Worker(bundle.mainWorker!);
	const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
	await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
	const conn = await db.connect();
	return {
		async query(sql, params) {
			if (!params || params.length === 0) return conn.query(sql);
			const stmt = await conn.prepare(sql);
			try {
				return await stmt.query(...params);
			} finally {
				await stmt.close();
			}
		},
		async registerFile(name, file) {
			if (file instanceof Uint8Array) await db.registerFileBuffer(name, file);
			else
				await db.registerFileHandle(name, file, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
		},
		async dropFile(name) {
			await db.dropFile(name);
		},
		async insertArrow(name, ipc) {
			await conn.insertArrowFromIPCStream(ipc, { name, create: true });
		},
		async cancel() {
			await conn.cancelSent();
		}
	};
}
