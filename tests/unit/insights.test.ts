import { describe, expect, it } from 'vitest';
import type { FeatureInfo } from '../../src/lib/engine/explain/factors';
import { eventNoun } from '../../src/lib/engine/explain/nouns';
import {
	bucketSummary,
	probabilityHistogram,
	roundUpper
} from '../../src/lib/engine/insights/audience';
import {
	bucketCodes,
	bucketsOf,
	eachColumn,
	column,
	distribution,
	driversByBucket,
	rangeLabels,
	rangeOf,
	valueRanges
} from '../../src/lib/engine/insights/drivers';
import { reasonSegments } from '../../src/lib/engine/insights/segments';
import { rng } from '../../src/lib/engine/random';
import { scoreColumns } from '../../src/lib/engine/scores';
import type { Bucket } from '../../src/lib/engine/types';

const feature = (p: Partial<FeatureInfo>): FeatureInfo => ({
	key: 'k',
	name: 'n',
	unit: 'events',
	kind: 'count',
	noun: eventNoun('commerce.purchases'),
	windowDays: 30,
	transform: 'log1p',
	group: { key: 'g', name: 'G' },
	...p
});

function randomProfiles(n: number, seed = 1) {
	const next = rng(seed);
	const probability = Float32Array.from({ length: n }, () => next() ** 3);
	return { probability, bucket: scoreColumns(probability).bucket };
}

describe('bucketSummary(probability, bucket)', () => {
	it('counts profiles and sums probabilities per bucket, with each bucket’s range', () => {
		const { probability, bucket } = randomProfiles(1000);
		const s = bucketSummary(probability, bucket);
		expect(s.map((b) => b.bucket)).toEqual(['high', 'medium', 'low']);
		for (const b of s) {
			const rows = [...probability].filter((_, i) => bucket[i] === b.bucket);
			expect(b.profiles).toBe(rows.length);
			expect(b.expected).toBeCloseTo(
				rows.reduce((a, p) => a + p, 0),
				6
			);
			expect(b.minProbability).toBe(Math.min(...rows));
			expect(b.maxProbability).toBe(Math.max(...rows));
		}
		expect(s[0]!.minProbability).toBeGreaterThanOrEqual(s[1]!.maxProbability);
	});
	it('marks an empty bucket’s range as unknown', () => {
		const s = bucketSummary([0.2, 0.3], ['low', 'low']);
		expect(s[0]).toMatchObject({ profiles: 0, expected: 0 });
		expect(s[0]!.minProbability).toBeNaN();
	});
});

describe('probabilityHistogram', () => {
	it('puts every profile in exactly one bin, split by its bucket, over a round range', () => {
		const { probability, bucket } = randomProfiles(5000, 2);
		const bins = probabilityHistogram(probability, bucket, 40);
		expect(bins).toHaveLength(40);
		expect(bins.reduce((a, b) => a + b.total, 0)).toBe(5000);
		for (const b of ['high', 'medium', 'low'] as Bucket[])
			expect(bins.reduce((a, x) => a + x.counts[b], 0)).toBe(bucket.filter((y) => y === b).length);
		// Recount one bin by hand.
		const bin = bins[3]!;
		expect(bin.total).toBe([...probability].filter((p) => p >= bin.x0 && p < bin.x1).length);
		expect(bins.at(-1)!.x1).toBe(roundUpper(Math.max(...probability)));
	});
	it('rounds the axis up to a readable end', () => {
		expect([roundUpper(0.004), roundUpper(0.013), roundUpper(0.3), roundUpper(0.9)]).toEqual([
			0.01, 0.02, 0.5, 1
		]);
	});
});

describe('driversByBucket', () => {
	it('ranks features by mean absolute contribution within each bucket', () => {
		const features = [feature({ key: 'a', name: 'A' }), feature({ key: 'b', name: 'B' })];
		// Rows: high, high, low, low. B drives the high bucket, A the low one.
		const contributions = Float32Array.from([0.1, 2, -0.2, 1, -1.5, 0.1, -0.5, -0.1]);
		const d = driversByBucket(features, contributions, ['high', 'high', 'low', 'low'], 2);
		expect(d.high.map((x) => x.key)).toEqual(['b', 'a']);
		expect(d.high[0]!.meanAbs).toBeCloseTo(1.5);
		expect(d.high[0]!.mean).toBeCloseTo(1.5);
		expect(d.low.map((x) => x.key)).toEqual(['a', 'b']);
		expect(d.low[0]!.mean).toBeCloseTo(-1);
		expect(d.medium).toEqual([]);
	});
});

describe('value ranges', () => {
	it('gives a common lowest value a range of its own and labels whole numbers as ranges', () => {
		const values = Float32Array.from([...Array(70).fill(0), 1, 1, 2, 3, 5, 8, 13, 21, 34, 55]);
		const r = valueRanges(values);
		expect(r.edges[0]).toBe(0);
		expect(r.edges[1]).toBe(1);
		expect(r.edges.at(-1)).toBe(55);
		expect(r.integer).toBe(true);
		const labels = rangeLabels(r);
		expect(labels[0]).toBe('0');
		expect(labels.at(-1)).toMatch(/–55$/);
	});
	it('finds the range of a value: [e_k, e_k+1), the last one closed', () => {
		const edges = [0, 1, 5, 10];
		expect([0, 0.5, 1, 4.9, 5, 9.99, 10].map((v) => rangeOf(edges, v))).toEqual([
			0, 0, 1, 1, 2, 2, 2
		]);
		expect(rangeOf([3], 3)).toBe(0);
	});
	it('labels fractional ranges with their open upper end', () => {
		expect(rangeLabels({ edges: [0.5, 1.25, 2], integer: false })).toEqual([
			'0.5 – < 1.25',
			'1.25 – 2'
		]);
	});
});

