import { describe, expect, it } from 'vitest';
import { MAX_SCROLL_PX, rowWindow, scrollTopFor } from '../../src/lib/ui/profiles/virtual-rows';

describe('virtualised rows', () => {
	it('draws the rows in view, the first at the top, the last at the bottom', () => {
		// 1,000 rows of 50 px in a 500 px viewport: 10 rows in view.
		expect(rowWindow(1_000, 50, 500, 0)).toEqual({ first: 0, count: 10, totalPx: 50_000 });
		expect(rowWindow(1_000, 50, 500, 5_000).first).toBe(Math.round((5_000 / 49_500) * 990));
		expect(rowWindow(1_000, 50, 500, 49_500)).toEqual({ first: 990, count: 10, totalPx: 50_000 });
	});

	it('caps the scroll height for a million rows and still reaches every row', () => {
		const rows = 1_000_000;
		const top = rowWindow(rows, 64, 640, 0);
		expect(top.totalPx).toBe(MAX_SCROLL_PX);
		const bottom = rowWindow(rows, 64, 640, MAX_SCROLL_PX - 640);
		expect(bottom.first + bottom.count).toBe(rows);
		// One pixel of scrollbar moves at most a few rows: the walk down misses none by much.
		const step = rowWindow(rows, 64, 640, 1).first - top.first;
		expect(step).toBeLessThanOrEqual(Math.ceil(rows / (MAX_SCROLL_PX - 640)));
	});

	it('finds the scroll position of a row', () => {
		for (const rows of [40, 1_000, 1_000_000])
			for (const row of [0, 7, Math.floor(rows / 2), rows - 10]) {
				const w = rowWindow(rows, 64, 640, scrollTopFor(row, rows, 64, 640));
				expect(w.first).toBe(Math.min(row, rows - 10));
			}
	});

	it('draws every row when they all fit', () => {
		expect(rowWindow(3, 64, 640, 0)).toEqual({ first: 0, count: 3, totalPx: 192 });
		expect(rowWindow(0, 64, 640, 0).count).toBe(0);
	});
});
