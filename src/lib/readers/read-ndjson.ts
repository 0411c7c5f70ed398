// NDJSON records → Arrow IPC batches: each line scanned from its bytes into the batch's columns
// (ndjson-scan.ts), or, when the scanner leaves it, decoded, parsed and flattened as a JSON
// document's records are. Blank lines are skipped; lines are counted for messages.
import { flattenRecord, NestingError, type FlatValue } from '../engine/ingest/flatten';
import { ColumnBatch } from './column-batch';
import { isSpace } from './exact-json';
import { linesBefore, type ByteRange } from './line-ranges';
import { JsonLineError, ndjsonLines, nestedTooDeep, parseLine } from './read-json';
import { NdjsonScanner } from './ndjson-scan';
import { BATCH_ROWS, ReadCancelled, type ReadCallbacks } from './read-callbacks';

const decoder = new TextDecoder();

/** Reads the records of `file` (of `range` in it: the lines that begin there); the row count. */
export async function readNdjson(
	file: Blob,
	name: string,
	cb: ReadCallbacks,
	lists: Set<string>,
	range?: ByteRange
): Promise<number> {
	const batch = new ColumnBatch();
	const scanner = new NdjsonScanner(batch);
	const flat = new Map<string, FlatValue>();
	let total = 0;
	let line = 0; // from the part's start: the lines before it are counted only for a message
	const lineOfFile = async (line: number) =>
		line + (range?.start ? await linesBefore(file, range.start) : 0);
	try {
		const chunks = ndjsonLines(
			range ? file.slice(range.start, range.end) : file,
			name,
			cb.onProgress
		);
		for await (const bytes of chunks) {
			const n = bytes.length;
			for (let start = 0; start < n;) {
				let end = bytes.indexOf(10, start);
				if (end < 0) end = n;
				line++;
				let s = start;
				while (s < end && isSpace(bytes[s]!)) s++;
				if (s < end && !scanner.scan(bytes, s, end)) {
					// String.prototype.trim, as the text was read before: a line of Unicode spaces is blank.
					const text = decoder.decode(bytes.subarray(start, end)).trim();
					if (text) {
						flat.clear();
						flattenRecord(parseLine(text, name, line), flat, lists);
						batch.addFlat(flat);
					}
				}
				start = end + 1;
				if (batch.rows >= BATCH_ROWS) {
					if (cb.isCancelled?.()) throw new ReadCancelled();
					total += batch.rows;
					await cb.onBatch(batch.flush()!, BATCH_ROWS);
				}
			}
		}
	} catch (e) {
		if (e instanceof NestingError)
			throw nestedTooDeep(`The record on line ${await lineOfFile(line)}`, name);
		if (e instanceof JsonLineError && range?.start) throw e.after(await lineOfFile(0));
		throw e;
	}
	const rows = batch.rows;
	const last = batch.flush();
	if (last) await cb.onBatch(last, rows);
	return total + rows;
}
