// NDJSON cut into parts for several readers: every part begins at a line's start, the parts
// cover the file exactly, and the lines before a part are counted right.
import { describe, expect, it } from 'vitest';
import { linesBefore, lineRanges } from '../../src/lib/readers/line-ranges';

const enc = new TextEncoder();

/** Lines of varied length: multi-byte text, CRLF endings, blank lines, a last line without a newline. */
function sample(lines: number): Uint8Array<ArrayBuffer> {
	const out: string[] = [];
	for (let i = 0; i < lines; i++) {
		const body =
			i % 7 === 3
				? ''
				: `{"id":"c${i}","name":"${'é€😀'.repeat(i % 5)}${'x'.repeat((i * 37) % 300)}"}`;
		out.push(body + (i % 4 === 1 ? '\r\n' : '\n'));
	}
	return enc.encode(out.join('') + '{"id":"last"}');
}

describe('lineRanges', () => {
	it('cuts a file into parts that start at lines and cover it exactly', async () => {
		const bytes = sample(2000);
		const file = new Blob([bytes]);
		let checked = 0;
		for (const parts of [1, 2, 3, 4, 7]) {
			const ranges = await lineRanges(file, parts);
			expect(ranges).toHaveLength(parts);
			expect(ranges[0]!.start).toBe(0);
			expect(ranges.at(-1)!.end).toBe(bytes.length);
			for (let k = 0; k < ranges.length; k++) {
				const { start, end } = ranges[k]!;
				expect(end).toBeGreaterThan(start);
				if (k > 0) {
					expect(start).toBe(ranges[k - 1]!.end);
					expect(bytes[start - 1]).toBe(10);
				}
				// Near an equal share of the bytes: within a line (at most about 1 kB here).
				expect(Math.abs(start - Math.floor((bytes.length * k) / parts))).toBeLessThan(1100);
				checked++;
			}
		}
		expect(checked).toBe(17);
	});

	it('gives fewer parts when the file has fewer lines', async () => {
		const one = new Blob([enc.encode(`{"a":"${'x'.repeat(200_000)}"}\n`)]);
		expect(await lineRanges(one, 4)).toEqual([{ start: 0, end: one.size }]);
		// A long first line: the cuts fall after it, one line apart; the last line is a part's.
		const first = `{"a":"${'y'.repeat(200_000)}"}\n`;
		const two = new Blob([enc.encode(first + '{"a":1}\n{"a":2}')]);
		expect(await lineRanges(two, 4)).toEqual([
			{ start: 0, end: first.length },
			{ start: first.length, end: first.length + 8 },
			{ start: first.length + 8, end: two.size }
		]);
	});
});

describe('linesBefore', () => {
	it('counts the newlines before an offset', async () => {
		const bytes = sample(2000);
		const file = new Blob([bytes]);
		let compared = 0;
		for (const offset of [0, 1, 100, 65_535, 65_536, 65_537, 123_457, bytes.length]) {
			const wanted = bytes.subarray(0, offset).filter((b) => b === 10).length;
			expect([offset, await linesBefore(file, offset)]).toEqual([offset, wanted]);
			compared++;
		}
		expect(compared).toBe(8);
		expect(await linesBefore(file, bytes.length)).toBe(2000);
	});
});
