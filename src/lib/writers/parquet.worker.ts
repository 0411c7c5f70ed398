// Encodes a Parquet export's row groups off the page's thread: hyparquet-writer takes 10–25 µs
// a row, so a row group of 25,000 held the page for 250–450 ms (docs/BENCHMARKS.md, session 14).
// A worker per export: its encoder holds the file's state from the first group to the footer.
import { expose, transfer } from 'comlink';
import { parquetEncoder, type ParquetEncoder } from '../engine/export/parquet';
import type { CompactGroup, GroupTables } from '../engine/export/parquet-group';

let encoder: ParquetEncoder | null = null;

function start(tables: GroupTables): void {
	encoder = parquetEncoder(tables);
}

async function group(g: CompactGroup): Promise<Uint8Array> {
	const bytes = await encoder!.group(g);
	return transfer(bytes, [bytes.buffer]);
}

async function finish(): Promise<Uint8Array> {
	const bytes = await encoder!.finish();
	return transfer(bytes, [bytes.buffer]);
}

const api = { start, group, finish };
export type ParquetWorkerApi = typeof api;
expose(api);
