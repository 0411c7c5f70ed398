// A saved project scores data again without retraining, on the real DuckDB and TF.js: the model
// and feature plan survive the project file exactly, the saved plan rebuilds the features of
// training, drift and fingerprints tell new data from the same data, and data lacking what the
// model needs is refused with a message that says what to load.
import { describe, expect, it } from 'vitest';
import { dataFingerprint } from '../../src/lib/db/fingerprint';
import { buildScoringMatrix, missingEventTypes } from '../../src/lib/db/matrix';
import { featureInfo } from '../../src/lib/engine/explain/factors';
import { driftReport, featureReferences } from '../../src/lib/engine/metrics/drift';
import { COL, EVENTS_TABLE, type GoalSpec } from '../../src/lib/engine/types';
import { scoreAdditive } from '../../src/lib/ml/additive';
import { scoringInput } from '../../src/lib/ml/prepare';
import {
	parseProject,
	serialiseProject,
	type SavedModel
} from '../../src/lib/state/project-format';
import { demoGoal, openDemoDb } from '../helpers/demo-db';
import { runPipeline } from '../helpers/pipeline';

const goal: GoalSpec = { ...demoGoal, profileAttributes: ['loyaltyTier', 'signupDate'] };

describe('re-scoring with a saved project', async () => {
	const { db, ctx } = await openDemoDb(500, 3);
	const trained = await runPipeline(db, goal, ctx, { variants: ['spline'] });
	const { matrix, model, report, scored, xScore } = trained;
	const features = matrix.features.map(featureInfo);
	const scoreRows = await scoringInput(matrix);
	const fingerprint = await dataFingerprint(db);
	const saved: SavedModel = {
		spec: goal,
		plan: matrix.plan,
		model,
		modelId: 'to be set',
		report,
		features,
		cutoffs: matrix.cutoffs,
		counts: [],
		importance: [],
		shapes: features.map(() => ({ x: [], contribution: [], missing: null })),
		leakage: [],
		reference: featureReferences(xScore, scoreRows.input.rows, matrix.cols),
		trainedOn: {
			files: ['demo-events.csv'],
			profileFile: 'demo-profiles.csv',
			fingerprint,
			mapping: null,
			profileIdColumn: 'ecid',
			events: 0,
			profiles: 0,
			start: 0,
			end: 0
		},
		insights: {
			buckets: [],
			histogram: [],
			drivers: { high: [], medium: [], low: [] },
			distributions: {},
			segments: []
		},
		scoredAt: matrix.cutoffs.at(-1)!.t,
		backtest: null
	};
	const { fingerprint: hash } = await import('../../src/lib/engine/hash');
	saved.modelId = hash(JSON.stringify(model));
	const text = serialiseProject({ ...saved, savedAt: '2026-11-29T12:00:00.000Z', segments: [] });

	it('keeps no customer id and no event in the file', () => {
		const ids = scoreRows.customerIds.filter((id) => text.includes(`"${id}"`));
		expect(ids).toEqual([]);
		expect(text.includes('"validation":{')).toBe(false);
		expect(text.length).toBeLessThan(200_000);
	});

	it('scores the same data to exactly the same probabilities after the round trip', async () => {
		const p = parseProject(text);
		const again = await buildScoringMatrix(db, p.spec, p.plan, ctx);
		expect(again.features.map((f) => f.key)).toEqual(matrix.features.map((f) => f.key));
		const input = await scoringInput(again);
		expect(input.customerIds).toEqual(scoreRows.customerIds);
		expect(Array.from(input.input.x)).toEqual(Array.from(xScore));
		const rescored = scoreAdditive(p.model, input.input);
		expect(Array.from(rescored.probability)).toEqual(Array.from(scored.probability));
		// Same data: no drift, and the fingerprint recognises it.
		const drift = driftReport(p.features, p.reference, input.input.x, input.input.rows);
		expect(drift.every((d) => d.psi === 0)).toBe(true);
		expect(await dataFingerprint(db)).toBe(p.trainedOn.fingerprint);
	});

	it('recognises the same events loaded again, under another name, by content', async () => {
		const other = await openDemoDb(500, 3);
		expect(await dataFingerprint(other.db)).toBe(fingerprint);
		const different = await openDemoDb(500, 4);
		expect(await dataFingerprint(different.db)).not.toBe(fingerprint);
	});

	it('refuses data without the profile attributes the model uses, saying what to open', async () => {
		const p = parseProject(text);
		await expect(
			buildScoringMatrix(db, p.spec, p.plan, { ...ctx, profileColumns: null })
		).rejects.toThrow(/cannot score this data.*"loyaltyTier", "signupDate": open the profile file/);
		const renamed = ctx.profileColumns!.filter((c) => c.name !== 'loyaltyTier');
		await expect(
			buildScoringMatrix(db, p.spec, p.plan, { ...ctx, profileColumns: renamed })
		).rejects.toThrow(/"loyaltyTier", which the profile file lacks/);
	});

	it('finds newer data that lost an event type: missing type, major drift in its features', async () => {
		const p = parseProject(text);
		const type = p.plan.eventTypes.find((t) => t !== 'commerce.purchases')!;
		const newer = await openDemoDb(500, 3);
		await newer.db.query(`DELETE FROM ${EVENTS_TABLE} WHERE "${COL.event}" = ?`, [type]);
		expect(await dataFingerprint(newer.db)).not.toBe(fingerprint);
		expect(await missingEventTypes(newer.db, p.plan.eventTypes)).toEqual([type]);
		const m = await buildScoringMatrix(newer.db, p.spec, p.plan, newer.ctx);
		const input = await scoringInput(m);
		const drift = driftReport(p.features, p.reference, input.input.x, input.input.rows);
		const shifted = drift.filter((d) => d.level === 'major').map((d) => d.key);
		expect(shifted).toContain(`type:${type}:count_${goal.lookbackDays}d`);
		expect(shifted.every((k) => !k.startsWith('type:commerce.purchases:'))).toBe(true);
	});
});
