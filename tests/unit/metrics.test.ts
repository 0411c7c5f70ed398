import { describe, expect, it } from 'vitest';
import { fitPlatt } from '../../src/lib/engine/metrics/calibration';
import {
	auc,
	bootstrapAuc,
	brier,
	expectedCalibrationError,
	gradeAuc,
	logLoss,
	median,
	sigmoid
} from '../../src/lib/engine/metrics/classification';
import { rng } from '../../src/lib/engine/random';

describe('auc(labels, scores)', () => {
	it('is 1 for a perfect ranking and 0 for a reversed one', () => {
		expect(auc([0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9])).toBe(1);
		expect(auc([1, 1, 0, 0], [0.1, 0.2, 0.8, 0.9])).toBe(0);
	});
	it('counts ties as one half', () => {
		expect(auc([0, 1], [0.5, 0.5])).toBe(0.5);
		expect(auc([0, 1, 0, 1], [0.1, 0.4, 0.4, 0.9])).toBe(0.875);
	});
	it('is NaN when one class is missing', () => {
		expect(auc([1, 1], [0.2, 0.3])).toBeNaN();
	});
	it('agrees with the pairwise definition on random data', () => {
		const r = rng(1);
		const y = Array.from({ length: 300 }, () => (r() < 0.3 ? 1 : 0));
		const s = Array.from({ length: 300 }, () => Math.round(r() * 20) / 20);
		let wins = 0;
		let pairs = 0;
		for (let i = 0; i < y.length; i++)
			for (let j = 0; j < y.length; j++)
				if (y[i] === 1 && y[j] === 0) {
					pairs++;
					wins += s[i]! > s[j]! ? 1 : s[i] === s[j] ? 0.5 : 0;
				}
		expect(auc(y, s)).toBeCloseTo(wins / pairs, 12);
	});
	it('does not depend on the order of the rows, with many ties and float32 scores', () => {
		const r = rng(4);
		const n = 5000;
		const y = Array.from({ length: n }, () => (r() < 0.2 ? 1 : 0));
		const s = Float32Array.from({ length: n }, () => Math.round(r() * 50) / 7);
		const order = Array.from({ length: n }, (_, i) => i).sort(() => r() - 0.5);
		const shuffled = auc(
			order.map((i) => y[i]!),
			order.map((i) => s[i]!)
		);
		expect(shuffled).toBe(auc(y, s));
		// Against the rank-sum formula (mean ranks for ties).
		const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => s[a]! - s[b]!);
		let rankSum = 0;
		let p = 0;
		for (let i = 0; i < n;) {
			let j = i;
			while (j + 1 < n && s[idx[j + 1]!] === s[idx[i]!]) j++;
			for (let k = i; k <= j; k++)
				if (y[idx[k]!] === 1) {
					p++;
					rankSum += (i + j) / 2 + 1;
				}
			i = j + 1;
		}
		expect(auc(y, s)).toBeCloseTo((rankSum - (p * (p + 1)) / 2) / (p * (n - p)), 12);
	});
});

describe('logLoss, brier', () => {
	it('match hand-computed values', () => {
		expect(logLoss([1, 0], [0.8, 0.4])).toBeCloseTo(-(Math.log(0.8) + Math.log(0.6)) / 2, 12);
		expect(brier([1, 0], [0.8, 0.4])).toBeCloseTo((0.04 + 0.16) / 2, 12);
	});
	it('logLoss stays finite at 0 and 1', () => {
		expect(isFinite(logLoss([1, 0], [0, 1]))).toBe(true);
	});
});

describe('fitPlatt', () => {
	it('recovers the slope and intercept that generated the labels', () => {
		const r = rng(7);
		const z: number[] = [];
		const y: number[] = [];
		for (let i = 0; i < 20000; i++) {
			const x = (r() - 0.5) * 8;
			z.push(x);
			y.push(r() < sigmoid(0.5 * x - 1) ? 1 : 0);
		}
		const p = fitPlatt(y, z);
		expect(p.a).toBeCloseTo(0.5, 1);
		expect(p.b).toBeCloseTo(-1, 1);
	});
});

describe('gradeAuc', () => {
	it('grades and advises below 0.65', () => {
		expect(gradeAuc(0.9).grade).toBe('excellent');
		expect(gradeAuc(0.7)).toEqual({ grade: 'fair', advice: null });
		expect(gradeAuc(0.6).grade).toBe('poor');
		for (const advice of [/shorter outcome window/, /narrower eligible population/, /more history/])
			expect(gradeAuc(0.6).advice).toMatch(advice);
		expect(gradeAuc(0.65).advice).toBeNull();
	});
});

describe('expectedCalibrationError', () => {
	it("is 0 when each bin's mean prediction equals its observed rate", () => {
		// Bin 0.2–0.3: predictions 0.25, half positive → |0.25·4 − 1| = 0; bin 0.7–0.8: 0.75, 3 of 4.
		const p = [0.25, 0.25, 0.25, 0.25, 0.75, 0.75, 0.75, 0.75];
		const y = [1, 0, 0, 0, 1, 1, 1, 0];
		expect(expectedCalibrationError(y, p)).toBeCloseTo(0, 12);
	});

	it('weights each bin by its rows', () => {
		// Bin 0.9: 2 rows predicted 0.9, none positive → 1.8; bin 0.1: 6 rows at 0.1, 3 positive → 2.4.
		const p = [0.9, 0.9, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1];
		const y = [0, 0, 1, 1, 1, 0, 0, 0];
		expect(expectedCalibrationError(y, p)).toBeCloseTo((1.8 + 2.4) / 8, 12);
	});
});

describe('bootstrapAuc', () => {
	function noisy(n: number, seed: number) {
		const next = rng(seed);
		const y: number[] = [];
		const s: number[] = [];
		for (let i = 0; i < n; i++) {
			const label = next() < 0.3 ? 1 : 0;
			y.push(label);
			s.push(label + 1.2 * (next() - 0.5) * 2);
		}
		return { y, s };
	}

	it('brackets the sample AUC, and narrows as the sample grows', () => {
		const small = noisy(120, 1);
		const large = noisy(3000, 1);
		const [lo, hi] = bootstrapAuc(small.y, small.s, rng(2));
		const a = auc(small.y, small.s);
		expect(lo).toBeLessThan(a);
		expect(hi).toBeGreaterThan(a);
		const [lo2, hi2] = bootstrapAuc(large.y, large.s, rng(2));
		expect(hi2 - lo2).toBeLessThan((hi - lo) / 2);
	});

	it('is the same for the same seed', () => {
		const { y, s } = noisy(200, 4);
		expect(bootstrapAuc(y, s, rng(5))).toEqual(bootstrapAuc(y, s, rng(5)));
	});
});

describe('median(xs)', () => {
	it('is the middle value, or the mean of the two middle ones, whatever the order', () => {
		expect(median([5, 1, 3])).toBe(3);
		expect(median(Float32Array.from([4, 1, 3, 2]))).toBe(2.5);
		expect(median([10, -2])).toBe(4);
		expect(median([])).toBeNaN();
	});
});
