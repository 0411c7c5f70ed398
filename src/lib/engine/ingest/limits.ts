// What this browser engine can hold, checked before reading so a too-large file fails at once
// with the reason rather than crashing the tab. DuckDB-WASM is 32-bit WebAssembly: at most 4 GiB
// of memory, of which DuckDB uses up to 3.1 GiB (STACK-NOTES.md). A CSV becomes a table about
// its own size or less; a whole-document JSON is parsed as one string, and V8 strings stop at
// about 512 MiB.
import type { FileFormat } from './format';

const GiB = 2 ** 30;
export const MAX_TABLE_BYTES = 3 * GiB;
export const MAX_JSON_DOCUMENT_BYTES = 480 * 2 ** 20;
/** How much larger data is than its gzip or Parquet file, as a rough planning figure. */
const EXPANSION = { gzip: 5, parquet: 4 };

function size(bytes: number): string {
	return bytes >= GiB ? `${(bytes / GiB).toFixed(1)} GB` : `${Math.round(bytes / 2 ** 20)} MB`;
}

/** Null when the file may be read; else a message saying why not and what to do. */
export function tooLarge(
	name: string,
	bytes: number,
	format: FileFormat,
	isGzip: boolean
): string | null {
	const expanded = bytes * (format === 'parquet' ? EXPANSION.parquet : isGzip ? EXPANSION.gzip : 1);
	if (format === 'json' && expanded > MAX_JSON_DOCUMENT_BYTES)
		return (
			`"${name}" is a ${size(bytes)} JSON document; a browser can parse JSON documents up to about ${size(MAX_JSON_DOCUMENT_BYTES)}. ` +
			'Export it as NDJSON (one event per line), which is read as a stream, or split it.'
		);
	if (expanded > MAX_TABLE_BYTES)
		return (
			`"${name}" is ${size(bytes)}${expanded > bytes ? ` (about ${size(expanded)} of data)` : ''}; this browser can hold about ` +
			`${size(MAX_TABLE_BYTES)} of data (WebAssembly memory is limited to 4 GB). Export fewer months or columns, ` +
			'or split the export into files under that size and score them one at a time.'
		);
	return null;
}
