// An additive logistic model on transformed, standardised features, trained with TF.js (Adam,
// L2, class weights, early stopping on the validation cutoff), then Platt-calibrated. Being
// linear in its inputs, each feature's contribution w_j · z_j is exact: contributions sum to the
// logit minus the baseline logit, with no sampling.
import * as tf from '@tensorflow/tfjs-core';
// tfjs-core alone registers no gradients; training needs them.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { auc, brier, logLoss, sigmoid } from '../engine/metrics/classification';
import { fitPlatt } from '../engine/metrics/calibration';
import { applyStandardiser, fitStandardiser, type Matrix } from '../engine/features/transform';
import { rng } from '../engine/random';
import {
	CancelledError,
	ROLE_TRAIN,
	ROLE_VALIDATION,
	type BackendName,
	type EpochProgress,
	type ModelState,
	type ScoreInput,
	type ScoreResult,
	type TrainOptions,
	type TrainResult,
	type TrainingData
} from './protocol';

function indicesOf(role: Uint8Array, wanted: number): Int32Array {
	const out: number[] = [];
	for (let i = 0; i < role.length; i++) if (role[i] === wanted) out.push(i);
	return Int32Array.from(out);
}

function shuffled(n: number, next: () => number): Int32Array {
	const a = Int32Array.from({ length: n }, (_, i) => i);
	for (let i = n - 1; i > 0; i--) {
		const j = Math.floor(next() * (i + 1));
		[a[i], a[j]] = [a[j]!, a[i]!];
	}
	return a;
}

/** Balanced class weights when the rarer class is under 20 % of rows, else 1 and 1. */
export function classWeights(
	positives: number,
	rows: number
): { positive: number; negative: number } {
	const negatives = rows - positives;
	const minority = Math.min(positives, negatives) / rows;
	if (minority >= 0.2) return { positive: 1, negative: 1 };
	return { positive: rows / (2 * positives), negative: rows / (2 * negatives) };
}

function labelsOf(data: TrainingData, idx: Int32Array): Float32Array {
	return Float32Array.from(idx, (i) => data.labels[i]!);
}

/** Weighted mean log loss of logits. */
function weightedLoss(
	y: Float32Array,
	logits: Float32Array,
	w: { positive: number; negative: number }
): number {
	let sum = 0;
	let total = 0;
	for (let i = 0; i < y.length; i++) {
		const p = Math.min(1 - 1e-7, Math.max(1e-7, sigmoid(logits[i]!)));
		const wi = y[i] === 1 ? w.positive : w.negative;
		sum -= wi * (y[i] === 1 ? Math.log(p) : Math.log(1 - p));
		total += wi;
	}
	return sum / total;
}

/** Logits of standardised rows for plain weights (no tensors). */
export function linearLogits(z: Matrix, weights: ArrayLike<number>, bias: number): Float32Array {
	const out = new Float32Array(z.rows);
	for (let i = 0; i < z.rows; i++) {
		let s = bias;
		for (let j = 0; j < z.cols; j++) s += weights[j]! * z.data[i * z.cols + j]!;
		out[i] = s;
	}
	return out;
}

/** The recency rule's AUC: the more recently active, the likelier to convert (less to churn). */
export function recencyBaselineAuc(data: TrainingData, idx: Int32Array): number {
	const y = labelsOf(data, idx);
	const sign = data.kind === 'conversion' ? -1 : 1;
	const s = Float32Array.from(idx, (i) => sign * data.x[i * data.cols + data.recencyColumn]!);
	return auc(y, s);
}

export interface TrainHooks {
	onEpoch?: (p: EpochProgress) => void;
	isCancelled?: () => boolean;
	/** Lets the worker handle messages (a cancel) between epochs. */
	yieldNow?: () => Promise<void>;
}

