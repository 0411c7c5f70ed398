import { describe, expect, it } from 'vitest';
import {
	importanceOf,
	sentences,
	topFactors,
	type FeatureInfo
} from '../../src/lib/engine/explain/factors';
import { listedFactors, profileFactors } from '../../src/lib/engine/explain/profile-factors';
import { rng } from '../../src/lib/engine/random';
import { eventNoun } from '../../src/lib/engine/explain/nouns';
import { factorSentence } from '../../src/lib/engine/explain/sentence';
import {
	groupWaterfall,
	membersWaterfall,
	waterfall
} from '../../src/lib/engine/explain/waterfall';

const purchase = eventNoun('commerce.purchases');
const plan = { key: 'attr:plan', name: 'Plan' };
const f = (p: Partial<FeatureInfo>): FeatureInfo => ({
	key: 'k',
	name: 'n',
	unit: 'events',
	kind: 'count',
	noun: purchase,
	transform: 'log1p',
	group: { key: 'g', name: 'G' },
	...p
});

describe('factorSentence(feature, value)', () => {
	it('writes whole numbers as the en-US formatter does, grouping from a thousand', () => {
		const format = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
		for (const n of [-2500, -1000, -999, -1, 0, 1, 7, 999, 1000, 12345])
			expect(factorSentence(f({ kind: 'trend' }), n)).toContain(
				n === 0 ? 'As many' : `${format.format(Math.abs(n))} ${n > 0 ? 'more' : 'fewer'}`
			);
		expect(factorSentence(f({ kind: 'distinctTypes', windowDays: 30 }), 1234)).toBe(
			'1,234 different event types in the last 30 days'
		);
	});

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
			'2 sign-up events in the last 30 days'
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
		[f({ kind: 'category', attribute: 'plan', category: 'pro', group: plan }), 1, 'Plan is pro'],
		[
			f({ kind: 'category', attribute: 'plan', category: 'pro', group: plan }),
			0,
			'Plan is not pro'
		],
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
	/** Seeded rows of small whole values and coarse contributions: many rows have ties of equal
	 * size and of opposite sign. */
	function tiedRows(seed: number, cols: number, rows: number) {
		const next = rng(seed);
		return {
			features: Array.from({ length: cols }, (_, j) => f({ key: `f${j}`, windowDays: 30 })),
			x: Float32Array.from({ length: rows * cols }, () => Math.floor(next() * 4)),
			c: Float32Array.from({ length: rows * cols }, () => Math.round((next() - 0.5) * 6) / 4)
		};
	}
	it('keeps the k largest in one pass exactly as a stable sort by size would, ties included', () => {
		const cols = 12;
		const rows = 500;
		const { features, x, c } = tiedRows(5, cols, rows);
		const memo = sentences(features);
		for (let r = 0; r < rows; r++)
			for (const k of [1, 3, 5, cols]) {
				const expected = Array.from({ length: cols }, (_, j) => j)
					.sort((a, b) => Math.abs(c[r * cols + b]!) - Math.abs(c[r * cols + a]!))
					.slice(0, k)
					.map((j) => `f${j}`);
				expect(topFactors(features, x, c, r, k).map((t) => t.key)).toEqual(expected);
				// Memoised sentences are the same sentences.
				expect(topFactors(features, x, c, r, k, memo)).toEqual(topFactors(features, x, c, r, k));
			}
	});
	it("keeps each profile's factors small: its top feature, and the same factors made when asked", () => {
		const rows = 400;
		const { features, x, c } = tiedRows(11, 9, rows);
		const factors = profileFactors(features, x, c, rows, 3);
		expect(factors.top.every((t) => t === -1)).toBe(true);
		// Filled in slices of uneven size, as the page does between pauses.
		for (let start = 0; start < rows; start += 37) factors.fill(start, Math.min(rows, start + 37));
		let compared = 0;
		for (let r = 0; r < rows; r++) {
			const made = factors.of(r);
			expect(made).toEqual(topFactors(features, x, c, r, 3));
			expect(factors.features[factors.top[r]!]!.key).toBe(made[0]!.key);
			compared++;
		}
		expect(compared).toBe(rows);
		// Listed factors (tests, the bench's repeated profiles) give the same top features.
		const listed = listedFactors(Array.from({ length: rows }, (_, r) => factors.of(r)));
		for (let r = 0; r < rows; r++)
			expect(listed.features[listed.top[r]!]!.key).toBe(factors.features[factors.top[r]!]!.key);
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
	it('walks every factor group, then the members of the one opened, within its step', () => {
		const grouped = features.map((f, j) => ({
			...f,
			group: j < 3 ? { key: 'x', name: 'X things' } : { key: 'y', name: 'Y' }
		}));
		const c = [0.1, -2, 0.5, 0.05];
		const w = groupWaterfall(grouped, c, -1);
		expect(w.steps.map((s) => [s.key, s.name])).toEqual([
			['x', 'X things'],
			['y', 'Y']
		]);
		expect(w.steps[0]!.contribution).toBeCloseTo(-1.4, 6);
		expect(w.logit).toBeCloseTo(-1 + 0.1 - 2 + 0.5 + 0.05, 6);
		const m = membersWaterfall(grouped, c, w, 'x')!;
		expect(m.labels).toEqual({ start: 'Before X things', end: 'After X things' });
		expect(m.steps.map((s) => s.name)).toEqual(['B', 'C', 'A']);
		expect(m.baseline).toBe(w.steps[0]!.from);
		expect(m.logit).toBeCloseTo(w.steps[0]!.to, 6);
		expect(membersWaterfall(grouped, c, w, 'nope')).toBeNull();
	});
});
