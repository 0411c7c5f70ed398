// The project file check accepts what the app really makes: a model trained on the demo data with
// the real DuckDB and TF.js, its insights, shapes, drift references, leakage warnings and a
// backtest fold, saved as the Train step saves it. Saved again after reading (as IndexedDB keeps
// it after each change), it reads the same.
import { describe, expect, it } from 'vitest';
import { featureInfo } from '../../src/lib/engine/explain/factors';
import { shapeGrid } from '../../src/lib/engine/explain/shape';
import { column } from '../../src/lib/engine/insights/drivers';
import { fingerprint } from '../../src/lib/engine/hash';
import { audienceInsights } from '../../src/lib/engine/insights/summary';
import { leakageWarnings } from '../../src/lib/engine/leakage';
import { foldResult } from '../../src/lib/engine/metrics/backtest';
import { featureReferences } from '../../src/lib/engine/metrics/drift';
import { globalImportance } from '../../src/lib/engine/scored';
import type { GoalSpec } from '../../src/lib/engine/types';
import { featureShapes } from '../../src/lib/ml/additive';
import { scoringInput } from '../../src/lib/ml/prepare';
import { parseProject, serialiseProject } from '../../src/lib/state/project-format';
import { demoGoal, openDemoDb } from '../helpers/demo-db';
import { runPipeline } from '../helpers/pipeline';

const goal: GoalSpec = {
	...demoGoal,
	profileAttributes: ['loyaltyTier', 'signupDate'],
	customEvents: [
		{
			name: 'Cart add',
			when: { all: [{ field: 'event', op: 'eq', value: 'commerce.productListAdds' }] }
		}
	]
};

describe('a project the app makes', async () => {
	const { db, ctx } = await openDemoDb(400, 5);
	const { matrix, model, report, scored, profiles, xScore } = await runPipeline(db, goal, ctx, {
		variants: ['spline']
	});
	const features = matrix.features.map(featureInfo);
	const rows = (await scoringInput(matrix)).input.rows;
	const grids = features.map((_, j) => shapeGrid(column(xScore, matrix.cols, j, rows)));
	const validation = report.validation;
	const text = serialiseProject({
		spec: goal,
		plan: matrix.plan,
		model,
		modelId: fingerprint(JSON.stringify(model)),
		report,
		features,
		cutoffs: matrix.cutoffs,
		counts: matrix.cutoffs.map((c) => ({ ...c, eligible: 10, positives: 2 })),
		importance: globalImportance(features, scored.contributions, rows),
		shapes: featureShapes(model, grids),
		leakage: leakageWarnings(matrix),
		reference: featureReferences(xScore, rows, matrix.cols),
		trainedOn: {
			files: ['demo-events.csv'],
			profileFile: 'demo-profiles.csv',
			fingerprint: 'abcdef0123456789',
			mapping: null,
			profileIdColumn: 'ecid',
			events: 1,
			profiles: rows,
			start: matrix.cutoffs[0]!.t - 86_400_000 * 200,
			end: matrix.cutoffs.at(-1)!.t - 1
		},
		insights: audienceInsights(features, xScore, scored.contributions, profiles),
		scoredAt: matrix.cutoffs.at(-1)!.t,
		backtest: {
			folds: [
				foldResult(
					matrix.cutoffs.at(-2)!.t,
					validation.labels,
					validation.probability,
					validation.recency
				)
			],
			skipped: [],
			ms: 10
		},
		savedAt: '2026-11-29T12:00:00.000Z',
		segments: [
			{
				name: 'High',
				filter: {
					search: '',
					buckets: ['high'],
					score: [0, 100],
					percentile: [1, 100],
					topFactor: features[0]!.key,
					topGroup: null
				}
			}
		]
	});

	it('is read back whole, and reads the same when saved again', () => {
		const p = parseProject(text);
		expect(p.features.map((f) => f.key)).toEqual(features.map((f) => f.key));
		expect(p.report.auc).toBe(report.auc);
		expect(p.insights.buckets).toHaveLength(3);
		expect(parseProject(serialiseProject(p))).toEqual(p);
		expect(serialiseProject(parseProject(serialiseProject(p)))).toBe(serialiseProject(p));
	});
});
