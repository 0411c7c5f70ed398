import { describe, expect, it } from 'vitest';
import { importanceOf, topFactors, type FeatureInfo } from '../../src/lib/engine/explain/factors';
import { eventNoun } from '../../src/lib/engine/explain/nouns';
import { factorSentence } from '../../src/lib/engine/explain/sentence';
import { waterfall } from '../../src/lib/engine/explain/waterfall';

const purchase = eventNoun('commerce.purchases');
const f = (p: Partial<FeatureInfo>): FeatureInfo => ({
	key: 'k',
	name: 'n',
	unit: 'events',
	kind: 'count',
	noun: purchase,
	transform: 'log1p',
	...p
});

describe('factorSentence(feature, value)', () => {
	it.each([
		[f({ kind: 'count', windowDays: 30 }), 0, 'No purchase in the last 30 days'],
		[f({ kind: 'count', windowDays: 7 }), 1, '1 purchase in the last 7 days'],
		[
			f({ kind: 'count', windowDays: 7, noun: eventNoun('commerce.productViews') }),
			3,
			'3 product views in the last 7 days'
		],
		[
			f({ kind: 'count', windowDays: 30, noun: eventNoun('signup') }),
			2,
			'2 "signup" events in the last 30 days'
		],
		[f({ kind: 'daysSince', capDays: 180 }), 45.6, 'Last purchase 45 days ago'],
		[f({ kind: 'daysSince', capDays: 180 }), 180, 'No purchase in the last 180 days'],
		[f({ kind: 'daysSince', capDays: 180 }), 0.3, 'Last purchase on the last day'],
		[
			f({ kind: 'valueSum', windowDays: 365 }),
			1234.5,
			'Total value of purchases in the last 365 days: 1,235'
		],
		[
			f({ kind: 'trend', windowDays: 30 }),
			-4,
			'4 fewer purchases in the last 30 days than in the 30 before'
		],
		[f({ kind: 'category', attribute: 'plan', category: 'pro' }), 1, 'plan is pro'],
		[f({ kind: 'category', attribute: 'plan', category: 'pro' }), 0, 'plan is not pro'],
		[f({ kind: 'attribute', name: 'age' }), 31, 'age is 31'],
		[f({ kind: 'gap', capDays: 180, windowDays: 180 }), 6.6, 'Active every 7 days on average'],
		[
			f({ kind: 'gap', capDays: 180, windowDays: 180 }),
			180,
			'Active on at most one day in the last 180 days'
		],
		[
			f({
				kind: 'share',
				windowDays: 90,
				noun: { one: 'event on weekends', many: 'events on weekends' }
			}),
			0.25,
			'25 % of events on weekends (last 90 days)'
		]
	])('%#: %s', (feature, value, sentence) => {
		expect(factorSentence(feature, value)).toBe(sentence);
	});
});

describe('topFactors', () => {
	it('picks the largest contributions by size, with direction and importance', () => {
		const features = [
			f({ key: 'a', windowDays: 7 }),
			f({ key: 'b', windowDays: 30 }),
			f({ key: 'c', windowDays: 90 })
		];
		const x = Float32Array.from([1, 0, 5, 2, 2, 2]);
		const c = Float32Array.from([0.1, -0.9, 0.3, 0, 0, 0]);
		const top = topFactors(features, x, c, 0, 2);
		expect(top.map((t) => t.key)).toEqual(['b', 'c']);
		expect(top[0]).toMatchObject({
			direction: 'lowers',
			importance: 'high',
			sentence: 'No purchase in the last 30 days'
		});
		expect(top[1]).toMatchObject({ direction: 'raises', importance: 'medium' });
	});
	it('defines importance levels by log-odds', () => {
		expect([importanceOf(0.6), importanceOf(-0.2), importanceOf(0.05)]).toEqual([
			'high',
			'medium',
			'low'
		]);
	});
});

describe('waterfall', () => {
	const features = ['a', 'b', 'c', 'd'].map((k) => ({ key: k, name: k.toUpperCase() }));
	it('walks from the baseline to the logit, largest steps first, the rest merged', () => {
		const w = waterfall(features, [0.1, -2, 0.5, 0.05], -1, 2);
		expect(w.steps.map((s) => s.name)).toEqual(['B', 'C', '2 other features']);
		expect(w.steps[0]).toMatchObject({ from: -1, to: -3, contribution: -2 });
		expect(w.steps[2]!.contribution).toBeCloseTo(0.15);
		expect(w.logit).toBeCloseTo(-1 + 0.1 - 2 + 0.5 + 0.05);
		expect(w.steps.at(-1)!.to).toBeCloseTo(w.logit);
	});
	it('shows every feature when there are few', () => {
		expect(waterfall(features, [1, 1, 1, 1], 0).steps).toHaveLength(4);
	});
});
