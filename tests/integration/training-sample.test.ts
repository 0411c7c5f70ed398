// The training sample: over the budget, the training cutoffs' rows come from a share of customers
// chosen by a hash of the id (the same every time, smaller shares inside larger ones), with the
// same feature values as without a sample; the validation and scoring cutoffs keep every profile.
import { beforeAll, describe, expect, it } from 'vitest';
import {
	buildMatrix,
	cutoffRowsBound,
	roleRowsBound,
	trainingRowsBound,
	type DataContext
} from '../../src/lib/db/matrix';
import type { Db } from '../../src/lib/db/types';
import type { GoalSpec } from '../../src/lib/engine/types';
import type { FeatureMatrix } from '../../src/lib/engine/features/matrix';
import { trainingSample } from '../../src/lib/engine/features/sample';
import { dbMemory } from '../../src/lib/db/memory';
import { capacityWarning } from '../../src/lib/engine/ingest/capacity';
import { demoGoal, openDemoDb } from '../helpers/demo-db';

let db: Db;
let ctx: DataContext;
let full: FeatureMatrix;

beforeAll(async () => {
	({ db, ctx } = await openDemoDb(1500, 4));
	full = await buildMatrix(db, demoGoal, ctx);
});

/** Rows by `cutoff|customer`, each its feature values, for rows whose cutoff `keep` accepts. */
function rowsOf(m: FeatureMatrix, keep: (role: string) => boolean): Map<string, number[]> {
	const out = new Map<string, number[]>();
	for (let i = 0; i < m.rows; i++) {
		const k = m.cutoffIndex[i]!;
		if (keep(m.cutoffs[k]!.role))
			out.set(`${k}|${m.customerIds[i]}`, [
				m.labels[i]!,
				...m.x.subarray(i * m.cols, (i + 1) * m.cols)
			]);
	}
	return out;
}

/** Checks that every row of `some` is in `all` with the same label and values; how many. */
function expectRowsOf(some: Map<string, number[]>, all: Map<string, number[]>): number {
	let compared = 0;
	for (const [key, x] of some) {
		expect(all.get(key), key).toEqual(x);
		compared++;
	}
	return compared;
}

/** The customers of rows keyed `cutoff|customer`. */
const customersOf = (rows: Map<string, number[]>) =>
	new Set([...rows.keys()].map((k) => k.split('|')[1]));

const training = (role: string) => role === 'train';
const whole = (role: string) => role !== 'train';

describe('the training sample', () => {
	it('is not drawn while the training rows fit the budget, and the bound covers them', async () => {
		expect(full.sample).toBeNull();
		const rows = rowsOf(full, training).size;
		const bound = await trainingRowsBound(db, demoGoal, full.cutoffs);
		expect(bound).toBeGreaterThanOrEqual(rows);
		expect(bound).toBeLessThan(rows * 1.5);
	});

	it('bounds each cutoff by the window within which eligibility needs an event', async () => {
		const recent: GoalSpec = {
			...demoGoal,
			eligible: { all: [{ had: { all: [] }, withinDays: 30 }] }
		};
		const m = await buildMatrix(db, recent, ctx);
		const tight = await cutoffRowsBound(db, recent, m.cutoffs);
		const loose = await cutoffRowsBound(db, demoGoal, m.cutoffs);
		m.cutoffs.forEach((_, k) => {
			const rows = [...m.cutoffIndex].filter((c) => c === k).length;
			expect(rows).toBeGreaterThan(0);
			expect(tight[k]!).toBeGreaterThanOrEqual(rows);
			expect(tight[k]!).toBeLessThan(loose[k]!);
		});
		// A had-not rule needs no event, so it cannot tighten the bound.
		const lapsed: GoalSpec = { ...demoGoal, eligible: { notHad: { all: [] }, withinDays: 30 } };
		expect(await cutoffRowsBound(db, lapsed, m.cutoffs)).toEqual(loose);
	});

	it('keeps a share of the customers at training cutoffs, with the same rows and values, and scores everyone', async () => {
		const bound = await trainingRowsBound(db, demoGoal, full.cutoffs);
		const sampled = await buildMatrix(db, demoGoal, ctx, { budget: Math.round(bound / 4) });
		expect(sampled.sample).toEqual(trainingSample(bound, Math.round(bound / 4)));
		expect(sampled.sample!.share).toBeCloseTo(0.25, 2);
		const all = rowsOf(full, training);
		const some = rowsOf(sampled, training);
		// About a quarter of the rows (customers are hashed, so not exactly).
		expect(some.size / all.size).toBeGreaterThan(0.18);
		expect(some.size / all.size).toBeLessThan(0.32);
		expect(expectRowsOf(some, all)).toBe(some.size);
		// A customer is in or out at every training cutoff alike.
		const customers = customersOf(some);
		for (const key of all.keys()) expect(some.has(key), key).toBe(customers.has(key.split('|')[1]));
		// The validation and scoring cutoffs are whole, value for value.
		expect(rowsOf(sampled, whole)).toEqual(rowsOf(full, whole));
	});

	it('is the same every time, and a smaller share is inside a larger one', async () => {
		const bound = await trainingRowsBound(db, demoGoal, full.cutoffs);
		const a = await buildMatrix(db, demoGoal, ctx, { budget: Math.round(bound / 3) });
		const b = await buildMatrix(db, demoGoal, ctx, { budget: Math.round(bound / 3) });
		const small = await buildMatrix(db, demoGoal, ctx, { budget: Math.round(bound / 8) });
		const keysA = [...rowsOf(a, training).keys()];
		expect(keysA.length).toBeGreaterThan(100);
		expect([...rowsOf(b, training).keys()]).toEqual(keysA);
		const inA = new Set(keysA);
		const keysSmall = [...rowsOf(small, training).keys()];
		expect(keysSmall.length).toBeLessThan(keysA.length);
		expect(keysSmall.filter((k) => !inA.has(k))).toEqual([]);
	});
});

