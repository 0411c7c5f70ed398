// Factor groups: every feature of a plan in exactly one group named for what it measures, group
// contributions that are the exact sums of their members', and sentences that read right.
import { describe, expect, it } from 'vitest';
import { featureInfo, type FeatureInfo } from '../../src/lib/engine/explain/factors';
import { groupExplainer } from '../../src/lib/engine/explain/groups';
import { factorGroup, grouping } from '../../src/lib/engine/features/groups';
import { planFeatures, type FeaturePlanInput } from '../../src/lib/engine/features/spec';
import { rng } from '../../src/lib/engine/random';
import { groupInsights } from '../../src/lib/engine/insights/group-insights';
import type { Bucket } from '../../src/lib/engine/types';

const rich: FeaturePlanInput = {
	lookbackDays: 180,
	eventTypes: ['commerce.productListAdds', 'commerce.purchases', 'odd:type'],
	customEvents: [{ name: 'Big order', when: { all: [] } }],
	hasValue: true,
	hasTime: true,
	attributes: [
		{ column: { name: 'tier', type: 'VARCHAR' }, categories: ['gold', 'silver'] },
		{ column: { name: 'age', type: 'INTEGER' }, categories: [] },
		{ column: { name: 'signup', type: 'DATE' }, categories: [] }
	]
};
const features = planFeatures(rich).map(featureInfo);
const byKey = (key: string) => features.find((f) => f.key === key)!;

describe('factor groups of a feature plan', () => {
	it('puts every feature in exactly one group, each named for what it measures', () => {
		const g = grouping(features);
		const placed = g.members.flat().sort((a, b) => a - b);
		expect(placed).toEqual(features.map((_, j) => j));
		features.forEach((f, j) => expect(g.groups[g.of[j]!]!.key).toBe(f.group.key));
		expect(g.groups.map((x) => [x.key, x.name])).toEqual([
			['activity', 'Overall activity'],
			['recency', 'Overall recency'],
			['spend', 'Spend'],
			['rhythm', 'Visit rhythm'],
			['type:commerce.productListAdds', 'Cart add activity'],
			['type:commerce.purchases', 'Purchase activity'],
			['type:odd:type', '"odd:type" event activity'],
			['custom:Big order', 'Big order'],
			['attr:tier', 'Tier'],
			['attr:age', 'Age'],
			['attr:signup', 'Sign-up']
		]);
	});

	it('keeps an event type’s counts, recency, rhythm and value together', () => {
		const cart = features.filter((f) => f.group.key === 'type:commerce.productListAdds');
		expect(cart.map((f) => f.key.split(':').at(-1))).toEqual([
			'count_7d',
			'count_30d',
			'count_90d',
			'count_180d',
			'days_since_last',
			'days_since_first',
			'active_days',
			'trend_30d',
			'value_mean',
			'value_sum'
		]);
		expect(byKey('days_since_last').group.key).toBe('recency');
		expect(byKey('overdue_ratio').group.key).toBe('recency');
		expect(byKey('count_7d').group.key).toBe('activity');
		expect(byKey('gap_mean').group.key).toBe('rhythm');
		expect(byKey('value_sum').group.key).toBe('spend');
		expect(byKey('attr:tier=gold').group).toEqual(byKey('attr:tier=silver').group);
		expect(byKey('attr:signup:days_since').group.key).toBe('attr:signup');
	});

	it('follows from the plan alone, so a saved plan gives the same groups', () => {
		const again = planFeatures(JSON.parse(JSON.stringify(rich)) as FeaturePlanInput);
		expect(again.map((f) => f.group)).toEqual(features.map((f) => f.group));
		// Without names, an event type's group is named from its noun, an attribute's by its column.
		for (const f of features.filter((f) => !f.attribute)) expect(factorGroup(f)).toEqual(f.group);
		expect(factorGroup(byKey('attr:tier=gold')).name).toBe('tier');
	});

	it('takes the names the user gave event types and attributes', () => {
		const named = planFeatures({
			...rich,
			names: [
				{ kind: 'event', key: 'commerce.productListAdds', name: 'Basket add' },
				{ kind: 'attribute', key: 'tier', name: 'Membership level' },
				{ kind: 'attribute', key: 'signup', name: 'Joined' },
				{ kind: 'attribute', key: 'nope', name: 'Unused' }
			]
		}).map(featureInfo);
		const at = (key: string) => named.find((f) => f.key === key)!;
		expect(at('type:commerce.productListAdds:count_7d').name).toBe(
			'Basket add events in the last 7 days'
		);
		expect(at('type:commerce.productListAdds:count_7d').group.name).toBe('Basket add');
		expect(at('attr:tier=gold').name).toBe('Membership level is gold');
		expect(at('attr:tier=gold').group.name).toBe('Membership level');
		expect(at('attr:signup:days_since').name).toBe('Days since Joined');
		// Keys stay as they were: models, segments and exports still find their features.
		expect(named.map((f) => f.key)).toEqual(features.map((f) => f.key));
	});
});

