import { describe, expect, it } from 'vitest';
import { auc, expectedCalibrationError } from '../../src/lib/engine/metrics/classification';
import {
	calibrationBins,
	evaluationCurves,
	liftTable,
	rocCurve,
	thinCurve,
	trapezoidArea
} from '../../src/lib/engine/metrics/curves';
import { rng } from '../../src/lib/engine/random';

function sample(n: number, seed: number, tieLevels = 0) {
	const next = rng(seed);
	const y: number[] = [];
	const s: number[] = [];
	for (let i = 0; i < n; i++) {
		const label = next() < 0.25 ? 1 : 0;
		let score = label * 0.8 + next();
		if (tieLevels) score = Math.round(score * tieLevels) / tieLevels;
		y.push(label);
		s.push(score);
	}
	return { y, s };
}

describe('rocCurve', () => {
	it('has the rank AUC as its trapezoid area, with and without ties', () => {
		for (const ties of [0, 4]) {
			const { y, s } = sample(2000, 3 + ties, ties);
			expect(trapezoidArea(rocCurve(y, s))).toBeCloseTo(auc(y, s), 10);
		}
	});

	it('runs from (0, 0) to (1, 1) without going back', () => {
		const { y, s } = sample(500, 9);
		const roc = rocCurve(y, s);
		expect(roc[0]).toMatchObject({ fpr: 0, tpr: 0 });
		expect(roc.at(-1)).toMatchObject({ fpr: 1, tpr: 1 });
		for (let k = 1; k < roc.length; k++) {
			expect(roc[k]!.fpr).toBeGreaterThanOrEqual(roc[k - 1]!.fpr);
			expect(roc[k]!.tpr).toBeGreaterThanOrEqual(roc[k - 1]!.tpr);
		}
	});

	it('is empty when one class is absent', () => {
		expect(rocCurve([1, 1], [0.2, 0.4])).toEqual([]);
	});
});

describe('liftTable', () => {
	it('matches a hand-made example', () => {
		// 10 rows, 3 positives; scored so deciles 1 and 2 hold a positive each and decile 5 the third.
		const y = [1, 1, 0, 0, 1, 0, 0, 0, 0, 0];
		const s = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
		const t = liftTable(y, s);
		expect(t.map((r) => r.positives)).toEqual([1, 1, 0, 0, 1, 0, 0, 0, 0, 0]);
		expect(t[0]).toEqual({
			decile: 1,
			rows: 1,
			positives: 1,
			rate: 1,
			lift: 1 / 0.3,
			cumulativeGain: 1 / 3,
			cumulativeShare: 0.1
		});
		expect(t[4]!.cumulativeGain).toBe(1);
		expect(t[2]!.lift).toBe(0);
	});

	it('covers every row once and ends with all positives found', () => {
		const { y, s } = sample(1003, 5);
		const t = liftTable(y, s);
		expect(t.reduce((a, r) => a + r.rows, 0)).toBe(1003);
		expect(
			Math.max(...t.map((r) => r.rows)) - Math.min(...t.map((r) => r.rows))
		).toBeLessThanOrEqual(1);
		expect(t.at(-1)!.cumulativeGain).toBe(1);
		expect(t.at(-1)!.cumulativeShare).toBe(1);
		// An informative score puts more than its share of positives in the top decile.
		expect(t[0]!.lift).toBeGreaterThan(1.5);
	});
});

describe('calibrationBins', () => {
	it('averages predictions and outcomes per bin, and agrees with the ECE', () => {
		const p = [0.05, 0.05, 0.15, 0.95, 1, 0.55];
		const y = [0, 1, 0, 1, 1, 0];
		const bins = calibrationBins(y, p);
		expect(bins.map((b) => [b.lo, b.rows])).toEqual([
			[0, 2],
			[0.1, 1],
			[0.5, 1],
			[0.9, 2]
		]);
		expect(bins[0]).toMatchObject({ meanPredicted: 0.05, observed: 0.5 });
		expect(bins[3]!.meanPredicted).toBeCloseTo(0.975, 12);
		const ece = bins.reduce((a, b) => a + b.rows * Math.abs(b.meanPredicted - b.observed), 0) / 6;
		expect(ece).toBeCloseTo(expectedCalibrationError(y, p), 12);
	});
});

describe('thinCurve and evaluationCurves', () => {
	const next = rng(4);
	const labels = Array.from({ length: 20_000 }, () => (next() < 0.2 ? 1 : 0));
	const p = labels.map((y) => 0.2 * y + 0.8 * next());
	const recency = labels.map((y) => 0.05 * y + next());

	it('thins a long ROC curve to at most 500 points, keeping its ends and its area', () => {
		const full = rocCurve(labels, p);
		const thin = thinCurve(full);
		expect(full.length).toBeGreaterThan(10_000);
		expect(thin).toHaveLength(500);
		expect(thin[0]).toEqual(full[0]);
		expect(thin.at(-1)).toEqual(full.at(-1));
		expect(Math.abs(trapezoidArea(thin) - auc(labels, p))).toBeLessThan(0.002);
		expect(thinCurve(full.slice(0, 10))).toHaveLength(10);
	});
	it('gives the model and the recency rule the same curves the single functions give', () => {
		const c = evaluationCurves(labels, p, recency);
		expect(c.lift.model).toEqual(liftTable(labels, p));
		expect(c.lift.rule).toEqual(liftTable(labels, recency));
		expect(c.calibration).toEqual(calibrationBins(labels, p));
		expect(trapezoidArea(c.roc.rule)).toBeCloseTo(auc(labels, recency), 2);
		expect(trapezoidArea(c.roc.model)).toBeGreaterThan(trapezoidArea(c.roc.rule));
	});
});
