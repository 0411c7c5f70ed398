import { describe, expect, it } from 'vitest';
import type { ScoredProfiles } from '../../src/lib/engine/export/csv';
import type { Factor, FeatureInfo } from '../../src/lib/engine/explain/factors';
import { compareFeature, topFactorShares } from '../../src/lib/engine/insights/compare';
import type { GroupFactor } from '../../src/lib/engine/explain/groups';
import { listedGroups } from '../../src/lib/engine/explain/profile-groups';
import { listedFactors } from '../../src/lib/engine/explain/profile-factors';

const f = (over: Partial<FeatureInfo>): FeatureInfo =>
	({
		unit: 'events',
		kind: 'count',
		noun: { one: 'x', many: 'x' },
		transform: 'none',
		...over
	}) as FeatureInfo;

// Three features: a count, and an attribute "plan" as two one-hots (basic, pro).
const features = [
	f({ key: 'n', name: 'Orders' }),
	f({
		key: 'attr:plan=basic',
		name: 'plan is basic',
		unit: 'flag',
		kind: 'category',
		attribute: 'plan',
		category: 'basic'
	}),
	f({
		key: 'attr:plan=pro',
		name: 'plan is pro',
		unit: 'flag',
		kind: 'category',
		attribute: 'plan',
		category: 'pro'
	})
];
// Rows: orders, basic, pro.
const x = Float32Array.from([0, 1, 0, 0, 0, 1, 5, 0, 1, 5, 0, 0, 9, 1, 0, 9, 0, 1]);

describe('segment comparison', () => {
	it('distributes an attribute over its categories in each segment, overlap counted in both', () => {
		// A: rows 0, 1, 2; B: rows 2, 3, 4, 5 (row 2 in both).
		const c = compareFeature(features, x, [0, 1, 2], [2, 3, 4, 5], 2);
		expect(c.kind).toBe('category');
		expect(c.name).toBe('plan');
		expect(c.groups).toEqual([
			{ label: 'basic', a: 1 / 3, b: 1 / 4 },
			{ label: 'pro', a: 2 / 3, b: 2 / 4 },
			{ label: 'Other', a: 0, b: 1 / 4 }
		]);
	});

	it('gives each segment its shares of value ranges and its median', () => {
		const c = compareFeature(features, x, [0, 1], [4, 5], 0);
		expect(c.kind).toBe('numeric');
		expect(c.median).toEqual({ a: 0, b: 9 });
		const total = (side: 'a' | 'b') => c.groups.reduce((s, g) => s + g[side], 0);
		expect(total('a')).toBeCloseTo(1);
		expect(total('b')).toBeCloseTo(1);
		expect(c.groups[0]!.label).toBe('0');
		expect(c.groups[0]!.a).toBe(1);
		expect(c.groups[0]!.b).toBe(0);
	});

	it('shares of profiles by their top factor', () => {
		const p = {
			factors: listedFactors([
				[{ key: 'r', name: 'Recency' } as Factor],
				[{ key: 'r', name: 'Recency' } as Factor],
				[{ key: 'o', name: 'Orders' } as Factor],
				[]
			]),
			groups: listedGroups([
				[{ key: 'spend', name: 'Spend' } as GroupFactor],
				[],
				[{ key: 'recency', name: 'Overall recency' } as GroupFactor],
				[{ key: 'spend', name: 'Spend' } as GroupFactor]
			])
		} as unknown as ScoredProfiles;
		expect(topFactorShares(p, [0, 1, 2], [2, 3])).toEqual([
			{ label: 'Recency', a: 2 / 3, b: 0 },
			{ label: 'Orders', a: 1 / 3, b: 1 / 2 },
			{ label: 'No factor', a: 0, b: 1 / 2 }
		]);
		// By top reason (the profile's largest factor group).
		expect(topFactorShares(p, [0, 1, 2], [2, 3], 8, 'groups')).toEqual([
			{ label: 'Spend', a: 1 / 3, b: 1 / 2 },
			{ label: 'Overall recency', a: 1 / 3, b: 1 / 2 },
			{ label: 'No reason', a: 1 / 3, b: 0 }
		]);
	});
});
