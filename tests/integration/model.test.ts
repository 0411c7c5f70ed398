// The trained model itself, on real data through the real pipeline: explanations that are exact
// for every profile, determinism, agreement between TF.js backends, no leaked tensors, and an
// honest statement of uncertainty on small data.
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildMatrix } from '../../src/lib/db/matrix';
import { expandBasis } from '../../src/lib/engine/features/basis';
import type { FeatureMatrix } from '../../src/lib/engine/features/matrix';
import { parseGoalSpec } from '../../src/lib/engine/goal/validate';
import type { GoalSpec } from '../../src/lib/engine/types';
import { featureShapes, scoreAdditive, trainModels } from '../../src/lib/ml/additive';
import { shapeGrid } from '../../src/lib/engine/explain/shape';
import { column } from '../../src/lib/engine/insights/drivers';
import { fitLogistic, type Design } from '../../src/lib/ml/fit';
import { rng } from '../../src/lib/engine/random';
import { auc } from '../../src/lib/engine/metrics/classification';
import { scoringInput, trainingData } from '../../src/lib/ml/prepare';
import {
	DEFAULT_TRAIN_OPTIONS,
	type BackendName,
	type ModelState,
	type TrainOptions
} from '../../src/lib/ml/protocol';
import { demoGoal, openDemoDb } from '../helpers/demo-db';
import { HAS_SHARED, loadOne, openSharedSource } from '../helpers/node-db';

async function train(
	m: FeatureMatrix,
	kind: GoalSpec['kind'],
	backend: BackendName,
	opts: Partial<TrainOptions> = {}
) {
	await tf.setBackend(backend);
	await tf.ready();
	return trainModels(await trainingData(m, kind), { ...DEFAULT_TRAIN_OPTIONS, ...opts }, backend);
}

async function score(model: ModelState, m: FeatureMatrix) {
	const { input } = await scoringInput(m);
	const x = input.x.slice();
	return { x, rows: input.rows, ...scoreAdditive(model, input) };
}

/** Logits of design rows for plain weights, in float64. */
function linearLogits(
	z: { data: Float32Array; rows: number; cols: number },
	weights: ArrayLike<number>,
	bias: number
): Float64Array {
	const out = new Float64Array(z.rows);
	for (let i = 0; i < z.rows; i++) {
		let s = bias;
		for (let j = 0; j < z.cols; j++) s += weights[j]! * z.data[i * z.cols + j]!;
		out[i] = s;
	}
	return out;
}

/**
 * Every profile's contributions sum to its calibrated logit minus the baseline logit. The logit
 * is recomputed here from the whole design matrix at once, not feature by feature.
 */
async function expectExact(model: ModelState, m: FeatureMatrix) {
	const s = await score(model, m);
	const design = expandBasis({ data: s.x, rows: s.rows, cols: m.cols }, model.basis);
	const raw = linearLogits(design, model.weights, model.bias);
	let worst = 0;
	for (let i = 0; i < s.rows; i++) {
		const logit = model.platt.a * raw[i]! + model.platt.b;
		let sum = 0;
		for (let j = 0; j < m.cols; j++) sum += s.contributions[i * m.cols + j]!;
		worst = Math.max(worst, Math.abs(sum - (logit - s.baselineLogit)));
	}
	expect(s.rows).toBeGreaterThan(0);
	expect(worst).toBeLessThan(1e-4);
}

