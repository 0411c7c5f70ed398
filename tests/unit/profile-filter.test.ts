import { describe, expect, it } from 'vitest';
import { listedGroups } from '../../src/lib/engine/explain/profile-groups';
import type { ScoredProfiles } from '../../src/lib/engine/export/csv';
import type { Factor } from '../../src/lib/engine/explain/factors';
import type { GroupFactor } from '../../src/lib/engine/explain/groups';
import {
	describeFilter,
	filterRows,
	isNoFilter,
	NO_FILTER,
	rowsSummary,
	sortRows,
	topFactorCounts,
	type SortColumn
} from '../../src/lib/engine/profiles/filter';
import { listedFactors } from '../../src/lib/engine/explain/profile-factors';

const factor = (key: string, name: string): Factor => ({
	key,
	name,
	value: 1,
	contribution: 0.4,
	importance: 'medium',
	direction: 'raises',
	sentence: name
});
const group = (key: string, name: string): GroupFactor => ({
	key,
	name,
	contribution: 0.3,
	importance: 'medium',
	direction: 'raises',
	sentence: name
});
const p: ScoredProfiles = {
	customerIds: ['Ann', 'bob', 'Cid', 'dee'],
	probability: Float32Array.from([0.9, 0.5, 0.2, 0.05]),
	score: Uint8Array.from([100, 53, 18, 0]),
	percentile: Uint8Array.from([100, 75, 50, 25]),
	bucket: ['high', 'medium', 'low', 'low'],
	factors: listedFactors([
		[factor('r', 'Recency')],
		[factor('f', 'Frequency')],
		[factor('r', 'Recency')],
		[]
	]),
	groups: listedGroups([
		[group('recency', 'Overall recency')],
		[group('spend', 'Spend')],
		[group('spend', 'Spend')],
		[]
	])
};
const order = Int32Array.from([0, 1, 2, 3]);

describe('filterRows', () => {
	it('keeps everything without a filter, in the given order', () => {
		expect(Array.from(filterRows(p, Int32Array.from([3, 1, 0, 2]), NO_FILTER))).toEqual([
			3, 1, 0, 2
		]);
		expect(isNoFilter(NO_FILTER)).toBe(true);
	});
	it('combines bucket, score, percentile, top factor and id search', () => {
		const f = (x: Partial<typeof NO_FILTER>) =>
			Array.from(filterRows(p, order, { ...NO_FILTER, ...x }));
		expect(f({ buckets: ['low'] })).toEqual([2, 3]);
		expect(f({ buckets: ['high', 'medium'] })).toEqual([0, 1]);
		expect(f({ score: [18, 53] })).toEqual([1, 2]);
		expect(f({ percentile: [50, 100] })).toEqual([0, 1, 2]);
		expect(f({ topFactor: 'r' })).toEqual([0, 2]);
		expect(f({ search: 'D' })).toEqual([2, 3]);
		expect(f({ topFactor: 'r', buckets: ['low'] })).toEqual([2]);
		expect(f({ topGroup: 'spend' })).toEqual([1, 2]);
		expect(f({ topGroup: 'spend', topFactor: 'r' })).toEqual([2]);
		// An emptied bound in the form is no bound.
		expect(f({ score: [null as unknown as number, 53] })).toEqual([1, 2, 3]);
	});
	it('says what a filter keeps, in words', () => {
		const name = (k: string) => (k === 'r' ? 'Recency' : k);
		expect(describeFilter(NO_FILTER, name)).toBe('all profiles');
		expect(
			describeFilter(
				{ ...NO_FILTER, buckets: ['high'], percentile: [81, 100], topFactor: 'r' },
				name
			)
		).toBe('high bucket · percentile 81–100 · top factor Recency');
		expect(describeFilter({ ...NO_FILTER, topGroup: 'spend', topFactor: 'r' }, name)).toBe(
			'top reason spend · top factor Recency'
		);
	});
});

