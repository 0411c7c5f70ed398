// The feature matrix the app's SQL builds equals a reference computed event by event in
// JavaScript (tests/helpers/reference-features.ts), to 1e-9, on the demo and on the shared
// datasets (CDNOW and grocery here; the MOOC log, 500k rows, was compared once: it takes 16 s):
// whatever shape the SQL takes for speed, the features stay what they are.
import { describe, expect, it } from 'vitest';
import { featurePlanInput, goalCutoffs, type DataContext } from '../../src/lib/db/matrix';
import { numberColumn, stringColumn } from '../../src/lib/db/rows';
import type { Db } from '../../src/lib/db/types';
import { buildFeatureMatrixQuery, featureColumn } from '../../src/lib/engine/features/matrix';
import { planFeatures } from '../../src/lib/engine/features/spec';
import type { EventMapping, GoalSpec } from '../../src/lib/engine/types';
import { openSource } from '../../src/lib/state/open-source';
import { demoGoal, openDemoDb } from '../helpers/demo-db';
import { HAS_SHARED, loadOne, openNodeDb, sharedFile } from '../helpers/node-db';
import { referenceMatrix } from '../helpers/reference-features';

/** Compares the app's matrix with the reference; returns how many rows and values it compared. */
async function compare(db: Db, spec: GoalSpec, ctx: DataContext, typesKept?: number) {
	const cutoffs = await goalCutoffs(db, spec);
	const planned = await featurePlanInput(db, spec, ctx);
	// Fewer frequent types than the log has: the others still count as distinct types.
	const plan =
		typesKept === undefined
			? planned
			: { ...planned, eventTypes: planned.eventTypes.slice(0, typesKept) };
	const features = planFeatures(plan);
	const q = buildFeatureMatrixQuery({
		spec,
		...ctx,
		cutoffs,
		eventTypes: plan.eventTypes,
		features
	});
	const t = await db.query(q.sql, q.params);
	const ref = await referenceMatrix(db, spec, ctx.eventColumns, cutoffs, plan, features);
	const ids = stringColumn(t, 'customer_id');
	const k = numberColumn(t, '__cutoff_idx');
	const labels = numberColumn(t, 'label');
	expect(t.numRows, 'rows (eligible profiles at every cutoff)').toBe(ref.size);
	let values = 0;
	const hist = features
		.map((f, j) => ({ f, col: numberColumn(t, featureColumn(j)) }))
		.filter((c) => c.f.stage === 'hist');
	for (let i = 0; i < t.numRows; i++) {
		const row = ref.get(`${k[i]}|${ids[i]}`);
		expect(row, `row ${k[i]}|${ids[i]}`).toBeDefined();
		expect(isNaN(labels[i]!) ? null : labels[i], `label ${k[i]}|${ids[i]}`).toBe(row!.label);
		for (const { f, col } of hist) {
			const want = row!.x.get(f.key)!;
			const got = col[i]!;
			if (isNaN(want)) expect(got, f.key).toBeNaN();
			else if (Math.abs(got - want) > 1e-9 * Math.max(1, Math.abs(want)))
				expect(got, `${f.key} at ${k[i]}|${ids[i]}`).toBe(want);
			values++;
		}
	}
	return { rows: t.numRows, values, features: hist.length, cutoffs: cutoffs.length };
}

describe('the feature matrix equals the event-by-event reference', () => {
	it('on the demo, with a custom event, eligibility rules and a value condition', async () => {
		const { db, ctx } = await openDemoDb(600, 3);
		const spec: GoalSpec = {
			...demoGoal,
			lookbackDays: 120,
			minValueSum: 40,
			customEvents: [
				{ name: 'Big order', when: { all: [{ field: 'value', op: 'gte', value: 60 }] } },
				{
					name: 'Mobile view',
					when: { all: [{ field: 'device.type', op: 'eq', value: 'mobile' }] }
				}
			],
			eligible: {
				any: [
					{ had: { all: [] }, withinDays: 90 },
					{
						notHad: { all: [{ field: 'event', op: 'eq', value: 'commerce.purchases' }] },
						withinDays: 200
					}
				]
			}
		};
		const n = await compare(db, spec, ctx);
		expect(n.rows).toBeGreaterThan(1000);
		expect(n.features).toBeGreaterThan(50);
		expect(n.values).toBe(n.rows * n.features);
	});

	it('on the demo with excluded events and event types past the frequent ones', async () => {
		const { db, ctx } = await openDemoDb(500, 5);
		const spec: GoalSpec = {
			...demoGoal,
			lookbackDays: 90,
			exclude: { all: [{ field: 'device.type', op: 'eq', value: 'tablet' }] },
			customEvents: [
				{ name: 'Big order', when: { all: [{ field: 'value', op: 'gte', value: 60 }] } }
			]
		};
		const types = (await featurePlanInput(db, spec, ctx)).eventTypes.length;
		expect(types, 'event types in the demo').toBeGreaterThan(2);
		const n = await compare(db, spec, ctx, 2);
		expect(n.rows).toBeGreaterThan(500);
	});

	it('on the demo as a churn goal with the default eligibility', async () => {
		const { db, ctx } = await openDemoDb(400, 8);
		const n = await compare(db, { ...demoGoal, kind: 'churn', lookbackDays: 45 }, ctx);
		expect(n.rows).toBeGreaterThan(500);
	});

	describe.skipIf(!HAS_SHARED)('on the shared datasets', () => {
		async function shared(rel: string, mapping: EventMapping) {
			const db = await openNodeDb();
			const src = await openSource(db, { name: rel, contents: sharedFile(rel) });
			const { columns } = await loadOne(db, src, mapping);
			return { db, ctx: { eventColumns: columns, profileColumns: null } };
		}
		it('CDNOW, repeat purchase in 90 days', async () => {
			const { db, ctx } = await shared('cdnow/CDNOW_master.txt', {
				customerId: 'customer_id',
				timestamp: 'date',
				timestampFormat: '%Y%m%d',
				event: null,
				eventName: 'purchase',
				value: 'dollar_value'
			});
			const spec: GoalSpec = {
				version: 1,
				name: 'Repeat purchase in 90 days',
				kind: 'conversion',
				goal: { all: [{ field: 'event', op: 'eq', value: 'purchase' }] },
				outcomeWindowDays: 90,
				lookbackDays: 540,
				customEvents: [
					{ name: 'Big order', when: { all: [{ field: 'value', op: 'gte', value: 100 }] } }
				]
			};
			const n = await compare(db, spec, ctx);
			expect(n.rows).toBeGreaterThan(50_000);
		});
		it('grocery, purchase in the next 90 days (one event type, no values)', async () => {
			const { db, ctx } = await shared('grocery_btydplus/groceryElog.csv', {
				customerId: 'cust',
				timestamp: 'date',
				event: null,
				eventName: 'purchase'
			});
			const spec: GoalSpec = {
				version: 1,
				name: 'Purchase in the next 90 days',
				kind: 'conversion',
				goal: { all: [] },
				outcomeWindowDays: 90,
				lookbackDays: 730
			};
			const n = await compare(db, spec, ctx);
			expect(n.rows).toBeGreaterThan(5_000);
		});
	});
});