export async function trainLogistic(
	data: TrainingData,
	opts: TrainOptions,
	backend: BackendName,
	hooks: TrainHooks = {}
): Promise<TrainResult> {
	const started = performance.now();
	const trainIdx = indicesOf(data.role, ROLE_TRAIN);
	const validIdx = indicesOf(data.role, ROLE_VALIDATION);
	const m: Matrix = { data: data.x, rows: data.rows, cols: data.cols };
	const standardiser = fitStandardiser(m, data.transforms, trainIdx);
	const zTrain = applyStandardiser(m, standardiser, trainIdx);
	const zValid = applyStandardiser(m, standardiser, validIdx);
	const yTrain = labelsOf(data, trainIdx);
	const yValid = labelsOf(data, validIdx);
	const trainPositives = yTrain.reduce((s, v) => s + v, 0);
	const weights = classWeights(trainPositives, yTrain.length);
	const sampleW = Float32Array.from(yTrain, (v) => (v === 1 ? weights.positive : weights.negative));
	const prior = Math.log((trainPositives + 0.5) / (yTrain.length - trainPositives + 0.5));

	const n = zTrain.rows;
	const d = zTrain.cols;
	const x = tf.tensor2d(zTrain.data, [n, d]);
	const y = tf.tensor2d(yTrain, [n, 1]);
	const sw = tf.tensor2d(sampleW, [n, 1]);
	// tf.variable keeps its initial tensor alive; those are disposed right away.
	const [w0, b0] = [tf.zeros([d, 1]), tf.scalar(weights.positive === 1 ? prior : 0)];
	const W = tf.variable(w0, true, 'w');
	const b = tf.variable(b0, true, 'b');
	tf.dispose([w0, b0]);
	const optimizer = tf.train.adam(opts.learningRate);
	const next = rng(opts.seed);
	const batch = Math.min(opts.batchSize, n);
	const history: EpochProgress[] = [];
	let best = { loss: Infinity, epoch: 0, w: new Float32Array(d), b: 0 };
	try {
		for (let epoch = 1; epoch <= opts.maxEpochs; epoch++) {
			const order = shuffled(n, next);
			let lossSum = 0;
			for (let start = 0; start < n; start += batch) {
				const idx = tf.tensor1d(order.subarray(start, Math.min(n, start + batch)), 'int32');
				const cost = optimizer.minimize(
					() =>
						tf.tidy(() => {
							const xb = tf.gather(x, idx);
							const yb = tf.gather(y, idx);
							const wb = tf.gather(sw, idx);
							const logits = tf.add(tf.matMul(xb, W), b);
							// Stable cross-entropy with logits: max(z, 0) - z·y + log(1 + e^-|z|).
							const ce = tf.mul(
								wb,
								tf.add(
									tf.sub(tf.relu(logits), tf.mul(logits, yb)),
									tf.log1p(tf.exp(tf.neg(tf.abs(logits))))
								)
							);
							const l2 = tf.mul(opts.l2, tf.sum(tf.square(W)));
							return tf.add(tf.div(tf.sum(ce), tf.sum(wb)), l2) as tf.Scalar;
						}),
					true
				);
				idx.dispose();
				if (cost) {
					lossSum += (await cost.data())[0]! * (Math.min(n, start + batch) - start);
					cost.dispose();
				}
			}
			const wNow = (await W.data()) as Float32Array;
			const bNow = (await b.data())[0]!;
			const validLogits = linearLogits(zValid, wNow, bNow);
			const progress: EpochProgress = {
				epoch,
				maxEpochs: opts.maxEpochs,
				loss: lossSum / n,
				valLoss: weightedLoss(yValid, validLogits, weights),
				valAuc: auc(yValid, validLogits)
			};
			history.push(progress);
			hooks.onEpoch?.(progress);
			if (progress.valLoss < best.loss - 1e-5)
				best = { loss: progress.valLoss, epoch, w: Float32Array.from(wNow), b: bNow };
			await hooks.yieldNow?.();
			if (hooks.isCancelled?.()) throw new CancelledError();
			if (epoch - best.epoch >= opts.patience) break;
		}
	} finally {
		tf.dispose([x, y, sw, W, b]);
		optimizer.dispose();
	}

	const validLogits = linearLogits(zValid, best.w, best.b);
	const platt = fitPlatt(yValid, validLogits);
	const pValid = Float32Array.from(validLogits, (z) => sigmoid(platt.a * z + platt.b));
	const model: ModelState = {
		family: 'logistic',
		standardiser,
		weights: Array.from(best.w),
		bias: best.b,
		platt
	};
	return {
		model,
		report: {
			backend,
			auc: auc(yValid, validLogits),
			logloss: logLoss(yValid, pValid),
			brier: brier(yValid, pValid),
			baselineAuc: recencyBaselineAuc(data, validIdx),
			trainRows: yTrain.length,
			trainPositives,
			validationRows: yValid.length,
			validationPositives: yValid.reduce((s, v) => s + v, 0),
			epochs: history.length,
			bestEpoch: best.epoch,
			trainMs: Math.round(performance.now() - started),
			classWeights: weights,
			history
		}
	};
}

/**
 * Scores rows with exact contributions: contribution[i][j] = a · w_j · z_ij, so that
 * baselineLogit + Σ_j contribution[i][j] is row i's calibrated logit, where the baseline is
 * a · bias + b (a profile at the training mean of every feature).
 */
export function scoreLogistic(model: ModelState, input: ScoreInput): ScoreResult {
	const z = applyStandardiser(
		{ data: input.x, rows: input.rows, cols: input.cols },
		model.standardiser
	);
	const { a, b } = model.platt;
	const baselineLogit = a * model.bias + b;
	const contributions = new Float32Array(z.rows * z.cols);
	const probability = new Float32Array(z.rows);
	for (let i = 0; i < z.rows; i++) {
		let s = baselineLogit;
		for (let j = 0; j < z.cols; j++) {
			const c = a * model.weights[j]! * z.data[i * z.cols + j]!;
			contributions[i * z.cols + j] = c;
			s += c;
		}
		probability[i] = sigmoid(s);
	}
	return { probability, contributions, baselineLogit };
}
