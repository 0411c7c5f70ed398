// The Data step's capacity warning: DuckDB's sizes read right, and the warning says the sizes
// and what to do exactly when the events pass the share of the limit.
import { describe, expect, it } from 'vitest';
import {
	capacityWarning,
	CAPACITY_WARNING_SHARE,
	parseDbSize
} from '../../src/lib/engine/ingest/capacity';
import { epochsLeftAtMost, stepProgress } from '../../src/lib/engine/progress';
import { fmtLeft } from '../../src/lib/ui/format';

describe('capacity', () => {
	it('reads DuckDB sizes in binary and decimal units', () => {
		expect(parseDbSize('3.1 GiB')).toBeCloseTo(3.1 * 2 ** 30);
		expect(parseDbSize('512.0 MiB')).toBe(512 * 2 ** 20);
		expect(parseDbSize('100.0 MB')).toBe(1e8);
		expect(parseDbSize('0 bytes')).toBe(0);
		expect(parseDbSize('lots')).toBeNaN();
		expect(parseDbSize('3 parsecs')).toBeNaN();
	});

	it('warns past the share of the limit, with the sizes and what to do', () => {
		const limitBytes = 3.1 * 2 ** 30;
		const at = CAPACITY_WARNING_SHARE * limitBytes;
		expect(capacityWarning({ usedBytes: at, limitBytes })).toBeNull();
		const warning = capacityWarning({ usedBytes: at + 1e6, limitBytes });
		expect(warning).toContain(`take ${((at + 1e6) / 1e9).toFixed(1)} GB of the 3.3 GB`);
		expect(warning).toMatch(/shorter period/);
		expect(warning).toMatch(/sample of\s+customers/);
		// An unreadable limit says nothing rather than something wrong.
		expect(capacityWarning({ usedBytes: 5e9, limitBytes: NaN })).toBeNull();
	});
});

describe('progress estimates', () => {
	it('estimates time left from the steps done, none before the first', () => {
		expect(stepProgress(1000, 5000, 0, 4)).toEqual({ done: 0, total: 4, leftMs: null });
		expect(stepProgress(1000, 5000, 1, 4).leftMs).toBe(12_000);
		expect(stepProgress(1000, 5000, 2, 4).leftMs).toBe(4_000);
		expect(stepProgress(1000, 5000, 4, 4).leftMs).toBe(0);
	});

	it('bounds the epochs left by the best epoch plus the patience, and by the maximum', () => {
		const fit = (losses: number[]) => losses.map((valLoss, i) => ({ epoch: i + 1, valLoss }));
		expect(epochsLeftAtMost([], 300, 100)).toBe(300);
		// Best at epoch 3 of 5: it stops by epoch 103.
		expect(epochsLeftAtMost(fit([0.9, 0.8, 0.7, 0.75, 0.72]), 300, 100)).toBe(98);
		// Still improving at epoch 250: the maximum of 300 comes first.
		const improving = fit(Array.from({ length: 250 }, (_, i) => 1 - i / 1000));
		expect(epochsLeftAtMost(improving, 300, 100)).toBe(50);
		// Past its patience (the fit is about to stop): nothing left, never negative.
		expect(epochsLeftAtMost(fit([0.5, ...Array<number>(120).fill(0.6)]), 300, 100)).toBe(0);
	});

	it('says time left as a person would', () => {
		expect(fmtLeft(200)).toBe('about 1 s left');
		expect(fmtLeft(40_400)).toBe('about 40 s left');
		expect(fmtLeft(150_000)).toBe('about 3 min left');
	});
});
