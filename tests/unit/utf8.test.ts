import { describe, expect, it } from 'vitest';
import { Utf8Parts } from '../../src/lib/engine/export/utf8';

/** `text` written alone into a buffer that must grow for it. */
function utf8(text: string): Uint8Array {
	const parts = new Utf8Parts(1);
	parts.write(text);
	return parts.take();
}

describe('Utf8Parts', () => {
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
		for (const t of texts) expect([...utf8(t)]).toEqual([...encoder.encode(t)]);
		expect(texts).toHaveLength(7);
	});

	it('encodes every code unit alone as TextEncoder does', () => {
		const encoder = new TextEncoder();
		let compared = 0;
		for (let c = 0; c < 0x10000; c += 7) {
			const t = `a${String.fromCharCode(c)}b`;
			expect([...utf8(t)]).toEqual([...encoder.encode(t)]);
			compared++;
		}
		expect(compared).toBeGreaterThan(9000);
	});

	it('writes texts one after another into one buffer, grown when needed, taken part by part', () => {
		const encoder = new TextEncoder();
		const parts = new Utf8Parts(4);
		const taken: [string[], number][] = [
			// 4 → 8 → 35 (what the second text needs at 3 bytes a unit, over twice the size).
			[['ab', 'Café “Gold”'], 35],
			[['x'], 35],
			// 35 → 450 (150 units) → 900 (twice, more than the next text needs).
			[['日本語'.repeat(50), 'short again', '😀'], 900],
			[[], 900],
			[['a\ud83d', '\ude00b'], 900]
		];
		for (const [texts, capacity] of taken) {
			for (const t of texts) parts.write(t);
			expect(parts.size).toBe(texts.reduce((n, t) => n + encoder.encode(t).length, 0));
			const bytes = parts.take();
			// Texts are encoded one by one: a surrogate pair split between two writes is two lone
			// surrogates, as TextEncoder makes of each text alone.
			expect([...bytes]).toEqual(texts.flatMap((t) => [...encoder.encode(t)]));
			expect(parts.size).toBe(0);
			expect(parts.capacity).toBe(capacity);
		}
	});
});
