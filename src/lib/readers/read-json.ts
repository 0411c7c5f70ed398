// Streams records out of JSON (an array, or one object holding an array) and NDJSON files,
// gzip-compressed or not, without DuckDB's json extension (which would be fetched from another
// origin). Syntax errors name the line. Integers beyond ±2^53 come through as the digits written
// (see exact-json.ts), so numeric ids are never rounded.
import { MAX_DEPTH } from '../engine/ingest/flatten';
import { parseJsonExact } from './exact-json';

export class RecordFileError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'RecordFileError';
	}
}

/** A file with not one record in it. */
export function noRecords(name: string): RecordFileError {
	return new RecordFileError(`"${name}" holds no records. Choose a file with at least one event.`);
}

/** A record (`which`: "Record 12", "The record on line 40") nested past flatten.ts's MAX_DEPTH. */
export function nestedTooDeep(which: string, name: string): RecordFileError {
	return new RecordFileError(
		`${which} of "${name}" nests its fields more than ${MAX_DEPTH} levels deep, which no event export does. Check that the file is an export of events, or flatten it.`
	);
}

/** A JSON syntax error on a line of an NDJSON file (lines counted from 1). */
export class JsonLineError extends RecordFileError {
	constructor(
		readonly fileName: string,
		readonly line: number,
		readonly detail: string
	) {
		super(
			`"${fileName}" has a JSON syntax error on line ${line}: ${detail}. Fix that line or export the file again.`
		);
	}

	/** The same error, in a part of the file that begins after `lines` lines. */
	after(lines: number): JsonLineError {
		return new JsonLineError(this.fileName, this.line + lines, this.detail);
	}
}

export interface Progress {
	(bytesRead: number): void;
}

/** The file's bytes as a stream, gunzipped when it is gzip (by magic number, not name). */
export async function byteStream(
	file: Blob,
	onProgress?: Progress
): Promise<ReadableStream<Uint8Array>> {
	const head = new Uint8Array(await file.slice(0, 2).arrayBuffer());
	let read = 0;
	const counted = file.stream().pipeThrough(
		new TransformStream<Uint8Array, Uint8Array>({
			transform(chunk, controller) {
				read += chunk.byteLength;
				onProgress?.(read);
				controller.enqueue(chunk);
			}
		})
	);
	const isGzip = head[0] === 0x1f && head[1] === 0x8b;
	return isGzip
		? counted.pipeThrough(
				new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>
			)
		: counted;
}

/**
 * The uncompressed size of a gzip file, read through to the end: a damaged or truncated file
 * fails here, with a clear message, before DuckDB reads it.
 */
export async function gunzippedSize(
	file: Blob,
	fileName: string,
	onProgress?: Progress
): Promise<number> {
	let size = 0;
	for await (const bytes of fileBytes(file, fileName, onProgress)) size += bytes.byteLength;
	return size;
}

/** Bytes to text (UTF-8). The cast bridges a DOM typing gap (BufferSource vs Uint8Array). */
function decodeText(bytes: ReadableStream<Uint8Array>): ReadableStream<string> {
	return bytes.pipeThrough(
		new TextDecoderStream() as unknown as TransformStream<Uint8Array, string>
	);
}

function explainStreamError(fileName: string, e: unknown): RecordFileError {
	const msg = e instanceof Error ? e.message : String(e);
	if (
		/gzip|compress|incorrect header|unexpected end|premature|TypeError: Failed to fetch|The compressed data/i.test(
			msg
		)
	)
		return new RecordFileError(
			`"${fileName}" is a damaged or truncated gzip file (${msg}). Download or export it again.`
		);
	return new RecordFileError(`"${fileName}" could not be read: ${msg}`);
}

/**
 * NDJSON as bytes, a run of whole lines at a time (each ends with its line break, but for the
 * file's last line when it has none). A line split between two reads is joined in a copy of
 * its own; the rest of each read is handed on as it came.
 */
export async function* ndjsonLines(
	file: Blob,
	fileName: string,
	onProgress?: Progress
): AsyncGenerator<Uint8Array> {
	let rest: Uint8Array | null = null;
	for await (const bytes of fileBytes(file, fileName, onProgress)) {
		const last = bytes.lastIndexOf(10);
		if (last < 0) {
			rest = join(rest, bytes);
			continue;
		}
		let from = 0;
		if (rest) {
			from = bytes.indexOf(10) + 1;
			yield join(rest, bytes.subarray(0, from));
		}
		if (from <= last) yield bytes.subarray(from, last + 1);
		rest = last + 1 < bytes.length ? bytes.slice(last + 1) : null;
	}
	if (rest) yield rest;
}

/** The file's bytes (gunzipped when it is gzip), a chunk of its stream at a time. */
async function* fileBytes(
	file: Blob,
	fileName: string,
	onProgress?: Progress
): AsyncGenerator<Uint8Array> {
	const reader = (await byteStream(file, onProgress)).getReader();
	for (;;) {
		let chunk: ReadableStreamReadResult<Uint8Array>;
		try {
			chunk = await reader.read();
		} catch (e) {
			throw explainStreamError(fileName, e);
		}
		if (chunk.done) return;
		yield chunk.value;
	}
}

function join(a: Uint8Array | null, b: Uint8Array): Uint8Array {
	if (!a) return b.slice();
	const out = new Uint8Array(a.length + b.length);
	out.set(a);
	out.set(b, a.length);
	return out;
}

/** One NDJSON line's text as JSON.parse reads it (exact-json.ts), a syntax error naming the line. */
export function parseLine(text: string, fileName: string, line: number): unknown {
	try {
		return parseJsonExact(text);
	} catch (e) {
		throw new JsonLineError(fileName, line, (e as Error).message);
	}
}

/** Records of a JSON document as they are parsed. */
export interface RecordChunk {
	records: unknown[];
}

/** Line and column of a character offset, for error messages. */
export function lineOf(text: string, offset: number): number {
	let line = 1;
	for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
	return line;
}

/**
 * A JSON document: an array of records, an object with one array of records (`{"events": […]}`),
 * or one record. It is parsed whole, so very large exports should be NDJSON.
 */
export async function* jsonRecords(
	file: Blob,
	fileName: string,
	onProgress?: Progress
): AsyncGenerator<RecordChunk> {
	let text: string;
	try {
		const reader = decodeText(await byteStream(file, onProgress)).getReader();
		const parts: string[] = [];
		for (let r = await reader.read(); !r.done; r = await reader.read()) parts.push(r.value);
		text = parts.join('');
	} catch (e) {
		throw explainStreamError(fileName, e);
	}
	let doc: unknown;
	try {
		doc = parseJsonExact(text);
	} catch (e) {
		const msg = (e as Error).message;
		const pos = /position (\d+)/.exec(msg);
		const where = /line (\d+)/.exec(msg)?.[1] ?? (pos ? String(lineOf(text, Number(pos[1]))) : '?');
		throw new RecordFileError(
			`"${fileName}" has a JSON syntax error on line ${where}: ${msg}. Fix it or export the file again.`
		);
	}
	let records: unknown[];
	if (Array.isArray(doc)) records = doc;
	else if (doc && typeof doc === 'object') {
		const arrays = Object.values(doc).filter(Array.isArray);
		records = arrays.length === 1 ? (arrays[0] as unknown[]) : [doc];
	} else
		throw new RecordFileError(
			`"${fileName}" holds a single JSON value, not records. Export an array of events or NDJSON.`
		);
	yield { records };
}