describe('distribution(features, x, bucket, j)', () => {
	const features = [
		feature({ key: 'n', name: 'Purchases' }),
		feature({ key: 'flag', name: 'Subscriber', unit: 'flag', kind: 'attribute' }),
		feature({ key: 'c1', unit: 'flag', kind: 'category', attribute: 'plan', category: 'gold' }),
		feature({ key: 'c2', unit: 'flag', kind: 'category', attribute: 'plan', category: 'free' })
	];
	// 6 profiles × 4 features.
	const x = Float32Array.from([
		0,
		1,
		1,
		0,
		5,
		1,
		1,
		0,
		9,
		NaN,
		0,
		0,
		0,
		0,
		0,
		1,
		0,
		0,
		0,
		1,
		2,
		0,
		0,
		0
	]);
	const bucket: Bucket[] = ['high', 'high', 'high', 'low', 'low', 'low'];

	it('shares of each bucket sum to one, with a group for missing values', () => {
		const d = distribution(features, x, bucket, 0);
		expect(d.kind).toBe('numeric');
		for (const b of ['high', 'low'] as Bucket[])
			expect(d.groups.reduce((a, g) => a + g.share[b], 0)).toBeCloseTo(1);
		expect(d.median).toMatchObject({ high: 5, low: 0 });
		expect(d.median!.medium).toBeNaN();
		const flag = distribution(features, x, bucket, 1);
		expect(flag.groups.map((g) => g.label)).toEqual(['yes', 'no', 'Missing']);
		expect(flag.groups[0]!.share.high).toBeCloseTo(2 / 3);
		expect(flag.groups[2]!.share.high).toBeCloseTo(1 / 3);
		expect(flag.groups[1]!.share.low).toBe(1);
	});
	it('shows a category with its attribute’s other categories and the rest as Other', () => {
		const d = distribution(features, x, bucket, 3);
		expect(d.kind).toBe('category');
		expect(d.name).toBe('plan');
		expect(d.groups.map((g) => g.label)).toEqual(['gold', 'free', 'Other']);
		expect(d.groups.map((g) => g.share.high)).toEqual([2 / 3, 0, 1 / 3]);
		expect(d.groups.map((g) => g.share.low)).toEqual([0, 2 / 3, 1 / 3]);
	});
});

describe('reasonSegments', () => {
	const features = [
		feature({ key: 'a', name: 'A', kind: 'daysSince', unit: 'days', capDays: 365 }),
		feature({ key: 'b', name: 'B' }),
		feature({ key: 'c', name: 'C' })
	];
	// Five high profiles: dominant a, a, b, none (all ≤ 0), c; one low profile (ignored).
	const contributions = Float32Array.from([
		1, 0.5, 0, 2, -1, 0.1, 0.2, 0.9, 0.3, -0.1, -0.2, 0, 0, 0, 0.4, 3, 3, 3
	]);
	const x = Float32Array.from([10, 0, 0, 20, 0, 0, 5, 1, 0, 1, 1, 1, 2, 2, 2, 0, 0, 0]);
	const probability = [0.9, 0.8, 0.7, 0.6, 0.5, 0.1];
	const bucket: Bucket[] = ['high', 'high', 'high', 'high', 'high', 'low'];

	it('groups the bucket’s profiles by the feature that raises each score most', () => {
		const s = reasonSegments(features, x, contributions, probability, bucket);
		expect(s.map((g) => [g.key, g.profiles])).toEqual([
			['a', 2],
			['b', 1],
			[null, 1],
			['c', 1]
		]);
		expect(s[0]!.expected).toBeCloseTo(1.7);
		expect(s[0]!.meanProbability).toBeCloseTo(0.85);
		expect(s[0]!.medianContribution).toBeCloseTo(1.5);
		expect(s[0]!.typical).toBe('Last purchase 15 days ago');
		expect(s.reduce((a, g) => a + g.profiles, 0)).toBe(5);
	});
	it('merges the smallest segments beyond the limit into one', () => {
		const s = reasonSegments(features, x, contributions, probability, bucket, 'high', 2);
		expect(s).toHaveLength(3);
		expect(s[2]!.name).toBe('Other reasons (2 features)');
		expect(s[2]!.profiles).toBe(2);
	});
});

describe('eachColumn(x, cols, rows, each)', () => {
	it('hands over every column of the matrix, once, in order, whatever the group width', () => {
		const rows = 37;
		const cols = 11;
		const x = Float32Array.from({ length: rows * cols }, (_, k) => (k % 13 === 0 ? NaN : k * 0.25));
		for (const group of [1, 4, 8, 11, 20]) {
			const seen: number[] = [];
			eachColumn(
				x,
				cols,
				rows,
				(j, values) => {
					seen.push(j);
					expect([...values]).toEqual([...column(x, cols, j, rows)]);
				},
				group
			);
			expect(seen).toEqual([...Array(cols).keys()]);
		}
	});
});

describe('bucket codes', () => {
	it('cross back to the same buckets', () => {
		const buckets: Bucket[] = ['low', 'high', 'medium', 'medium', 'low', 'high'];
		expect([...bucketCodes(buckets)]).toEqual([2, 0, 1, 1, 2, 0]);
		expect(bucketsOf(bucketCodes(buckets))).toEqual(buckets);
	});
});
