// The Insights step's data on the real pipeline (DuckDB + TF.js CPU): the walk-forward backtest
// sees nothing at or after the cutoff it tests, and the audience summary agrees with the scored
// profiles it summarises.
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { buildMatrix } from '../../src/lib/db/matrix';
import { featureInfo } from '../../src/lib/engine/explain/factors';
import { audienceInsights } from '../../src/lib/engine/insights/summary';
import { backtestFolds, foldResult } from '../../src/lib/engine/metrics/backtest';
import { auc } from '../../src/lib/engine/metrics/classification';
import { scoreAdditive, trainModels } from '../../src/lib/ml/additive';
import { foldData } from '../../src/lib/ml/prepare';
import { DEFAULT_TRAIN_OPTIONS } from '../../src/lib/ml/protocol';
import { demoGoal, openDemoDb } from '../helpers/demo-db';
import { runPipeline } from '../helpers/pipeline';

const LINEAR = { ...DEFAULT_TRAIN_OPTIONS, variants: ['linear' as const] };

describe('walk-forward backtest', () => {
	it('trains each fold on older cutoffs only: changing the tested cutoff and later rows changes nothing', async () => {
		await tf.setBackend('cpu');
		const { db, ctx } = await openDemoDb(600, 31);
		const m = await buildMatrix(db, demoGoal, ctx);
		const folds = backtestFolds(m.cutoffs);
		expect(folds.length).toBeGreaterThanOrEqual(2);
		const fold = folds[0]!;
		const d = await foldData(m, 'conversion', fold);
		const older = new Set([...fold.training, fold.validation]);
		let expectedRows = 0;
		for (let i = 0; i < m.rows; i++) if (older.has(m.cutoffIndex[i]!)) expectedRows++;
		expect(d.training.rows).toBe(expectedRows);
		expect(d.test.rows).toBe([...m.cutoffIndex].filter((k) => k === fold.test).length);
		const before = await trainModels(d.training, LINEAR, 'cpu');

		// Scramble every label and feature value at or after the tested cutoff.
		for (let i = 0; i < m.rows; i++)
			if (m.cutoffIndex[i]! >= fold.test) {
				m.labels[i] = 1 - m.labels[i]!;
				for (let j = 0; j < m.cols; j++) m.x[i * m.cols + j] = (i * 7 + j) % 13;
			}
		const after = await trainModels(
			(await foldData(m, 'conversion', fold)).training,
			LINEAR,
			'cpu'
		);
		expect(after.model.weights).toEqual(before.model.weights);
		expect(after.model.platt).toEqual(before.model.platt);
	});

	it('at the validation cutoff, the recency rule scores as the main report says, and the model beats chance', async () => {
		await tf.setBackend('cpu');
		const { db, ctx } = await openDemoDb(900, 5);
		const { matrix: m, report } = await runPipeline(db, demoGoal, ctx, { variants: ['linear'] });
		// The report carries the rule's scores for the evaluation charts.
		expect(auc(report.validation.labels, report.validation.recency)).toBeCloseTo(
			report.baselineAuc,
			10
		);
		const last = backtestFolds(m.cutoffs).at(-1)!;
		expect(m.cutoffs[last.test]!.role).toBe('validation');
		const d = await foldData(m, 'conversion', last);
		const { model } = await trainModels(d.training, LINEAR, 'cpu');
		const scored = scoreAdditive(model, d.test);
		const f = foldResult(m.cutoffs[last.test]!.t, d.labels, scored.probability, d.recency);
		expect(f.rows).toBe(report.validationRows);
		expect(f.positives).toBe(report.validationPositives);
		expect(f.baselineAuc).toBeCloseTo(report.baselineAuc, 10);
		expect(f.auc).toBeGreaterThan(0.65);
		expect(f.topDecileLift).toBeGreaterThan(1.5);
		// Buckets are ordered: the high bucket expects and gets the highest goal rate.
		const [high, , low] = f.buckets;
		expect(high!.expected).toBeGreaterThan(low!.expected);
		expect(high!.actual).toBeGreaterThan(low!.actual);
	});
});

describe('audience insights on the demo', () => {
	it('summarise the scored profiles: buckets, histogram, drivers, distributions and reason segments', async () => {
		await tf.setBackend('cpu');
		const { db, ctx } = await openDemoDb(900, 12);
		const { matrix, scored, profiles, xScore } = await runPipeline(db, demoGoal, ctx);
		const features = matrix.features.map(featureInfo);
		const a = audienceInsights(features, xScore, scored.contributions, profiles);
		const n = profiles.customerIds.length;
		expect(a.buckets.reduce((s, b) => s + b.profiles, 0)).toBe(n);
		expect(a.buckets.reduce((s, b) => s + b.expected, 0)).toBeCloseTo(
			profiles.probability.reduce((s, p) => s + p, 0),
			3
		);
		expect(a.histogram.reduce((s, b) => s + b.total, 0)).toBe(n);
		const high = a.buckets[0]!.profiles;
		expect(a.segments.reduce((s, g) => s + g.profiles, 0)).toBe(high);
		// Each segment's feature really is its members' largest raising contribution: check the biggest.
		const top = a.segments[0]!;
		const j = features.findIndex((f) => f.key === top.key);
		let members = 0;
		for (let i = 0; i < n; i++) {
			if (profiles.bucket[i] !== 'high') continue;
			const row = scored.contributions.subarray(i * features.length, (i + 1) * features.length);
			const max = Math.max(...row);
			if (max > 0 && row.indexOf(max) === j) members++;
		}
		expect(members).toBe(top.profiles);
		for (const list of Object.values(a.drivers)) {
			expect(list.length).toBe(5);
			for (const d of list) expect(a.distributions[d.key]).toBeDefined();
		}
	});
});