/** One profile's row: values and contributions by feature key (others 0). */
function row(values: Record<string, number>, contributions: Record<string, number>) {
	const x = Float32Array.from(features, (f) => values[f.key] ?? 0);
	const c = Float32Array.from(features, (f) => contributions[f.key] ?? 0);
	return { x, c };
}

describe('a profile’s factor groups', () => {
	const explain = groupExplainer(features);

	it('sums each group’s members exactly, and the groups add up to the features’ total', () => {
		const next = rng(7);
		const rows = 50;
		const cols = features.length;
		const c = Float32Array.from({ length: rows * cols }, () => (next() - 0.5) * 2);
		const x = Float32Array.from({ length: rows * cols }, () => Math.floor(next() * 5));
		let compared = 0;
		for (let r = 0; r < rows; r++) {
			const sums = explain.sums(c, r);
			const total = features.reduce((s, _, j) => s + c[r * cols + j]!, 0);
			expect(sums.reduce((a, b) => a + b, 0)).toBeCloseTo(total, 9);
			explain.grouping.groups.forEach((g, i) => {
				const own = features.reduce(
					(s, f, j) => (f.group.key === g.key ? s + c[r * cols + j]! : s),
					0
				);
				expect(sums[i]).toBe(own);
				compared++;
			});
			const top = explain.top(x, c, r, 3);
			const sizes = Array.from(sums, Math.abs).sort((a, b) => b - a);
			expect(top.map((t) => Math.abs(t.contribution))).toEqual(sizes.slice(0, 3));
		}
		expect(compared).toBe(rows * explain.grouping.groups.length);
	});

	it('conversion: joins the strongest facts that raise the score', () => {
		const { x, c } = row(
			{
				'type:commerce.productListAdds:count_7d': 3,
				'type:commerce.productListAdds:days_since_last': 2,
				'type:commerce.productListAdds:count_180d': 4
			},
			{
				'type:commerce.productListAdds:count_7d': 0.9,
				'type:commerce.productListAdds:days_since_last': 0.4,
				'type:commerce.productListAdds:count_180d': -0.2,
				days_since_last: 0.1
			}
		);
		const [top, next] = explain.top(x, c, 0, 2);
		expect(top).toMatchObject({
			key: 'type:commerce.productListAdds',
			name: 'Cart add activity',
			direction: 'raises',
			importance: 'high',
			sentence: '3 cart adds in the last 7 days, last cart add 2 days ago'
		});
		expect(top!.contribution).toBeCloseTo(1.1, 6);
		expect(next!.key).toBe('recency');
	});

	it('churn: says "none" once, with the widest window', () => {
		const { x, c } = row(
			{
				'type:commerce.purchases:count_30d': 0,
				'type:commerce.purchases:count_90d': 0,
				'type:commerce.purchases:days_since_last': 180,
				'type:commerce.purchases:trend_30d': -2
			},
			{
				'type:commerce.purchases:count_30d': 0.7,
				'type:commerce.purchases:count_90d': 0.5,
				'type:commerce.purchases:days_since_last': 0.3,
				'type:commerce.purchases:trend_30d': 0.2
			}
		);
		const [top] = explain.top(x, c, 0, 1);
		expect(top).toMatchObject({
			name: 'Purchase activity',
			direction: 'raises',
			sentence:
				'No purchase in the last 180 days, 2 fewer purchases in the last 30 days than in the 30 before'
		});
	});

	it('lowers: the facts that lower it, not the member that pulls the other way', () => {
		const { x, c } = row(
			{ days_since_last: 40, days_since_first: 170, overdue_ratio: 3.2 },
			{ days_since_last: -0.8, days_since_first: 0.45, overdue_ratio: -0.1 }
		);
		const [top] = explain.top(x, c, 0, 1);
		expect(top).toMatchObject({
			key: 'recency',
			direction: 'lowers',
			importance: 'medium',
			sentence: 'Last event 40 days ago, last event 3.2× the usual gap ago'
		});
	});

	it('a one-hot attribute reads as the category the profile has', () => {
		const { x, c } = row(
			{ 'attr:tier=gold': 0, 'attr:tier=silver': 1 },
			{ 'attr:tier=gold': -0.6, 'attr:tier=silver': 0.1 }
		);
		const [top] = explain.top(x, c, 0, 1);
		expect(top).toMatchObject({
			key: 'attr:tier',
			sentence: 'Tier is silver',
			direction: 'lowers'
		});
	});

	it('keeps the case of a name from the data after the comma', () => {
		const custom = features.filter((f: FeatureInfo) => f.group.key === 'custom:Big order');
		const { x, c } = row(
			{ [custom[0]!.key]: 2, 'custom:Big order:active_days': 2 },
			{ [custom[0]!.key]: 0.5, 'custom:Big order:active_days': 0.3 }
		);
		expect(explain.top(x, c, 0, 1)[0]!.sentence).toBe(
			'2 Big order events in the last 7 days, Big order events on 2 days of the last 180 days'
		);
	});
});

