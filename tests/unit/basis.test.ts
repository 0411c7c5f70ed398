import { describe, expect, it } from 'vitest';
import {
	expandBasis,
	featureContribution,
	fitBasis,
	liftWeights,
	SPLINE_QUANTILES
} from '../../src/lib/engine/features/basis';
import type { Matrix } from '../../src/lib/engine/features/transform';
import type { Transform } from '../../src/lib/engine/features/spec';
import { rng } from '../../src/lib/engine/random';

/** 200 rows: a skewed count (some missing), a 0/1 flag, a constant. */
function sample(): Matrix {
	const next = rng(3);
	const rows = 200;
	const data = new Float32Array(rows * 3);
	for (let i = 0; i < rows; i++) {
		data[i * 3] = i % 17 === 0 ? NaN : Math.floor(-Math.log(next()) * 5);
		data[i * 3 + 1] = next() < 0.3 ? 1 : 0;
		data[i * 3 + 2] = 7;
	}
	return { data, rows, cols: 3 };
}

const all = (n: number) => Int32Array.from({ length: n }, (_, i) => i);

describe('fitBasis / expandBasis', () => {
	it('gives hinges only to features with spread, and a missing indicator only where values were missing', () => {
		const m = sample();
		const b = fitBasis(m, ['log1p', 'none', 'none'], all(m.rows), SPLINE_QUANTILES);
		expect(b.knots[0]!.length).toBeGreaterThan(1);
		expect(b.knots[1]).toEqual([]); // binary: no knot strictly inside its range
		expect(b.knots[2]).toEqual([]);
		expect(b.missing).toEqual([true, false, false]);
		expect(b.owner).toEqual([...new Array<number>(1 + b.knots[0]!.length + 1).fill(0), 1, 2]);
		expect(b.kinds.filter((k) => k === 'hinge')).toHaveLength(b.knots[0]!.length);
		// Knots ascend.
		for (let k = 1; k < b.knots[0]!.length; k++)
			expect(b.knots[0]![k]!).toBeGreaterThan(b.knots[0]![k - 1]!);
	});

	it('centres every column on the training rows', () => {
		const m = sample();
		const b = fitBasis(m, ['log1p', 'none', 'none'], all(m.rows), SPLINE_QUANTILES);
		const z = expandBasis(m, b);
		for (let c = 0; c < z.cols; c++) {
			let s = 0;
			for (let i = 0; i < z.rows; i++) s += z.data[i * z.cols + c]!;
			expect(Math.abs(s / z.rows)).toBeLessThan(1e-5);
		}
	});

	it('learns only from the training rows', () => {
		const m = sample();
		const firstHalf = all(100);
		const b = fitBasis(m, ['log1p', 'none', 'none'], firstHalf, SPLINE_QUANTILES);
		const changed = { ...m, data: m.data.slice() };
		for (let i = 100; i < m.rows; i++) changed.data[i * 3] = 1e6;
		expect(fitBasis(changed, ['log1p', 'none', 'none'], firstHalf, SPLINE_QUANTILES)).toEqual(b);
	});

	it("a feature's contribution is the weighted sum of its own centred columns", () => {
		const m = sample();
		const b = fitBasis(m, ['log1p', 'none', 'none'], all(m.rows), SPLINE_QUANTILES);
		const z = expandBasis(m, b);
		const next = rng(9);
		const w = Array.from({ length: z.cols }, () => next() - 0.5);
		for (let i = 0; i < m.rows; i += 13)
			for (let j = 0; j < m.cols; j++) {
				let expected = 0;
				for (let c = 0; c < z.cols; c++)
					if (b.owner[c] === j) expected += w[c]! * z.data[i * z.cols + c]!;
				expect(featureContribution(b, w, j, m.data[i * 3 + j]!)).toBeCloseTo(expected, 5);
			}
	});

	it('without quantiles it is the plain linear model: one column per feature, plus missing indicators', () => {
		const m = sample();
		const b = fitBasis(m, ['log1p', 'none', 'none'], all(m.rows));
		expect(b.kinds).toEqual(['linear', 'missing', 'linear', 'linear']);
	});

	it("lifts a linear basis's weights into the spline basis without changing any row's logit", () => {
		const m = sample();
		const transforms: Transform[] = ['log1p', 'none', 'none'];
		const linear = fitBasis(m, transforms, all(150));
		const spline = fitBasis(m, transforms, all(150), SPLINE_QUANTILES, linear.standardiser);
		const next = rng(5);
		const w = Array.from({ length: linear.owner.length }, () => next() - 0.5);
		const lifted = liftWeights(linear, w, spline);
		expect(lifted).toHaveLength(spline.owner.length);
		// Every hinge starts at zero; the other columns carry the linear weights.
		spline.kinds.forEach((k, c) => k === 'hinge' && expect(lifted[c]).toBe(0));
		const a = expandBasis(m, linear);
		const b = expandBasis(m, spline);
		for (let i = 0; i < m.rows; i++) {
			let za = 0;
			let zb = 0;
			for (let c = 0; c < a.cols; c++) za += w[c]! * a.data[i * a.cols + c]!;
			for (let c = 0; c < b.cols; c++) zb += lifted[c]! * b.data[i * b.cols + c]!;
			expect(zb).toBeCloseTo(za, 5);
		}
	});
});