describe('fitLogistic (L-BFGS on the backend)', () => {
	/** Rows whose labels follow a known logistic model. */
	function synthetic(rows: number, seed: number) {
		const next = rng(seed);
		const truth = [1.5, -1, 0.5, 0, 2];
		const data = new Float32Array(rows * truth.length);
		const y = new Float32Array(rows);
		for (let i = 0; i < rows; i++) {
			let z = -0.5;
			truth.forEach((w, j) => {
				const v = 2 * next() - 1;
				data[i * truth.length + j] = v;
				z += w * v;
			});
			y[i] = next() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
		}
		const design: Design = {
			rows,
			cols: truth.length,
			chunk: (start, end) => data.slice(start * truth.length, end * truth.length)
		};
		return { design, y, truth };
	}

	it('recovers the generating weights, and gives the same fit whether the design is kept on the backend or rebuilt', async () => {
		await tf.setBackend('cpu');
		const t = synthetic(20_000, 1);
		const v = synthetic(5_000, 2);
		const input = {
			train: t.design,
			yTrain: t.y,
			valid: v.design,
			yValid: v.y,
			penalty: new Float32Array(5).fill(1e-6),
			classWeights: { positive: 1, negative: 1 }
		};
		const opts = { ...DEFAULT_TRAIN_OPTIONS, patience: 1000 };
		const kept = await fitLogistic(input, opts, 'linear');
		t.truth.forEach((w, j) => expect(kept.weights[j]!).toBeCloseTo(w, 1));
		expect(kept.bias).toBeCloseTo(-0.5, 1);
		const rebuilt = await fitLogistic({ ...input, cacheValues: 0 }, opts, 'linear');
		expect(rebuilt.weights).toEqual(kept.weights);
		expect(rebuilt.bestEpoch).toBe(kept.bestEpoch);
	});

	it('the agreement penalty pulls the signed slopes of one group together', async () => {
		await tf.setBackend('cpu');
		// Columns 0 and 1 are one group measured the same way; 2 is that group's "days since"
		// (sign −1); 3 is in no group. The truth has 0 and 1 pull against each other.
		const t = synthetic(20_000, 3);
		const v = synthetic(5_000, 4);
		const input = {
			train: t.design,
			yTrain: t.y,
			valid: v.design,
			yValid: v.y,
			penalty: new Float32Array(5).fill(1e-6),
			classWeights: { positive: 1, negative: 1 }
		};
		const opts = { ...DEFAULT_TRAIN_OPTIONS, patience: 1000 };
		const group = Int32Array.from([0, 0, 0, -1, -1]);
		const sign = Float64Array.from([1, 1, -1, 0, 0]);
		const spread = (w: Float32Array) => {
			const s = [0, 1, 2].map((c) => sign[c]! * w[c]!);
			return Math.max(...s) - Math.min(...s);
		};
		const plain = await fitLogistic(input, opts, 'linear');
		const weak = await fitLogistic(
			{ ...input, agreement: { strength: 0.003, group, sign } },
			opts,
			'linear'
		);
		const strong = await fitLogistic(
			{ ...input, agreement: { strength: 10, group, sign } },
			opts,
			'linear'
		);
		// Without it, the truth: 1.5 and −1 (opposite signs), and −(0.5) for the "days since".
		expect(Math.sign(plain.weights[0]!)).not.toBe(Math.sign(plain.weights[1]!));
		expect(spread(weak.weights)).toBeLessThan(spread(plain.weights));
		expect(spread(strong.weights)).toBeLessThan(0.05);
		expect(Math.sign(strong.weights[0]!)).toBe(Math.sign(strong.weights[1]!));
		// A column outside the group is not pulled in (its weight moves only as the fit around
		// it does: the truth is 2).
		expect(strong.weights[4]!).toBeGreaterThan(1);
		expect(Array.from(strong.weights).every(Number.isFinite)).toBe(true);
	});
});

