// Fits weights and a bias for a class-weighted logistic loss with a per-column L2 penalty, in
// TF.js: full-batch L-BFGS, the loss and its gradient computed on the backend over chunks of the
// design matrix (chunks.ts: kept as tensors, built chunk by chunk so the whole design never sits
// in JS memory). The problem is convex, so every backend converges to the same weights (what the
// backend agreement test relies on) and the result does not depend on a batch order. Each
// iteration is one "epoch" for progress: validation loss and AUC are reported, the best
// iterate by validation loss is kept (early stopping), and a cancel is seen between iterations.
import { auc, sigmoid } from '../engine/metrics/classification';
import { disposeChunks, eachChunk, logitsOf, toChunks, type Design } from './chunks';
import { CancelledError, type EpochProgress, type TrainOptions, type Variant } from './protocol';

export interface FitHooks {
	onEpoch?: (p: EpochProgress) => void;
	isCancelled?: () => boolean;
	/** Lets the worker handle messages (a cancel) between iterations. */
	yieldNow?: () => Promise<void>;
}

export type { Design } from './chunks';

export interface FitInput {
	train: Design;
	yTrain: Float32Array;
	valid: Design;
	yValid: Float32Array;
	/** Per column L2 penalty (on the mean loss). */
	penalty: Float32Array;
	classWeights: { positive: number; negative: number };
	/** Where the fit starts, (weights, bias); default: no weights, the bias at the prior log-odds. */
	start?: Float64Array;
	/** Design values to keep on the backend (default CACHE_VALUES); tests lower it. */
	cacheValues?: number;
	/**
	 * The agreement penalty: λ · Σ_groups Σ_c (sign_c · θ_c − mean of the group's sign · θ)²
	 * over the columns of `group` ≥ 0 (per column: a group index or −1).
	 */
	agreement?: { strength: number; group: Int32Array; sign: Float64Array };
}

export interface Fitted {
	weights: Float32Array;
	bias: number;
	/** The validation rows' logits under the kept weights. */
	validLogits: Float32Array;
	bestEpoch: number;
	history: EpochProgress[];
}

/**
 * Design values kept on the backend between iterations, X and Xᵀ both counted (2 GB of float32;
 * the backend packs a copy of each for its products, and TF.js's WASM heap grows to 4 GB).
 * Chunks beyond it are rebuilt from the raw features each time they are used: much slower, but
 * any size fits in memory.
 */
const CACHE_VALUES = 500_000_000;
/** L-BFGS memory (pairs of steps and gradient changes kept). */
const MEMORY = 10;

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

/**
 * Adds the agreement penalty's gradient to `grad` and returns its value. The gradient of the
 * group mean cancels: Σ_c (sign_c·θ_c − mean) = 0 within a group.
 */
function agreementTerm(
	a: NonNullable<FitInput['agreement']>,
	theta: Float64Array,
	grad: Float64Array
): number {
	const groups = Math.max(-1, ...a.group) + 1;
	const sum = new Float64Array(groups);
	const n = new Float64Array(groups);
	a.group.forEach((g, c) => {
		if (g < 0) return;
		sum[g]! += a.sign[c]! * theta[c]!;
		n[g]!++;
	});
	let loss = 0;
	a.group.forEach((g, c) => {
		if (g < 0 || n[g]! < 2) return;
		const gap = a.sign[c]! * theta[c]! - sum[g]! / n[g]!;
		loss += a.strength * gap * gap;
		grad[c]! += 2 * a.strength * gap * a.sign[c]!;
	});
	return loss;
}

const dot = (a: Float64Array, b: Float64Array) => a.reduce((s, v, i) => s + v * b[i]!, 0);