describe('per bucket, by factor group', () => {
	const next = rng(11);
	const rows = 400;
	const cols = features.length;
	const c = Float32Array.from({ length: rows * cols }, () => (next() - 0.45) * 0.4);
	const x = Float32Array.from({ length: rows * cols }, () => Math.floor(next() * 4));
	const bucket = Array.from({ length: rows }, (_, i) =>
		i % 5 === 0 ? 'high' : i % 2 ? 'medium' : 'low'
	) as Bucket[];
	const probability = Float32Array.from({ length: rows }, () => next());
	const explain = groupExplainer(features);
	const sums = Array.from({ length: rows }, (_, r) => explain.sums(c, r));
	const out = groupInsights(features, x, c, probability, bucket, 5, 100);

	it('ranks groups by their mean absolute sum in each bucket', () => {
		for (const b of ['high', 'medium', 'low'] as const) {
			const mine = sums.filter((_, r) => bucket[r] === b);
			const meanAbs = explain.grouping.groups.map(
				(_, g) => mine.reduce((s, row) => s + Math.abs(row[g]!), 0) / mine.length
			);
			const expected = [...meanAbs].sort((p, q) => q - p).slice(0, 5);
			expect(out.drivers[b].map((d) => d.meanAbs)).toEqual(expected);
			for (const d of out.drivers[b])
				expect(explain.grouping.groups.map((g) => g.key)).toContain(d.key);
		}
	});

	it('splits the high bucket by the group that raises each score most', () => {
		const high = bucket.filter((b) => b === 'high').length;
		expect(out.segments.reduce((s, seg) => s + seg.profiles, 0)).toBe(high);
		const counts = new Map<string | null, number>();
		sums.forEach((row, r) => {
			if (bucket[r] !== 'high') return;
			let best = -1;
			row.forEach((v, g) => {
				if (v > 0 && (best < 0 || v > row[best]!)) best = g;
			});
			const key = best < 0 ? null : explain.grouping.groups[best]!.key;
			counts.set(key, (counts.get(key) ?? 0) + 1);
		});
		expect(new Map(out.segments.map((s) => [s.key, s.profiles]))).toEqual(counts);
		for (const s of out.segments) if (s.key) expect(s.typical.length).toBeGreaterThan(3);
	});
});