describe('additive models on the demo dataset', () => {
	it('explanations are exact for every scored profile, for both variants', async () => {
		const { db, ctx } = await openDemoDb(1500, 21);
		const m = await buildMatrix(db, demoGoal, ctx);
		for (const variant of ['linear', 'spline'] as const) {
			const { model } = await train(m, 'conversion', 'cpu', { variants: [variant] });
			expect(model.variant).toBe(variant);
			await expectExact(model, m);
		}
	});

	it("each feature's learned shape passes through every profile's own contribution", async () => {
		const { db, ctx } = await openDemoDb(600, 17);
		const m = await buildMatrix(db, demoGoal, ctx);
		const { model } = await train(m, 'conversion', 'cpu', { variants: ['spline'] });
		const s = await score(model, m);
		// Read the shape exactly at the first 50 profiles' values.
		const rows = Math.min(50, s.rows);
		const grids = Array.from({ length: m.cols }, (_, j) =>
			Array.from({ length: rows }, (_, i) => s.x[i * m.cols + j]!)
		);
		const shapes = featureShapes(model, grids);
		for (let j = 0; j < m.cols; j++)
			for (let i = 0; i < rows; i++) {
				const want = s.contributions[i * m.cols + j]!;
				const got = isFinite(grids[j]![i]!) ? shapes[j]!.contribution[i]! : shapes[j]!.missing!;
				expect(Math.abs(got - want)).toBeLessThan(1e-5);
			}
		// The app reads shapes on a grid of the scored values: ascending, distinct, full range.
		const grid = shapeGrid(column(s.x, m.cols, 0, s.rows));
		expect(grid.length).toBeGreaterThan(1);
		for (let k = 1; k < grid.length; k++) expect(grid[k]!).toBeGreaterThan(grid[k - 1]!);
	});

	it('gives the same scores for the same data and seed', async () => {
		const { db, ctx } = await openDemoDb(400, 5);
		const m = await buildMatrix(db, demoGoal, ctx);
		const a = await train(m, 'conversion', 'cpu', { maxEpochs: 8 });
		const b = await train(m, 'conversion', 'cpu', { maxEpochs: 8 });
		expect(b.model).toEqual(a.model);
		expect((await score(b.model, m)).probability).toEqual((await score(a.model, m)).probability);
	});

	it('CPU and WASM backends agree to 1e-3 in probability', async () => {
		const { db, ctx } = await openDemoDb(800, 13);
		const m = await buildMatrix(db, demoGoal, ctx);
		const cpu = await train(m, 'conversion', 'cpu');
		const wasm = await train(m, 'conversion', 'wasm');
		expect(wasm.report.backend).toBe('wasm');
		expect(tf.getBackend()).toBe('wasm');
		expect(wasm.model.variant).toBe(cpu.model.variant);
		const pa = (await score(cpu.model, m)).probability;
		const pb = (await score(wasm.model, m)).probability;
		let worst = 0;
		for (let i = 0; i < pa.length; i++) worst = Math.max(worst, Math.abs(pa[i]! - pb[i]!));
		expect(worst).toBeLessThan(1e-3);
	});

	it('leaks no tensors in a training run or a scoring run', async () => {
		const { db, ctx } = await openDemoDb(300, 3);
		const m = await buildMatrix(db, demoGoal, ctx);
		for (const backend of ['cpu', 'wasm'] as const) {
			await tf.setBackend(backend);
			const before = tf.memory().numTensors;
			const { model } = await train(m, 'conversion', backend, { maxEpochs: 3 });
			expect(tf.memory().numTensors).toBe(before);
			await score(model, m);
			expect(tf.memory().numTensors).toBe(before);
		}
	});

	it('on small data still trains, and gives the AUC a bootstrap interval', async () => {
		const { db, ctx } = await openDemoDb(400, 8);
		const m = await buildMatrix(db, demoGoal, ctx);
		const { report } = await train(m, 'conversion', 'cpu');
		expect(report.validationPositives).toBeLessThan(300);
		expect(report.aucInterval).not.toBeNull();
		const [lo, hi] = report.aucInterval!;
		expect(lo).toBeLessThan(report.auc);
		expect(hi).toBeGreaterThan(report.auc);
		// The validation rows travel with the report, for the evaluation charts.
		expect(report.validation.labels).toHaveLength(report.validationRows);
		expect(auc(report.validation.labels, report.validation.probability)).toBeCloseTo(report.auc, 4);
		expect(report.ece).toBeGreaterThanOrEqual(0);
		expect(report.ece).toBeLessThan(0.2);
	});
});

describe.skipIf(!HAS_SHARED)('additive models on a real event log (../shared/datasets)', () => {
	it('CDNOW: explanations are exact for every scored profile', async () => {
		const { db, src } = await openSharedSource('cdnow/CDNOW_master.txt');
		const spec = parseGoalSpec(JSON.parse(readFileSync('bench/cdnow.goal.json', 'utf8')));
		const { columns } = await loadOne(db, src, spec.data!.events!);
		const m = await buildMatrix(db, spec, { eventColumns: columns, profileColumns: null });
		const { model, report } = await train(m, spec.kind, 'cpu');
		expect(report.auc).toBeGreaterThan(report.baselineAuc);
		await expectExact(model, m);
	});
});
