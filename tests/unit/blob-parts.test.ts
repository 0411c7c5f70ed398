import { describe, expect, it } from 'vitest';
import { writeBlob } from '../../src/lib/engine/export/blob-parts';

/** A writing that records its progress and pauses, and stops at pause number `stopAt`. */
function recorder(sharePerPiece: number, stopAt = Infinity) {
	const progress: number[] = [];
	let pauses = 0;
	return {
		progress,
		pauses: () => pauses,
		writing: {
			type: 'text/csv',
			sharePerPiece,
			partPieces: 100,
			progress: (share: number) => progress.push(share),
			pause: async () => ++pauses >= stopAt
		}
	};
}

describe('writeBlob', () => {
	it('encodes text pieces into parts of so many pieces, the Blob their exact UTF-8', async () => {
		const pieces = [
			'id,name\n',
			...Array.from({ length: 349 }, (_, i) => `c${i},Café “${i}” 😀\n`)
		];
		const r = recorder(1 / 349);
		const blob = await writeBlob(pieces, r.writing);
		expect(blob!.type).toBe('text/csv');
		expect(await blob!.text()).toBe(pieces.join(''));
		expect(blob!.size).toBe(new TextEncoder().encode(pieces.join('')).length);
		// 350 pieces: three full parts with a pause after each, the last 50 without one.
		expect(r.pauses()).toBe(3);
		expect(r.progress).toEqual([100 / 349, 200 / 349, 300 / 349]);
	});

	it('keeps blocks of bytes whole and in order, text before them cut first', async () => {
		async function* mixed() {
			yield 'a,';
			yield new Uint8Array([0x62, 0x2c]);
			yield new Uint8Array(0);
			yield new Uint8Array([0x63]);
			yield ',d\n';
		}
		const r = recorder(0.25);
		const blob = await writeBlob(mixed(), r.writing);
		expect(await blob!.text()).toBe('a,b,c,d\n');
		// 'a,' cut before the first block, each block a part, the empty one only a pause.
		expect(r.pauses()).toBe(4);
		expect(r.progress).toEqual([0.5, 0.5, 0.75, 1]);
	});

	it('stops when a pause says so, closing the pieces, and gives no Blob', async () => {
		let made = 0;
		let closed = false;
		function* rows() {
			try {
				for (;;) {
					made++;
					yield `row ${made}\n`;
				}
			} finally {
				closed = true;
			}
		}
		const r = recorder(0.001, 2);
		expect(await writeBlob(rows(), r.writing)).toBeNull();
		expect(made).toBe(200);
		expect(closed).toBe(true);
	});
});