describe('the validation sample', () => {
	const validation = (role: string) => role === 'validation';

	it('past its own budget, keeps a share of the validation customers, value for value', async () => {
		expect(full.validationSample).toBeNull();
		const bound = await roleRowsBound(db, demoGoal, full.cutoffs, 'validation');
		const trainBound = await trainingRowsBound(db, demoGoal, full.cutoffs);
		const m = await buildMatrix(db, demoGoal, ctx, {
			validationBudget: Math.round(bound / 3),
			budget: Math.round(trainBound / 4)
		});
		expect(m.validationSample).toEqual(trainingSample(bound, Math.round(bound / 3)));
		const all = rowsOf(full, validation);
		const some = rowsOf(m, validation);
		expect(some.size / all.size).toBeGreaterThan(0.25);
		expect(some.size / all.size).toBeLessThan(0.42);
		expect(expectRowsOf(some, all)).toBe(some.size);
		// The same hash: the larger validation share holds every customer the model learned from
		// (among those eligible there), and the scoring cutoff stays whole.
		const validated = customersOf(some);
		const eligibleThen = customersOf(all);
		const learners = customersOf(rowsOf(m, training));
		const checked = [...learners].filter((c) => eligibleThen.has(c));
		expect(checked.length).toBeGreaterThan(50);
		expect(checked.filter((c) => !validated.has(c))).toEqual([]);
		const scoring = (role: string) => role === 'score';
		expect(rowsOf(m, scoring)).toEqual(rowsOf(full, scoring));
	});
});

describe('the matrix built in customer partitions', () => {
	it('holds the same rows, labels and values as one query, with or without a sample', async () => {
		const parts = await buildMatrix(db, demoGoal, ctx, { rowsPerPart: 2000 });
		const all = (role: string) => role !== '';
		expect(parts.rows).toBe(full.rows);
		expect(rowsOf(parts, all)).toEqual(rowsOf(full, all));
		// Rows come part by part: not in one cutoff-then-customer order, so it really split.
		const order = (m: FeatureMatrix) => m.customerIds.join();
		expect(order(parts)).not.toBe(order(full));
		const bound = await trainingRowsBound(db, demoGoal, full.cutoffs);
		const one = await buildMatrix(db, demoGoal, ctx, { budget: Math.round(bound / 4) });
		const split = await buildMatrix(db, demoGoal, ctx, {
			budget: Math.round(bound / 4),
			rowsPerPart: 1500
		});
		expect(split.sample).toEqual(one.sample);
		expect(rowsOf(split, all)).toEqual(rowsOf(one, all));
	});

	it('tells each part before it runs, and a throw there stops before the next part', async () => {
		const told: [number, number][] = [];
		const onPart = (done: number, parts: number) => told.push([done, parts]);
		await buildMatrix(db, demoGoal, ctx, { onPart, rowsPerPart: 2000 });
		const parts = told[0]![1];
		expect(parts).toBeGreaterThan(2);
		expect(told).toEqual(Array.from({ length: parts + 1 }, (_, k) => [k, parts]));
		// Stopped before part `k`, the build has run k matrix queries beside its planning ones.
		let queries = 0;
		const counting: Db = { ...db, query: (sql, params) => (queries++, db.query(sql, params)) };
		const stop = new Error('stopped');
		const stoppedAt = async (k: number) => {
			queries = 0;
			const onPart = (done: number) => {
				if (done === k) throw stop;
			};
			await expect(
				buildMatrix(counting, demoGoal, ctx, { onPart, rowsPerPart: 2000 })
			).rejects.toBe(stop);
			return queries;
		};
		const planning = await stoppedAt(0);
		expect(await stoppedAt(1)).toBe(planning + 1);
		expect(await stoppedAt(2)).toBe(planning + 2);
	});

	it('reads what DuckDB holds against its limit, and warns when the events crowd it', async () => {
		const m = await dbMemory(db);
		// The demo's events table, in DuckDB-WASM's default limit of 3.1 GiB.
		expect(m.usedBytes).toBeGreaterThan(1e6);
		expect(m.limitBytes).toBeCloseTo(3.1 * 2 ** 30, -7);
		expect(capacityWarning(m)).toBeNull();
		await db.query(`SET memory_limit = '${Math.ceil((2 * m.usedBytes) / 1e6)}MB'`);
		try {
			const low = await dbMemory(db);
			expect(low.limitBytes).toBeLessThan(2.1 * m.usedBytes);
			expect(capacityWarning(low)).toMatch(/These events take [\d.]+ GB of the [\d.]+ GB/);
		} finally {
			await db.query(`RESET memory_limit`);
		}
		expect((await dbMemory(db)).limitBytes).toBeCloseTo(m.limitBytes, -7);
	});
});
