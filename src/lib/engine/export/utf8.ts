// A text part of an export as UTF-8 bytes, for its Blob. Chromium makes a Blob of bytes about
// three times faster than one of a string, and this loop encodes our mostly-ASCII text about
// three times faster than its TextEncoder does here (docs/BENCHMARKS.md, session 9).

/**
 * The UTF-8 encoding of `text` (lone surrogates as U+FFFD, as TextEncoder writes them). With
 * `scratch`, the bytes are written into its buffer (grown when too small) and the view returned
 * is valid until the next call with it: a Blob copies its parts, so one export needs one buffer,
 * not hundreds of megabytes of garbage that each bring a full collection of the page's heap.
 */
export function utf8Bytes(text: string, scratch?: Utf8Scratch): Uint8Array {
	let size = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c < 0x80) size += 1;
		else if (c < 0x800) size += 2;
		else if (c >= 0xd800 && c < 0xdc00 && isLow(text.charCodeAt(i + 1))) {
			size += 4;
			i++;
		} else size += 3;
	}
	let out: Uint8Array;
	if (scratch) {
		if (scratch.buffer.length < size)
			scratch.buffer = new Uint8Array(Math.max(size, 2 * scratch.buffer.length));
		out = scratch.buffer.subarray(0, size);
	} else out = new Uint8Array(size);
	let at = 0;
	for (let i = 0; i < text.length; i++) {
		let c = text.charCodeAt(i);
		if (c < 0x80) out[at++] = c;
		else if (c < 0x800) {
			out[at++] = 0xc0 | (c >> 6);
			out[at++] = 0x80 | (c & 0x3f);
		} else if (c >= 0xd800 && c < 0xdc00 && isLow(text.charCodeAt(i + 1))) {
			c = 0x10000 + ((c - 0xd800) << 10) + (text.charCodeAt(++i) - 0xdc00);
			out[at++] = 0xf0 | (c >> 18);
			out[at++] = 0x80 | ((c >> 12) & 0x3f);
			out[at++] = 0x80 | ((c >> 6) & 0x3f);
			out[at++] = 0x80 | (c & 0x3f);
		} else {
			if (c >= 0xd800 && c < 0xe000) c = 0xfffd;
			out[at++] = 0xe0 | (c >> 12);
			out[at++] = 0x80 | ((c >> 6) & 0x3f);
			out[at++] = 0x80 | (c & 0x3f);
		}
	}
	return out;
}

/** A buffer `utf8Bytes` writes into, part after part. */
export interface Utf8Scratch {
	buffer: Uint8Array;
}

function isLow(c: number): boolean {
	return c >= 0xdc00 && c < 0xe000;
}
