// The app's Db interface over native DuckDB (@duckdb/node-api, all cores), so the bench can run
// the app's own generated SQL (ingest, events, feature matrix) natively on the same file, for
// the ratio in the bench line. Results come back as Arrow tables, as DuckDB-WASM's do.
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import * as arrow from 'apache-arrow';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import type { Db } from '../src/lib/db/types';
import { quoteLiteral } from '../src/lib/engine/sql/quote';

export interface NativeDb extends Db {
	/** Makes `file` readable by SQL under `name`, as registerFile does in the browser. */
	link(name: string, file: string): void;
	/** Milliseconds DuckDB spent running statements (not converting results), since created. */
	queryMs: number;
}

/** An Arrow type for plain JS values: numbers, booleans, text, or lists of those. */
function typeOf(values: unknown[]): arrow.DataType {
	const present = values.filter((v) => v !== null && v !== undefined);
	if (present.length && present.every(Array.isArray))
		return new arrow.List(new arrow.Field('item', typeOf(present.flat() as unknown[]), true));
	if (present.length && present.every((v) => typeof v === 'number')) return new arrow.Float64();
	if (present.length && present.every((v) => typeof v === 'boolean')) return new arrow.Bool();
	return new arrow.Utf8();
}

function coerce(v: unknown, type: arrow.DataType): unknown {
	if (v === null || v === undefined) return null;
	if (type instanceof arrow.List)
		return (v as unknown[]).map((x) => coerce(x, (type.children[0] as arrow.Field).type));
	return type instanceof arrow.Utf8 ? String(v) : v;
}

function toArrow(names: string[], columns: unknown[][]): arrow.Table {
	const vectors: Record<string, arrow.Vector> = {};
	names.forEach((name, j) => {
		const values = (columns[j] ?? []).map((v) =>
			typeof v === 'bigint' ? Number(v) : v instanceof Date ? v.getTime() : v
		);
		const type = typeOf(values);
		vectors[name] = arrow.vectorFromArray(
			values.map((v) => coerce(v, type)),
			type
		);
	});
	return new arrow.Table(vectors);
}

export async function openNativeDb(): Promise<NativeDb> {
	const dir = mkdtempSync(path.join(tmpdir(), 'native-db-'));
	const instance = await DuckDBInstance.create(':memory:');
	const conn: DuckDBConnection = await instance.connect();
	await conn.run(`SET file_search_path = ${quoteLiteral(dir)}`);
	const db: NativeDb = {
		// DuckDB's default: every core (SET threads changes what it uses, not this).
		threads: availableParallelism(),
		queryMs: 0,
		async query(sql, params) {
			const started = performance.now();
			const reader = await conn.runAndReadAll(sql, params as DuckDBValue[] | undefined);
			db.queryMs += performance.now() - started;
			return toArrow(reader.columnNames(), reader.getColumnsJS() as unknown[][]);
		},
		registerFile() {
			return Promise.reject(new Error('use link(name, path) with the native bench database'));
		},
		dropFile() {
			return Promise.resolve();
		},
		insertArrow() {
			return Promise.reject(new Error('record files are not compared natively'));
		},
		cancel() {
			return Promise.resolve();
		},
		link(name, file) {
			symlinkSync(path.resolve(file), path.join(dir, name));
		}
	};
	return db;
}
