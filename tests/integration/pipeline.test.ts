// The whole pipeline on real data with the real DuckDB-WASM and TF.js: labels, features,
// training, calibrated scores and exact explanations.
import { describe, expect, it } from 'vitest';
import { checkGoal } from '../../src/lib/db/goal-check';
import { buildMatrix } from '../../src/lib/db/matrix';
import { DAY_MS } from '../../src/lib/engine/cutoffs';
import { guessMapping } from '../../src/lib/engine/ingest/guess';
import { sigmoid } from '../../src/lib/engine/metrics/classification';
import type { GoalSpec } from '../../src/lib/engine/types';
import { checkTrainable, TrainabilityError } from '../../src/lib/ml/prepare';
import { featureInfo } from '../../src/lib/engine/explain/factors';
import type { FeatureDef } from '../../src/lib/engine/features/spec';
import type { ScoredProfiles } from '../../src/lib/engine/export/csv';
import { demoGoal, openDemoDb } from '../helpers/demo-db';
import { HAS_SHARED, loadOne, openSharedSource } from '../helpers/node-db';
import { runPipeline } from '../helpers/pipeline';

/**
 * Every profile's factor groups: each group's contribution is the sum of the features it holds
 * (summed here from the features' own group keys), all groups add up to the logit, and the
 * profile's groups are the three largest of them, largest first.
 */
function expectExactGroups(
	features: FeatureDef[],
	scored: { contributions: Float32Array; baselineLogit: number; probability: Float32Array },
	profiles: ScoredProfiles
) {
	const cols = features.length;
	const keys = [...new Set(features.map((f) => featureInfo(f).group.key))];
	const n = profiles.customerIds.length;
	const wrong: string[] = [];
	for (let i = 0; i < n; i++) {
		const sums = new Map(keys.map((k) => [k, 0]));
		features.forEach((f, j) =>
			sums.set(f.group.key, sums.get(f.group.key)! + scored.contributions[i * cols + j]!)
		);
		const z = [...sums.values()].reduce((a, b) => a + b, scored.baselineLogit);
		if (Math.abs(sigmoid(z) - scored.probability[i]!) > 1e-6) wrong.push(`${i}: logit`);
		const top = [...sums].sort((a, b) => Math.abs(b[1]) - Math.abs(a[1])).slice(0, 3);
		const shown = profiles.groups.of(i);
		if (shown.length !== 3) wrong.push(`${i}: ${shown.length} groups`);
		// The top group's index, which filters and sorts read, is the first group shown.
		if (profiles.groups.groups[profiles.groups.top[i]!]?.key !== shown[0]?.key)
			wrong.push(`${i}: top group index`);
		shown.forEach((g, k) => {
			if (Math.abs(g.contribution - sums.get(g.key)!) > 1e-9) wrong.push(`${i}: ${g.key} sum`);
			if (Math.abs(Math.abs(g.contribution) - Math.abs(top[k]![1])) > 1e-9)
				wrong.push(`${i}: group ${k + 1} is not the ${k + 1}. largest`);
			if (!g.sentence) wrong.push(`${i}: ${g.key} has no sentence`);
		});
	}
	expect(wrong.slice(0, 5)).toEqual([]);
	expect(n).toBeGreaterThan(100);
}

describe('demo dataset', () => {
	it('trains a model that clearly beats the recency rule, with exact contributions', async () => {
		const { db, ctx } = await openDemoDb(2500, 11);
		const { report, scored, profiles, model, xScore, matrix } = await runPipeline(
			db,
			demoGoal,
			ctx
		);
		expect(report.auc).toBeGreaterThan(0.75);
		expect(report.auc - report.baselineAuc).toBeGreaterThan(0.03);
		expect(report.logloss).toBeLessThan(0.69);
		// Exactness: contributions of each profile sum to its calibrated logit minus the baseline.
		const cols = matrix.cols;
		expect(report.comparison.map((c) => c.variant).sort()).toEqual(['linear', 'spline']);
		expect(report.variant).toBe(model.variant);
		for (let i = 0; i < profiles.customerIds.length; i++) {
			let s = scored.baselineLogit;
			for (let j = 0; j < cols; j++) s += scored.contributions[i * cols + j]!;
			expect(Math.abs(sigmoid(s) - scored.probability[i]!)).toBeLessThan(1e-6);
		}
		expect(xScore.length).toBe(profiles.customerIds.length * cols);
		// Factors read as sentences and are the largest contributions.
		const f = profiles.factors.of(0);
		expect(f).toHaveLength(3);
		expect(Math.abs(f[0]!.contribution)).toBeGreaterThanOrEqual(Math.abs(f[2]!.contribution));
		expect(f[0]!.sentence).toMatch(/\w+/);
		expect(new Set(profiles.bucket)).toEqual(new Set(['high', 'medium', 'low']));
		expectExactGroups(matrix.features, scored, profiles);
		expect(new Set(matrix.features.map((f) => f.group.key)).size).toBeGreaterThan(5);
	});

	it('refuses a goal that no event satisfies, saying why', async () => {
		const { db, ctx } = await openDemoDb(300, 9);
		const spec = {
			...demoGoal,
			goal: { all: [{ field: 'event', op: 'eq' as const, value: 'no-such-event' }] }
		};
		expect((await checkGoal(db, spec, ctx)).matchingEvents).toBe(0);
		const m = await buildMatrix(db, spec, ctx);
		expect(() => checkTrainable(m, spec.kind)).toThrow(TrainabilityError);
		expect(() => checkTrainable(m, spec.kind)).toThrow(/no eligible profile met the goal/);
	});
});

