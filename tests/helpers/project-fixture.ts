// A project file as the app saves one, made by the engine's own functions from seeded plain data
// (no DuckDB, no TF.js): the features its plan makes, a fitted spline basis with missing-value
// columns, real insights, curves and backtest folds (NaN where the engine makes NaN), segments.
import { featureInfo } from '../../src/lib/engine/explain/factors';
import { fitBasis } from '../../src/lib/engine/features/basis';
import { planFeatures, type FeaturePlanInput } from '../../src/lib/engine/features/spec';
import { fingerprint } from '../../src/lib/engine/hash';
import { rng } from '../../src/lib/engine/random';
import { audienceInsights } from '../../src/lib/engine/insights/summary';
import { foldResult } from '../../src/lib/engine/metrics/backtest';
import { evaluationCurves } from '../../src/lib/engine/metrics/curves';
import { featureReferences } from '../../src/lib/engine/metrics/drift';
import { globalImportance } from '../../src/lib/engine/scored';
import { scoreColumns } from '../../src/lib/engine/scores';
import type { GoalSpec } from '../../src/lib/engine/types';
import type { ModelState } from '../../src/lib/ml/protocol';
import type { ProjectFile } from '../../src/lib/state/project-format';

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);

export const FIXTURE_SPEC: GoalSpec = {
	version: 1,
	name: 'Buyers in 30 days',
	kind: 'conversion',
	goal: { all: [{ field: 'event', op: 'eq', value: 'purchase' }] },
	outcomeWindowDays: 30,
	lookbackDays: 90,
	customEvents: [{ name: 'Big order', when: { all: [{ field: 'value', op: 'gte', value: 100 }] } }],
	profileAttributes: ['tier', 'age'],
	eligible: { had: { all: [] }, withinDays: 90 },
	exclude: null,
	scoringCutoff: null
};

const PLAN: FeaturePlanInput = {
	lookbackDays: 90,
	eventTypes: ['purchase', 'page view'],
	customEvents: FIXTURE_SPEC.customEvents!,
	hasValue: true,
	hasTime: true,
	attributes: [
		{ column: { name: 'tier', type: 'VARCHAR' }, categories: ['gold', 'silver'] },
		{ column: { name: 'age', type: 'BIGINT' }, categories: [] }
	]
};

/** A valid project (what `serialiseProject` takes), the same for the same seed. */
export function projectFixture(seed = 1): Omit<ProjectFile, 'format' | 'version'> {
	const rnd = rng(seed);
	const features = planFeatures(PLAN).map(featureInfo);
	const cols = features.length;
	const rows = 120;
	const x = Float32Array.from({ length: rows * cols }, (_, i) =>
		i % 7 === 3 && rnd() < 0.3 ? NaN : Math.round(rnd() * 40)
	);
	const all = Array.from({ length: rows }, (_, i) => i);
	const basis = fitBasis(
		{ data: x, rows, cols },
		features.map((f) => f.transform),
		all,
		// Fewer knots than training places keep the file small; the layout is the same.
		[0.25, 0.5, 0.75]
	);
	const model: ModelState = {
		family: 'additive',
		variant: 'spline',
		basis,
		weights: basis.owner.map(() => Math.round((rnd() - 0.5) * 1000) / 1000),
		bias: -1.25,
		platt: { a: 1.1, b: -0.2 }
	};
	const contributions = Float32Array.from({ length: rows * cols }, () => (rnd() - 0.5) / 4);
	const probability = Float32Array.from({ length: rows }, () => rnd());
	const labels = Uint8Array.from(probability, (p) => (rnd() < p ? 1 : 0));
	const recency = Float32Array.from({ length: rows }, () => rnd());
	const { bucket } = scoreColumns(probability);
	const cutoffs = [
		{ t: T0, role: 'train' as const },
		{ t: T0 + 30 * DAY, role: 'train' as const },
		{ t: T0 + 60 * DAY, role: 'validation' as const },
		{ t: T0 + 90 * DAY, role: 'score' as const }
	];
	const importance = globalImportance(features, contributions, rows);
	return {
		spec: FIXTURE_SPEC,
		plan: PLAN,
		model,
		modelId: fingerprint(JSON.stringify(model)),
		report: {
			backend: 'cpu',
			variant: 'spline',
			auc: 0.71,
			aucInterval: [0.62, 0.8],
			logloss: 0.52,
			brier: 0.18,
			ece: 0.03,
			baselineAuc: 0.64,
			trainRows: 240,
			trainPositives: 60,
			validationRows: rows,
			validationPositives: labels.reduce((a, b) => a + b, 0),
			epochs: 40,
			bestEpoch: 31,
			trainMs: 812.5,
			classWeights: { positive: 2, negative: 0.67 },
			curves: evaluationCurves(labels, probability, recency),
			comparison: [
				{ variant: 'spline', auc: 0.71, logloss: 0.52, epochs: 40, trainMs: 500 },
				{ variant: 'linear', auc: 0.69, logloss: 0.54, epochs: 30, trainMs: 300 }
			],
			history: [
				{ variant: 'spline', epoch: 1, maxEpochs: 300, loss: 0.69, valLoss: 0.7, valAuc: 0.6 }
			]
		},
		features,
		cutoffs,
		counts: cutoffs.map((c) => ({ ...c, eligible: 100, positives: c.role === 'score' ? 0 : 25 })),
		importance,
		shapes: features.map((_, j) => ({
			x: [0, 10, 20],
			contribution: [0, j / 100, -j / 100],
			missing: basis.missing[j] ? 0.05 : null
		})),
		leakage: [
			{
				key: 'custom:Big order:count_90d',
				name: 'Big order events in the last 90 days',
				auc: 0.97,
				message: 'It predicts the goal almost perfectly on its own.'
			}
		].filter((w) => features.some((f) => f.key === w.key)),
		reference: featureReferences(x, rows, cols),
		trainedOn: {
			files: ['events.csv'],
			profileFile: 'profiles.csv',
			fingerprint: '0123456789abcdef',
			mapping: {
				customerId: 'customer_id',
				timestamp: 'ts',
				timestampFormat: null,
				event: 'event',
				value: 'amount'
			},
			profileIdColumn: 'customer_id',
			events: 5000,
			profiles: rows,
			start: T0 - 120 * DAY,
			end: T0 + 89 * DAY
		},
		insights: audienceInsights(features, x, contributions, { probability, bucket }),
		scoredAt: T0 + 90 * DAY,
		backtest: {
			folds: [
				foldResult(T0 + 60 * DAY, labels, probability, recency),
				// One class only: AUC and lift are NaN, saved as null.
				foldResult(T0 + 30 * DAY, new Uint8Array(rows), probability, recency)
			],
			skipped: ['2024-01-01: too few positives'],
			ms: 1200
		},
		savedAt: '2026-11-29T12:00:00.000Z',
		segments: [
			{
				name: 'Top',
				filter: {
					search: '',
					buckets: ['high'],
					score: [0, 100],
					percentile: [1, 100],
					topFactor: importance[0]!.key,
					topGroup: null
				}
			}
		]
	};
}
