import { describe, expect, it } from 'vitest';
import { NO_GROUPS } from '../../src/lib/engine/explain/profile-groups';
import { NO_FACTORS } from '../../src/lib/engine/explain/profile-factors';
import { backtestFolds, bucketRates, foldResult } from '../../src/lib/engine/metrics/backtest';
import { liftTable } from '../../src/lib/engine/metrics/curves';
import { rng } from '../../src/lib/engine/random';
import { byProbability } from '../../src/lib/engine/scored';
import { scoreColumns } from '../../src/lib/engine/scores';
import {
	bestCount,
	profitAt,
	profitCurve,
	selectedCount,
	selection,
	targeting
} from '../../src/lib/engine/insights/targeting';

function audience(n: number, seed = 3) {
	const next = rng(seed);
	const probability = Float32Array.from({ length: n }, () => next() ** 2);
	const cols = scoreColumns(probability);
	const profiles = {
		customerIds: Array.from({ length: n }, (_, i) => `c${i}`),
		probability,
		...cols,
		factors: NO_FACTORS,
		groups: NO_GROUPS
	};
	return { ...profiles, order: byProbability(profiles) };
}

describe('targeting', () => {
	const a = audience(2000);
	const t = targeting(a.probability, a.score, a.percentile, a.order);

	it('counts the profiles at or above a score or percentile, as a brute-force count does', () => {
		for (const s of [0, 1, 37, 50, 99, 100, 101])
			expect(selectedCount(t, 'score', s)).toBe([...a.score].filter((v) => v >= s).length);
		for (const p of [1, 50, 81, 100])
			expect(selectedCount(t, 'percentile', p)).toBe(
				[...a.percentile].filter((v) => v >= p).length
			);
		expect(selectedCount(t, 'count', 250.4)).toBe(250);
		expect(selectedCount(t, 'count', 1e9)).toBe(2000);
	});
	it('says how many expected goal events the top k hold', () => {
		const k = 300;
		const top = [...a.order.slice(0, k)].map((i) => a.probability[i]!);
		const s = selection(t, k);
		expect(s.expected).toBeCloseTo(
			top.reduce((x, y) => x + y, 0),
			6
		);
		expect(s.capture).toBeCloseTo(s.expected / a.probability.reduce((x, y) => x + y, 0), 6);
		expect(s.minProbability).toBe(Math.min(...top));
		expect(s.share).toBe(0.15);
		expect(selection(t, 0).minProbability).toBeNaN();
	});
	it('finds the count with the highest expected profit, as trying every count does', () => {
		for (const [value, cost] of [
			[100, 20],
			[50, 1],
			[10, 20]
		] as const) {
			let best = 0;
			let top = 0;
			for (let k = 0; k <= t.n; k++) {
				const p = profitAt(t, k, value, cost);
				if (p > top + 1e-9) [best, top] = [k, p];
			}
			expect(bestCount(t, value, cost)).toBe(best);
		}
		// Contacting is worth it exactly while a profile's probability exceeds cost / value.
		const k = bestCount(t, 100, 20);
		expect(t.probability[k - 1]!).toBeGreaterThan(0.2);
		expect(t.probability[k]!).toBeLessThanOrEqual(0.2);
		expect(bestCount(t, 10, 20)).toBe(0);
	});
	it('samples the profit curve from none to all, with the points asked for', () => {
		const c = profitCurve(t, 100, 20, 10, [777]);
		expect(c[0]).toEqual({ k: 0, profit: 0 });
		expect(c.at(-1)!.k).toBe(2000);
		expect(c.map((p) => p.k)).toContain(777);
		expect(c.map((p) => p.k)).toEqual([...c.map((p) => p.k)].sort((x, y) => x - y));
	});
});

describe('backtest', () => {
	const c = (role: 'train' | 'validation' | 'score', t: number) => ({ role, t });
	it('tests every labelled cutoff with two older ones, trained on the cutoffs before its validation', () => {
		const cutoffs = [
			c('train', 1),
			c('train', 2),
			c('train', 3),
			c('validation', 4),
			c('score', 5)
		];
		expect(backtestFolds(cutoffs)).toEqual([
			{ test: 2, validation: 1, training: [0] },
			{ test: 3, validation: 2, training: [0, 1] }
		]);
		expect(backtestFolds(cutoffs.slice(1))).toEqual([{ test: 2, validation: 1, training: [0] }]);
	});
	it('compares expected and actual goal rates per bucket', () => {
		const labels = [1, 1, 0, 0, 0, 1, 0, 0, 0, 0];
		const p = [0.9, 0.8, 0.6, 0.55, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05];
		const r = bucketRates(labels, p);
		expect(r[0]).toMatchObject({ bucket: 'high', profiles: 2, actual: 1 });
		expect(r[0]!.expected).toBeCloseTo(0.85);
		expect(r[1]!.profiles).toBe(3);
		expect(r[1]!.actual).toBe(0);
		expect(r[2]!.actual).toBeCloseTo(0.2);
		expect(r[2]!.expected).toBeCloseTo((0.4 + 0.3 + 0.2 + 0.1 + 0.05) / 5);
	});
	it('reports a fold’s AUC, the recency rule’s and the top-decile lift', () => {
		const next = rng(9);
		const labels = Array.from({ length: 500 }, () => (next() < 0.3 ? 1 : 0));
		const p = labels.map((y) => 0.3 * y + 0.7 * next());
		const recency = labels.map(() => next());
		const f = foldResult(7, labels, p, recency);
		expect(f.rows).toBe(500);
		expect(f.positives).toBe(labels.filter((y) => y === 1).length);
		expect(f.auc).toBeGreaterThan(0.7);
		expect(Math.abs(f.baselineAuc - 0.5)).toBeLessThan(0.1);
		expect(f.topDecileLift).toBe(liftTable(labels, p)[0]!.lift);
	});
});
