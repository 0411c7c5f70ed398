// A short, stable fingerprint of a text (64-bit FNV-1a as 16 hex digits): names a model in
// exports and recognises data seen before. Not cryptographic.

export function fingerprint(text: string): string {
	// Two 32-bit FNV-1a lanes with different offsets stand in for one 64-bit hash (no BigInt).
	let a = 0x811c9dc5;
	let b = 0xcbf29ce4;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		a = Math.imul(a ^ c, 0x01000193) >>> 0;
		b = Math.imul(b ^ c, 0x01000193 ^ 0x5bd1e995) >>> 0;
	}
	return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}
