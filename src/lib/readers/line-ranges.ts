// An NDJSON file cut into byte ranges that each begin at the start of a line, so several workers
// can parse its parts at once (JSON.parse, flattening and Arrow building run on one core each).
// A newline byte (0x0A) never occurs inside a UTF-8 sequence, so a cut after one is always clean.

/** Bytes read at a time when looking for the next newline. */
const PROBE = 1 << 16;

/** A range of bytes, `end` excluded. */
export interface ByteRange {
	start: number;
	end: number;
}

/** The offset of the first newline at or after `from`, or -1. */
async function nextNewline(file: Blob, from: number): Promise<number> {
	for (let at = from; at < file.size; at += PROBE) {
		const bytes = new Uint8Array(await file.slice(at, at + PROBE).arrayBuffer());
		const i = bytes.indexOf(10);
		if (i >= 0) return at + i;
	}
	return -1;
}

/**
 * About `parts` ranges of equal size covering `file`, each beginning at a line's start; fewer
 * when the file has fewer lines than that.
 */
export async function lineRanges(file: Blob, parts: number): Promise<ByteRange[]> {
	const starts = [0];
	for (let k = 1; k < parts; k++) {
		const from = Math.max(Math.floor((file.size * k) / parts), starts.at(-1)! + 1);
		const nl = await nextNewline(file, from - 1);
		if (nl < 0 || nl + 1 >= file.size) break;
		starts.push(nl + 1);
	}
	return starts.map((start, k) => ({ start, end: starts[k + 1] ?? file.size }));
}

/** How many lines end before `offset`: the line number a range starting there counts from. */
export async function linesBefore(file: Blob, offset: number): Promise<number> {
	const reader = file.slice(0, offset).stream().getReader();
	let lines = 0;
	for (let r = await reader.read(); !r.done; r = await reader.read()) {
		const bytes = r.value;
		for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, i + 1)) lines++;
	}
	return lines;
}
