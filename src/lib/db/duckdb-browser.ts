// DuckDB-WASM in its own worker, with every file (WASM, worker) served from our origin through
// Vite `?url` imports. Started lazily on first use; one connection.
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
