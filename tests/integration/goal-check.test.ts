// The goal step's live counts are the training matrix's counts, and refusals say why.
import { beforeAll, describe, expect, it } from 'vitest';
import { checkGoal } from '../../src/lib/db/goal-check';
import { buildMatrix, type DataContext } from '../../src/lib/db/matrix';
import type { Db } from '../../src/lib/db/types';
import { MIN_CLASS_ROWS } from '../../src/lib/engine/trainability';
import type { GoalSpec } from '../../src/lib/engine/types';
import { countsPerCutoff } from '../../src/lib/ml/prepare';
import { openDemoDb } from '../helpers/demo-db';

let db: Db;
let ctx: DataContext;
beforeAll(async () => {
	({ db, ctx } = await openDemoDb(600, 21));
});

const churn: GoalSpec = {
	version: 1,
	name: 'Churn',
	kind: 'churn',
	goal: { all: [] },
	outcomeWindowDays: 30,
	lookbackDays: 120,
	eligible: {
		all: [
			{
				had: { all: [{ field: 'event', op: 'eq', value: 'commerce.purchases' }] },
				withinDays: 120
			},
			{ attribute: 'loyaltyTier', op: 'neq', value: 'bronze' }
		]
	},
	customEvents: [{ name: 'Big order', when: { all: [{ field: 'value', op: 'gte', value: 60 }] } }]
};

// Too few positives: purchases over 140 are rare in the demo.
const rare: GoalSpec = {
	...churn,
	kind: 'conversion',
	eligible: null,
	goal: { all: [{ field: 'value', op: 'gt', value: 140 }] }
};

describe('checkGoal', () => {
	it('counts eligible profiles and positives per cutoff exactly as the training matrix does', async () => {
		const check = await checkGoal(db, churn, ctx);
		const matrix = await buildMatrix(db, churn, ctx);
		expect(check.counts).toEqual(countsPerCutoff(matrix));
		expect(check.counts!.at(-1)!.role).toBe('score');
		expect(check.counts!.some((c) => c.positives > 0)).toBe(true);
		expect(check.neededDays).toBe(150);
		expect(check.dataDays).toBe(365);
	});

	it('narrowing the eligible population lowers the counts', async () => {
		const wide = await checkGoal(db, { ...churn, eligible: null }, ctx);
		const narrow = await checkGoal(db, churn, ctx);
		const total = (c: typeof wide) => c.counts!.reduce((s, x) => s + x.eligible, 0);
		expect(total(narrow)).toBeLessThan(total(wide));
	});

	it('refuses with a reason when positives are too few', async () => {
		const check = await checkGoal(db, rare, ctx);
		const positives = check
			.counts!.filter((c) => c.role === 'train')
			.reduce((s, c) => s + c.positives, 0);
		expect(positives).toBeGreaterThan(0);
		expect(positives).toBeLessThan(MIN_CLASS_ROWS);
		expect(check.problem).toMatch(new RegExp(`Only ${positives} training rows are positive`));
	});

	it('refuses a window longer than the data, saying how much is needed', async () => {
		const check = await checkGoal(db, { ...churn, outcomeWindowDays: 200 }, ctx);
		expect(check.counts).toBeNull();
		expect(check.problem).toMatch(/Too little history/);
	});

	it('on a large log, estimates the counts from a share of customers, with an exact verdict', async () => {
		const exact = await checkGoal(db, churn, ctx);
		const events = Number((await db.query('SELECT count(*) AS n FROM events')).get(0)!.n);
		// As if the demo were four times past the budget: one customer in four is counted.
		const sampled = await checkGoal(db, churn, ctx, Math.ceil(events / 4));
		expect(exact.countsShare).toBeNull();
		expect(sampled.countsShare).toBe(1 / 4);
		expect(sampled.problem).toBeNull();
		expect(sampled.counts!.map((c) => c.t)).toEqual(exact.counts!.map((c) => c.t));
		let compared = 0;
		sampled.counts!.forEach((c, k) => {
			const e = exact.counts![k]!;
			expect(c.eligible % 4, 'scaled from the sample').toBe(0);
			// A quarter of ~600 customers: within a few standard errors of the whole.
			expect(Math.abs(c.eligible - e.eligible)).toBeLessThan(0.25 * e.eligible + 20);
			compared++;
		});
		expect(compared).toBe(exact.counts!.length);
	});

	it('counts whole when the sampled share shows a problem, for the exact figures', async () => {
		const exact = await checkGoal(db, rare, ctx);
		const events = Number((await db.query('SELECT count(*) AS n FROM events')).get(0)!.n);
		const again = await checkGoal(db, rare, ctx, Math.ceil(events / 4));
		expect(exact.problem).not.toBeNull();
		expect(again.countsShare).toBeNull();
		expect(again.counts).toEqual(exact.counts);
		expect(again.problem).toBe(exact.problem);
	});
});
