// The real DuckDB-WASM (blocking Node build) behind the app's Db interface, for integration tests.
import * as duckdb from '@duckdb/duckdb-wasm/blocking';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { loadEvents } from '../../src/lib/db/events';
import { BatchTables } from '../../src/lib/db/batch-tables';
import { describeSource, unionBatches, type Source } from '../../src/lib/db/ingest';
import type { Db } from '../../src/lib/db/types';
import type { RecordFormat } from '../../src/lib/engine/ingest/format';
import type { EventMapping } from '../../src/lib/engine/types';
import { readRecords } from '../../src/lib/readers/read-records';

const require = createRequire(import.meta.url);
const dist = path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm'));

export async function openNodeDb(): Promise<Db & { close(): void }> {
	const db = await duckdb.createDuckDB(
		{
			mvp: {
				mainModule: path.join(dist, 'duckdb-mvp.wasm'),
				mainWorker: path.join(dist, 'duckdb-node-mvp.worker.cjs')
			},
			eh: {
				mainModule: path.join(dist, 'duckdb-eh.wasm'),
				mainWorker: path.join(dist, 'duckdb-node-eh.worker.cjs')
			}
		},
		new duckdb.VoidLogger(),
		duckdb.NODE_RUNTIME
	);
	await db.instantiate();
	const conn = db.connect();
	return {
		// The blocking Node build has no threads.
		threads: 1,
		// Async like the browser's: a failing statement rejects rather than throws.
		async query(sql, params) {
			await Promise.resolve();
			if (!params || params.length === 0) return conn.query(sql);
			const stmt = conn.prepare(sql);
			try {
				return stmt.query(...params);
			} finally {
				stmt.close();
			}
		},
		async registerFile(name, file) {
			const bytes = file instanceof Uint8Array ? file : new Uint8Array(await file.arrayBuffer());
			db.registerFileBuffer(name, bytes);
		},
		dropFile(name) {
			db.dropFile(name);
			return Promise.resolve();
		},
		insertArrow(name, ipc, append = false) {
			conn.insertArrowFromIPCStream(ipc, { name, create: !append });
			return Promise.resolve();
		},
		cancel() {
			return Promise.resolve();
		},
		close() {
			conn.close();
		}
	};
}

/** The team's real public datasets, read in place (never copied into the repository). */
export const SHARED =
	process.env.PROPENSITY_DATASETS ?? path.resolve(import.meta.dirname, '../../../shared/datasets');
/** Tests on the real datasets skip, saying so, on a machine without them. */
export const HAS_SHARED = existsSync(path.join(SHARED, 'cdnow/CDNOW_master.txt'));

export function sharedFile(rel: string): Uint8Array {
	return readFileSync(path.join(SHARED, rel));
}

/** A fresh database with one shared dataset file registered and described, as an upload is. */
export async function openSharedSource(rel: string) {
	const db = await openNodeDb();
	const bytes = sharedFile(rel);
	await db.registerFile('upload_0.csv', bytes);
	const src = await describeSource(db, path.basename(rel), 'upload_0.csv', bytes.length);
	return { db, src };
}

/** Loads one event file with one mapping, as the app does for a single file. */
export function loadOne(db: Db, source: Source, mapping: EventMapping) {
	return loadEvents(db, [{ source, mapping }]);
}

/**
 * A JSON, NDJSON or Parquet file read as the page reads it (our readers, flattened) into the
 * batch tables of `table`, and described as the page describes it.
 */
export async function loadRecordFile(
	db: Db,
	format: RecordFormat,
	bytes: Uint8Array,
	name: string,
	table: string
): Promise<Source> {
	const tables = new BatchTables(db, table);
	const read = await readRecords(format, new Blob([bytes as Uint8Array<ArrayBuffer>]), name, {
		onBatch: (ipc) => tables.insert(ipc)
	});
	return unionBatches(db, name, table, tables.order(), bytes.length, format, read);
}
