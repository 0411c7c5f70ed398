import { describe, expect, it } from 'vitest';
import { utf8Bytes, type Utf8Scratch } from '../../src/lib/engine/export/utf8';

describe('utf8Bytes', () => {
	it('encodes as TextEncoder does: ASCII, 2-, 3- and 4-byte characters, lone surrogates', () => {
		const texts = [
			'',
			'customer_id,probability\nc1,0.5\n',
			'Café “Gold” tier – 3 cart adds…',
			'日本語のイベント',
			'emoji 😀 and 𝄞 clef',
			'lone \ud800 high, lone \udc00 low, at end \ud83d',
			'=HYPERLINK("x")'
		];
		const encoder = new TextEncoder();
		for (const t of texts) expect([...utf8Bytes(t)]).toEqual([...encoder.encode(t)]);
		expect(texts).toHaveLength(7);
	});

	it('encodes every code unit alone as TextEncoder does', () => {
		const encoder = new TextEncoder();
		let compared = 0;
		for (let c = 0; c < 0x10000; c += 7) {
			const t = `a${String.fromCharCode(c)}b`;
			expect(utf8Bytes(t)).toEqual(encoder.encode(t));
			compared++;
		}
		expect(compared).toBeGreaterThan(9000);
	});

	it('writes into one scratch buffer, grown when a text needs more, each view its own text', () => {
		const encoder = new TextEncoder();
		const scratch: Utf8Scratch = { buffer: new Uint8Array(4) };
		const texts = ['ab', 'Café “Gold”', 'x', '日本語'.repeat(50), 'short again'];
		const sizes: number[] = [];
		for (const t of texts) {
			const bytes = utf8Bytes(t, scratch);
			expect([...bytes]).toEqual([...encoder.encode(t)]);
			expect(bytes.buffer).toBe(scratch.buffer.buffer);
			sizes.push(scratch.buffer.length);
		}
		// Grown twice (to 16 bytes, then 450), never shrunk.
		expect(sizes).toEqual([4, 16, 16, 450, 450]);
	});
});
