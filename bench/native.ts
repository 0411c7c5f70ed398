// Native DuckDB (@duckdb/node-api, all cores) reading the same file the app read, for the
// load-throughput ratio in the bench line. Its CSV, JSON and Parquet readers are built in.
import { DuckDBInstance } from '@duckdb/node-api';
import { openSync, readSync, closeSync } from 'node:fs';
import { quoteLiteral } from '../src/lib/engine/sql/quote';

/** A text file whose first line has no comma, tab or semicolon but runs of spaces (CDNOW). */
function isWhitespaceSeparated(file: string): boolean {
	const fd = openSync(file, 'r');
	const buf = Buffer.alloc(512);
	readSync(fd, buf, 0, 512, 0);
	closeSync(fd);
	const line = buf.toString('utf8').split('\n')[0] ?? '';
	return !/[,\t;]/.test(line) && / {2,}|^ /.test(line);
}

export function nativeReader(file: string): string {
	const f = quoteLiteral(file);
	const lower = file.toLowerCase().replace(/\.gz$/, '');
	if (lower.endsWith('.parquet')) return `read_parquet(${f})`;
	if (lower.endsWith('.ndjson') || lower.endsWith('.jsonl'))
		return `read_json(${f}, format='newline_delimited')`;
	if (lower.endsWith('.json')) return `read_json(${f})`;
	// Whitespace-separated text is not CSV to DuckDB either: split lines on runs of spaces, as the app does.
	if (isWhitespaceSeparated(file))
		return `(SELECT string_split_regex(trim(line), '\\s+') AS p FROM read_csv(${f}, columns={'line': 'VARCHAR'}, header=false, delim='\x01', quote='', escape='', auto_detect=false))`;
	return `read_csv(${f})`;
}

/** One load of `files` into a fresh in-memory database: milliseconds and the rows read. */
async function loadOnce(files: string[]): Promise<{ ms: number; rows: number }> {
	const db = await DuckDBInstance.create(':memory:');
	const c = await db.connect();
	const started = performance.now();
	await c.run(
		`CREATE TABLE t AS ${files.map((f) => `SELECT * FROM ${nativeReader(f)}`).join(' UNION ALL BY NAME ')}`
	);
	const ms = performance.now() - started;
	const r = await c.runAndReadAll('SELECT count(*) AS n FROM t');
	const rows = Number(r.getRowObjects()[0]!.n);
	c.closeSync();
	return { ms: Math.round(ms), rows };
}

/**
 * Milliseconds native DuckDB takes to load `files` into one table (the median of `runs` loads,
 * each in a fresh database: one load of the same 10 M-event file took 2.3 to 4.1 s on this
 * machine), the rows it read, and every run's time.
 */
export async function nativeLoad(
	files: string[],
	runs = 3
): Promise<{ ms: number; rows: number; runsMs: number[] }> {
	const done: { ms: number; rows: number }[] = [];
	for (let i = 0; i < runs; i++) done.push(await loadOnce(files));
	const sorted = done.map((d) => d.ms).sort((a, b) => a - b);
	return {
		ms: sorted[Math.floor((sorted.length - 1) / 2)]!,
		rows: done[0]!.rows,
		runsMs: done.map((d) => d.ms)
	};
}
