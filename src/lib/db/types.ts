// The narrow interface the rest of the app needs from DuckDB. The browser implements it with
// AsyncDuckDB in its worker (duckdb-browser.ts); integration tests with the blocking Node build.
import type { Table } from 'apache-arrow';
import type { Scalar } from '../engine/types';

export interface Db {
	/** Threads the engine computes on. */
	readonly threads: number;
	/** Runs one statement; with params it is prepared and the params are bound in order. */
	query(sql: string, params?: Scalar[]): Promise<Table>;
	/** Makes a file readable by SQL under `name` (by handle in the browser: never read whole). */
	registerFile(name: string, file: Blob | Uint8Array): Promise<void>;
	dropFile(name: string): Promise<void>;
	/** Creates table `name` from one Arrow IPC stream; with `append`, adds its rows to that table. */
	insertArrow(name: string, ipc: Uint8Array, append?: boolean): Promise<void>;
	/** Aborts the running query where the engine supports it. */
	cancel(): Promise<void>;
}