describe('profiles summaries and order', () => {
	it('counts top factors and sums expected goal events', () => {
		expect(topFactorCounts(p)).toEqual([
			{ key: 'r', name: 'Recency', profiles: 2 },
			{ key: 'f', name: 'Frequency', profiles: 1 }
		]);
		expect(topFactorCounts(p, 'groups')).toEqual([
			{ key: 'spend', name: 'Spend', profiles: 2 },
			{ key: 'recency', name: 'Overall recency', profiles: 1 }
		]);
		// Ties in the order first met, groups by index or not.
		const tied: ScoredProfiles = {
			...p,
			factors: listedFactors([[factor('f', 'Frequency')], [factor('r', 'Recency')], [], []]),
			// Indices recency 0, spend 1, tenure 2; tops met as recency, tenure, spend.
			groups: listedGroups([
				[group('recency', 'Overall recency'), group('spend', 'Spend'), group('tenure', 'Tenure')],
				[group('tenure', 'Tenure')],
				[group('spend', 'Spend')],
				[]
			])
		};
		expect(topFactorCounts(tied).map((c) => c.key)).toEqual(['f', 'r']);
		expect(topFactorCounts(tied, 'groups').map((c) => c.key)).toEqual([
			'recency',
			'tenure',
			'spend'
		]);
		const s = rowsSummary(p, [0, 2]);
		expect(s.profiles).toBe(2);
		expect(s.expected).toBeCloseTo(1.1, 6);
	});
	it('sorts by a column either way, stable', () => {
		expect(Array.from(sortRows(p, order, 'probability', false))).toEqual([3, 2, 1, 0]);
		expect(Array.from(sortRows(p, order, 'customer', false))).toEqual([0, 2, 1, 3]);
		expect(Array.from(sortRows(p, order, 'reason', true))).toEqual([1, 2, 0, 3]);
	});
	it('sorts every column as a comparison sort would, on many rows and any subset', () => {
		const n = 5_000;
		const names = ['Recency', 'Frequency', 'Tenure', 'Value'];
		const big = {
			customerIds: Array.from({ length: n }, (_, i) => `c${(i * 7919) % n}`),
			probability: Float32Array.from({ length: n }, (_, i) => ((i * 37) % 101) / 101),
			score: Uint8Array.from({ length: n }, (_, i) => (i * 37) % 101),
			percentile: Uint8Array.from({ length: n }, (_, i) => 1 + ((i * 13) % 100)),
			bucket: Array.from({ length: n }, (_, i) => (['high', 'medium', 'low'] as const)[i % 3]!),
			groups: listedGroups(
				Array.from({ length: n }, (_, i) =>
					i % 11 === 0 ? [] : [{ name: names[i % 4]!, key: String(i % 4) } as GroupFactor]
				)
			)
		} as unknown as ScoredProfiles;
		const subset = Int32Array.from({ length: n }, (_, i) => n - 1 - i).filter((i) => i % 3 !== 1);
		const rank = { low: 0, medium: 1, high: 2 };
		const keys: Record<SortColumn, (i: number) => number | string> = {
			customer: (i) => big.customerIds[i]!,
			probability: (i) => big.probability[i]!,
			score: (i) => big.score[i]!,
			percentile: (i) => big.percentile[i]!,
			bucket: (i) => rank[big.bucket[i]!],
			reason: (i) => big.groups.of(i)[0]?.name ?? ''
		};
		for (const column of Object.keys(keys) as SortColumn[])
			for (const descending of [false, true]) {
				const key = keys[column];
				const sign = descending ? -1 : 1;
				// Array.prototype.sort is stable: ties keep the subset's order.
				const expected = Array.from(subset).sort((a, b) =>
					key(a) < key(b) ? -sign : key(a) > key(b) ? sign : 0
				);
				expect(
					Array.from(sortRows(big, subset, column, descending)),
					`${column} ${descending}`
				).toEqual(expected);
			}
	});
});
