// Fits weights and a bias for a logistic loss over a design matrix with TF.js: Adam on seeded
// mini-batches, class weights, a per-column L2 penalty, early stopping on the validation loss
// (best weights kept), progress each epoch and a cancel checked between epochs.
import * as tf from '@tensorflow/tfjs-core';
// tfjs-core alone registers no gradients; training needs them.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import type { Matrix } from '../engine/features/transform';
import { auc, sigmoid } from '../engine/metrics/classification';
import { rng } from '../engine/random';
import { CancelledError, type EpochProgress, type TrainOptions, type Variant } from './protocol';

export interface FitHooks {
	onEpoch?: (p: EpochProgress) => void;
	isCancelled?: () => boolean;
	/** Lets the worker handle messages (a cancel) between epochs. */
	yieldNow?: () => Promise<void>;
}

export interface FitInput {
	train: Matrix;
	yTrain: Float32Array;
	valid: Matrix;
	yValid: Float32Array;
	/** Per column L2 penalty. */
	penalty: Float32Array;
	classWeights: { positive: number; negative: number };
}

export interface Fitted {
	weights: Float32Array;
	bias: number;
	bestEpoch: number;
	history: EpochProgress[];
}

function shuffled(n: number, next: () => number): Int32Array {
	const a = Int32Array.from({ length: n }, (_, i) => i);
	for (let i = n - 1; i > 0; i--) {
		const j = Math.floor(next() * (i + 1));
		[a[i], a[j]] = [a[j]!, a[i]!];
	}
	return a;
}

/** Logits of design rows for plain weights (no tensors). */
export function linearLogits(z: Matrix, weights: ArrayLike<number>, bias: number): Float32Array {
	const out = new Float32Array(z.rows);
	for (let i = 0; i < z.rows; i++) {
		let s = bias;
		for (let j = 0; j < z.cols; j++) s += weights[j]! * z.data[i * z.cols + j]!;
		out[i] = s;
	}
	return out;
}

/** Weighted mean log loss of logits. */
export function weightedLoss(
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

export async function fitLogistic(
	input: FitInput,
	opts: TrainOptions,
	variant: Variant,
	hooks: FitHooks = {}
): Promise<Fitted> {
	const { train, yTrain, valid, yValid, classWeights: weights } = input;
	const n = train.rows;
	const d = train.cols;
	const positives = yTrain.reduce((s, v) => s + v, 0);
	const prior = Math.log((positives + 0.5) / (n - positives + 0.5));
	const sampleW = Float32Array.from(yTrain, (v) => (v === 1 ? weights.positive : weights.negative));
	const x = tf.tensor2d(train.data, [n, d]);
	const y = tf.tensor2d(yTrain, [n, 1]);
	const sw = tf.tensor2d(sampleW, [n, 1]);
	const pen = tf.tensor2d(input.penalty, [d, 1]);
	// tf.variable keeps its initial tensor alive; those are disposed right away.
	const [w0, b0] = [tf.zeros([d, 1]), tf.scalar(weights.positive === 1 ? prior : 0)];
	const W = tf.variable(w0, true, `w_${variant}`);
	const b = tf.variable(b0, true, `b_${variant}`);
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
							const l2 = tf.sum(tf.mul(pen, tf.square(W)));
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
			const validLogits = linearLogits(valid, wNow, bNow);
			const progress: EpochProgress = {
				variant,
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
		tf.dispose([x, y, sw, pen, W, b]);
		optimizer.dispose();
	}
	return { weights: best.w, bias: best.b, bestEpoch: best.epoch, history };
}