describe.skipIf(!HAS_SHARED)('real event logs (../shared/datasets)', () => {
	it('CDNOW: repeat purchase in 90 days, labels agree with a direct count', async () => {
		const { db, src } = await openSharedSource('cdnow/CDNOW_master.txt');
		const { columns } = await loadOne(db, src, guessMapping(src.columns, src.preview));
		const spec: GoalSpec = {
			version: 1,
			name: 'Repeat purchase in 90 days',
			kind: 'conversion',
			goal: { all: [] },
			outcomeWindowDays: 90,
			lookbackDays: 365
		};
		const ctx = { eventColumns: columns, profileColumns: null };
		const { matrix, report, scored, profiles } = await runPipeline(db, spec, ctx);
		expectExactGroups(matrix.features, scored, profiles);
		// Conversion: the likeliest buyer's strongest group raises the score, in words.
		const best = profiles.groups.of(
			profiles.probability.indexOf(Math.max(...profiles.probability))
		);
		expect(best[0]!.direction).toBe('raises');
		expect(best[0]!.sentence).toMatch(/^(\d|Last|Active|Total|Average|First)/);
		const vIdx = matrix.cutoffs.findIndex((c) => c.role === 'validation');
		const vt = matrix.cutoffs[vIdx]!.t;
		// Independent count: customers with a purchase in [T, T+90d) among those active in the lookback.
		const direct = await db.query(
			`SELECT count(DISTINCT __customer_id) AS n FROM events WHERE __t >= ? AND __t < ? AND __customer_id IN ` +
				`(SELECT __customer_id FROM events WHERE __t < ? AND __t >= ?)`,
			[vt, vt + 90 * DAY_MS, vt, vt - 365 * DAY_MS]
		);
		expect(report.validationPositives).toBe(Number(direct.get(0)?.n));
		expect(report.auc).toBeGreaterThan(0.7);
		expect(report.auc).toBeGreaterThan(report.baselineAuc);
		const check = await checkGoal(db, spec, { eventColumns: columns, profileColumns: null });
		expect(check.matchingEvents).toBe(69659);
	});

	it('grocery: churn (no purchase in 60 days) trains and reads the right way round', async () => {
		const { db, src } = await openSharedSource('grocery_btydplus/groceryElog.csv');
		const { columns } = await loadOne(db, src, guessMapping(src.columns, src.preview));
		const spec: GoalSpec = {
			version: 1,
			name: 'Churn',
			kind: 'churn',
			goal: { all: [] },
			outcomeWindowDays: 60,
			lookbackDays: 365
		};
		const { report, profiles, matrix, scored } = await runPipeline(db, spec, {
			eventColumns: columns,
			profileColumns: null
		});
		expectExactGroups(matrix.features, scored, profiles);
		expect(report.auc).toBeGreaterThan(0.7);
		// For churn, the recency rule ranks the long-inactive first and still beats chance.
		expect(report.baselineAuc).toBeGreaterThan(0.6);
		const likeliest = profiles.probability.indexOf(Math.max(...profiles.probability));
		const top = profiles.factors.of(likeliest);
		expect(top.length).toBe(3);
		// Churn: the likeliest to leave is explained by the activity they no longer have.
		const group = profiles.groups.of(likeliest)[0]!;
		expect(group.direction).toBe('raises');
		expect(['recency', 'activity', 'rhythm']).toContain(group.key);
	});
});