export async function fitLogistic(
	input: FitInput,
	opts: TrainOptions,
	variant: Variant,
	hooks: FitHooks = {}
): Promise<Fitted> {
	const { train, yTrain, yValid, classWeights: cw } = input;
	const d = train.cols;
	const weightOf = (v: number) => (v === 1 ? cw.positive : cw.negative);
	const sampleW = Float32Array.from(yTrain, weightOf);
	const totalW = sampleW.reduce((s, v) => s + v, 0);
	const budget = { values: input.cacheValues ?? CACHE_VALUES };
	const trainChunks = toChunks(train, budget);
	const validChunks = toChunks(input.valid, budget);
	const penalty = Float64Array.from(input.penalty);
	const agree = input.agreement?.strength ? input.agreement : null;
	const residual = new Float32Array(train.rows);

	/**
	 * Penalised weighted mean loss and its gradient at θ = (weights, bias). The matrix products
	 * run on the backend; the loss is summed in float64 here, so the line search can see
	 * improvements smaller than float32 sums could resolve.
	 */
	async function objective(theta: Float64Array): Promise<{ loss: number; grad: Float64Array }> {
		const v = new Float64Array(d);
		let lossSum = 0;
		let biasGrad = 0;
		// Chunk by chunk: logits on the backend, loss and residuals here, then the gradient
		// from the same chunk (so a chunk that is not kept is built once per evaluation).
		await eachChunk(
			trainChunks,
			theta.subarray(0, d),
			theta[d]!,
			(z, start) => {
				for (let k = 0; k < z.length; k++) {
					const i = start + k;
					const zi = z[k]!;
					const yi = yTrain[i]!;
					// Stable cross-entropy with logits: max(z, 0) − z·y + log(1 + e^−|z|).
					lossSum +=
						sampleW[i]! * (Math.max(zi, 0) - zi * yi + Math.log1p(Math.exp(-Math.abs(zi))));
					const r = sampleW[i]! * (sigmoid(zi) - yi);
					residual[i] = r;
					biasGrad += r;
				}
				return residual.subarray(start, start + z.length);
			},
			v
		);
		const grad = new Float64Array(d + 1);
		let loss = lossSum / totalW;
		for (let j = 0; j < d; j++) {
			loss += penalty[j]! * theta[j]! ** 2;
			grad[j] = v[j]! / totalW + 2 * penalty[j]! * theta[j]!;
		}
		if (agree) loss += agreementTerm(agree, theta, grad);
		grad[d] = biasGrad / totalW;
		return { loss, grad };
	}

	const positives = yTrain.reduce((s, v) => s + v, 0);
	let theta = new Float64Array(d + 1);
	// Start at the prior log-odds (of the weighted classes) so the first steps learn shapes.
	theta[d] = Math.log(
		(cw.positive * positives + 0.5) / (cw.negative * (yTrain.length - positives) + 0.5)
	);
	if (input.start) theta = Float64Array.from(input.start);
	let current = await objective(theta);
	const steps: Float64Array[] = [];
	const changes: Float64Array[] = [];
	const history: EpochProgress[] = [];
	let best = { loss: Infinity, epoch: 0, theta, logits: new Float32Array(0) as Float32Array };
	try {
		for (let epoch = 1; epoch <= opts.maxEpochs; epoch++) {
			// Two-loop recursion: direction = −H·grad from the last MEMORY pairs.
			const q = Float64Array.from(current.grad);
			const alphas: number[] = [];
			for (let k = steps.length - 1; k >= 0; k--) {
				const rho = 1 / dot(changes[k]!, steps[k]!);
				const a = rho * dot(steps[k]!, q);
				alphas[k] = a;
				for (let j = 0; j <= d; j++) q[j]! -= a * changes[k]![j]!;
			}
			const last = steps.length - 1;
			const gamma =
				last >= 0
					? dot(steps[last]!, changes[last]!) / dot(changes[last]!, changes[last]!)
					: 1 / Math.max(1, Math.sqrt(dot(current.grad, current.grad)));
			for (let j = 0; j <= d; j++) q[j]! *= gamma;
			for (let k = 0; k < steps.length; k++) {
				const rho = 1 / dot(changes[k]!, steps[k]!);
				const b = rho * dot(changes[k]!, q);
				for (let j = 0; j <= d; j++) q[j]! += steps[k]![j]! * (alphas[k]! - b);
			}
			const direction = q.map((v) => -v);
			let slope = dot(direction, current.grad);
			if (!(slope < 0)) {
				// Not a descent direction (curvature lost in float32): restart from the gradient.
				steps.length = changes.length = 0;
				direction.set(
					current.grad.map((v) => -v / Math.max(1, Math.sqrt(dot(current.grad, current.grad))))
				);
				slope = dot(direction, current.grad);
			}
			// Backtracking line search (Armijo).
			let step = 1;
			let next = theta;
			let trial = current;
			for (let tries = 0; tries < 20; tries++) {
				next = theta.map((v, j) => v + step * direction[j]!);
				trial = await objective(next);
				if (trial.loss <= current.loss + 1e-4 * step * slope) break;
				step /= 2;
			}
			const improved = current.loss - trial.loss;
			if (trial.loss < current.loss) {
				const s = next.map((v, j) => v - theta[j]!);
				const yk = trial.grad.map((v, j) => v - current.grad[j]!);
				if (dot(s, yk) > 1e-12) {
					steps.push(s);
					changes.push(yk);
					if (steps.length > MEMORY) {
						steps.shift();
						changes.shift();
					}
				}
				theta = next;
				current = trial;
			}
			const logits = await logitsOf(validChunks, theta.subarray(0, d), theta[d]!);
			const progress: EpochProgress = {
				variant,
				epoch,
				maxEpochs: opts.maxEpochs,
				loss: current.loss,
				valLoss: weightedLoss(yValid, logits, cw),
				valAuc: auc(yValid, logits)
			};
			history.push(progress);
			hooks.onEpoch?.(progress);
			if (progress.valLoss < best.loss - 1e-6)
				best = { loss: progress.valLoss, epoch, theta, logits };
			await hooks.yieldNow?.();
			if (hooks.isCancelled?.()) throw new CancelledError();
			if (epoch - best.epoch >= opts.patience) break;
			// Converged: no measurable progress on the training objective.
			if (improved <= 1e-9 * Math.max(1, Math.abs(current.loss))) break;
		}
	} finally {
		disposeChunks(trainChunks);
		disposeChunks(validChunks);
	}
	return {
		weights: Float32Array.from(best.theta.subarray(0, d)),
		bias: best.theta[d]!,
		validLogits: best.logits,
		bestEpoch: best.epoch,
		history
	};
}
