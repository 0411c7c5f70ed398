import { describe, expect, it } from 'vitest';
import { utf8Bytes } from '../../src/lib/engine/export/utf8';

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
});
