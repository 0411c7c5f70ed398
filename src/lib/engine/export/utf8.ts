// A text part of an export as UTF-8 bytes, for its Blob. Chromium makes a Blob of bytes about
// three times faster than one of a string, and copying an all-ASCII string byte by byte is
// faster than its TextEncoder here (docs/BENCHMARKS.md, session 9); text with any other
// character goes through the TextEncoder.
const encoder = new TextEncoder();

export function utf8Bytes(text: string): Uint8Array {
	const out = new Uint8Array(text.length);
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c > 0x7f) return encoder.encode(text);
		out[i] = c;
	}
	return out;
}
