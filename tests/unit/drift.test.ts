import { describe, expect, it } from 'vitest';
import {
	driftLevel,
	driftReport,
	featureReference,
	featureReferences,
	psi,
	sharesIn
} from '../../src/lib/engine/metrics/drift';
import { rng } from '../../src/lib/engine/random';
import type { FeatureInfo } from '../../src/lib/engine/explain/factors';

function normal(n: number, mean: number, seed: number): Float32Array {
	const r = rng(seed);
	return Float32Array.from({ length: n }, () => {
		const u = Math.max(r(), 1e-12);
		return mean + Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r());
	});
}

const info = (key: string): FeatureInfo =>
	({
		key,
		name: key,
		unit: 'number',
		kind: 'attribute',
		noun: { one: 'x', many: 'x' },
		transform: 'none'
	}) as FeatureInfo;

describe('population stability index', () => {
	it('is the textbook sum over bins', () => {
		// Two bins: 50/50 against 70/30.
		const expected = 0.2 * Math.log(0.7 / 0.5) + -0.2 * Math.log(0.3 / 0.5);
		expect(psi([0.5, 0.5], [0.7, 0.3])).toBeCloseTo(expected, 12);
		expect(psi([0.25, 0.25, 0.5, 0], [0.25, 0.25, 0.5, 0])).toBe(0);
	});

	it('floors empty bins instead of dividing by zero', () => {
		const v = psi([1, 0], [0.5, 0.5]);
		expect(isFinite(v)).toBe(true);
		expect(v).toBeGreaterThan(1);
	});

	it('puts missing values in a bin of their own and counts values beyond the ends', () => {
		const ref = featureReference(Float32Array.from([1, 2, 3, 4, NaN]));
		expect(ref.shares.at(-1)).toBeCloseTo(0.2);
		expect(ref.shares.reduce((s, v) => s + v, 0)).toBeCloseTo(1);
		const shares = sharesIn(ref.edges, Float32Array.from([-10, 100, NaN, NaN]));
		expect(shares[0]).toBeCloseTo(0.25);
		expect(shares.at(-2)).toBeCloseTo(0.25);
		expect(shares.at(-1)).toBeCloseTo(0.5);
	});

	it('is near zero for a new sample of the same population and large for a shifted one', () => {
		const ref = featureReference(normal(20_000, 0, 1));
		const same = psi(ref.shares, sharesIn(ref.edges, normal(20_000, 0, 2)));
		const shifted = psi(ref.shares, sharesIn(ref.edges, normal(20_000, 1, 3)));
		expect(same).toBeLessThan(0.01);
		expect(driftLevel(same)).toBe('stable');
		expect(shifted).toBeGreaterThan(0.25);
		expect(driftLevel(shifted)).toBe('major');
		expect(driftLevel(0.15)).toBe('moderate');
	});

	it('reports every feature of a matrix, the largest shift first', () => {
		const rows = 5_000;
		const a = normal(rows, 0, 4);
		const b = normal(rows, 0, 5);
		const x = new Float32Array(rows * 2);
		for (let i = 0; i < rows; i++) {
			x[i * 2] = a[i]!;
			x[i * 2 + 1] = b[i]!;
		}
		const refs = featureReferences(x, rows, 2);
		// The new data: feature 0 as before, feature 1 half missing.
		const y = x.slice();
		for (let i = 0; i < rows; i += 2) y[i * 2 + 1] = NaN;
		const report = driftReport([info('a'), info('b')], refs, y, rows);
		expect(report.map((d) => d.key)).toEqual(['b', 'a']);
		expect(report[1]!.psi).toBe(0);
		expect(report[0]!.level).toBe('major');
	});
});
