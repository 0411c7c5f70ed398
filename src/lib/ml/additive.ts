// Additive models: logit = bias + Σ_features f_j(x_j), each f_j a learned shape (linear, or
// piecewise-linear with smooth hinges: a generalised additive model). Both variants are trained
// and the one with the better validation AUC is kept. Because the model is a sum over features,
// each profile's contributions are exact: they sum to its logit minus the baseline logit.
import {
	expandBasis,
	featureContribution,
	liftWeights,
	fitBasis,
	SPLINE_QUANTILES
} from '../engine/features/basis';
import { fitStandardiser, type Matrix, type Standardiser } from '../engine/features/transform';
import { fitPlatt } from '../engine/metrics/calibration';
import { recencyRuleScores } from '../engine/metrics/baseline';
import { evaluationCurves } from '../engine/metrics/curves';
import {
	auc,
	bootstrapAuc,
	brier,
	expectedCalibrationError,
	logLoss,
	sigmoid
} from '../engine/metrics/classification';
import { rng } from '../engine/random';
import { fitLogistic, type Design, type FitHooks } from './fit';
import {
	ROLE_TRAIN,
	ROLE_VALIDATION,
	type BackendName,
	type FeatureShape,
	type ModelState,
	type ScoreInput,
	type ScoreResult,
	type TrainOptions,
	type TrainResult,
	type TrainingData,
	type Variant,
	type VariantReport
} from './protocol';

/** Below this many validation rows of either class, the AUC gets a bootstrap interval. */
export const FEW_ROWS = 300;

/** Rows scored per block of the expanded design. */
const SCORE_BLOCK = 20_000;

function indicesOf(role: Uint8Array, wanted: number): Int32Array {
	const out: number[] = [];
	for (let i = 0; i < role.length; i++) if (role[i] === wanted) out.push(i);
	return Int32Array.from(out);
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

interface Trained {
	model: Omit<ModelState, 'platt'>;
	validLogits: Float32Array;
	report: VariantReport;
	history: TrainResult['report']['history'];
	bestEpoch: number;
}

async function trainVariant(
	data: TrainingData,
	variant: Variant,
	opts: TrainOptions,
	split: { train: Int32Array; valid: Int32Array; yTrain: Float32Array; yValid: Float32Array },
	weights: { positive: number; negative: number },
	standardiser: Standardiser,
	hooks: FitHooks,
	from?: Trained
): Promise<Trained> {
	const started = performance.now();
	const m: Matrix = { data: data.x, rows: data.rows, cols: data.cols };
	const basis = fitBasis(
		m,
		data.transforms,
		split.train,
		variant === 'spline' ? SPLINE_QUANTILES : [],
		standardiser
	);
	// The design is built chunk by chunk as the fit asks for it: never whole in JS memory.
	const design = (rows: Int32Array): Design => ({
		rows: rows.length,
		cols: basis.owner.length,
		chunk: (start, end) => expandBasis(m, basis, rows.subarray(start, end)).data
	});
	const penalty = Float32Array.from(basis.kinds, (k) =>
		k === 'hinge' ? opts.smoothness : opts.l2
	);
	// The agreement penalty reads each feature's linear column (its overall slope).
	const agreement = data.agreement && {
		strength: opts.agreement,
		group: Int32Array.from(basis.kinds, (k, c) => {
			const j = basis.owner[c]!;
			return k === 'linear' && data.agreement!.direction[j] ? data.agreement!.group[j]! : -1;
		}),
		sign: Float64Array.from(basis.owner, (j) => data.agreement!.direction[j]!)
	};
	const fitted = await fitLogistic(
		{
			train: design(split.train),
			yTrain: split.yTrain,
			valid: design(split.valid),
			yValid: split.yValid,
			penalty,
			agreement,
			classWeights: weights,
			start:
				from &&
				Float64Array.of(
					...liftWeights(from.model.basis, from.model.weights, basis),
					from.model.bias
				)
		},
		opts,
		variant,
		hooks
	);
	return {
		model: {
			family: 'additive',
			variant,
			basis,
			weights: Array.from(fitted.weights),
			bias: fitted.bias
		},
		validLogits: fitted.validLogits,
		history: fitted.history,
		bestEpoch: fitted.bestEpoch,
		report: {
			variant,
			auc: auc(split.yValid, fitted.validLogits),
			logloss: fitted.history.find((h) => h.epoch === fitted.bestEpoch)?.valLoss ?? NaN,
			epochs: fitted.history.length,
			trainMs: Math.round(performance.now() - started)
		}
	};
}

/** Trains every variant in `opts.variants`, keeps the best by validation AUC, calibrates it. */
export async function trainModels(
	data: TrainingData,
	opts: TrainOptions,
	backend: BackendName,
	hooks: FitHooks = {}
): Promise<TrainResult> {
	const started = performance.now();
	const train = indicesOf(data.role, ROLE_TRAIN);
	const valid = indicesOf(data.role, ROLE_VALIDATION);
	const split = {
		train,
		valid,
		yTrain: Float32Array.from(train, (i) => data.labels[i]!),
		yValid: Float32Array.from(valid, (i) => data.labels[i]!)
	};
	const trainPositives = split.yTrain.reduce((s, v) => s + v, 0);
	const weights = classWeights(trainPositives, split.yTrain.length);
	// Both variants standardise the features the same way: learn that once.
	const m: Matrix = { data: data.x, rows: data.rows, cols: data.cols };
	const standardiser = fitStandardiser(m, data.transforms, train);
	const results: Trained[] = [];
	for (const variant of opts.variants) {
		// The GAM starts from the logistic model when that was fitted first (its columns are
		// the GAM's own, hinges at zero): fewer iterations to the same kind of optimum.
		const linear =
			variant === 'spline' ? results.find((r) => r.model.variant === 'linear') : undefined;
		results.push(
			await trainVariant(data, variant, opts, split, weights, standardiser, hooks, linear)
		);
	}
	// The simpler model wins ties: a more flexible one must earn its place.
	const best = results.reduce((a, b) => (b.report.auc > a.report.auc + 1e-4 ? b : a));

	const platt = fitPlatt(split.yValid, best.validLogits);
	const pValid = Float32Array.from(best.validLogits, (z) => sigmoid(platt.a * z + platt.b));
	const validPositives = split.yValid.reduce((s, v) => s + v, 0);
	const few = Math.min(validPositives, split.yValid.length - validPositives) < FEW_ROWS;
	const recency = recencyRuleScores(data.x, data.cols, data.recencyColumn, valid, data.kind);
	return {
		model: { ...best.model, platt },
		report: {
			backend,
			variant: best.model.variant,
			auc: best.report.auc,
			aucInterval: few ? bootstrapAuc(split.yValid, best.validLogits, rng(opts.seed)) : null,
			logloss: logLoss(split.yValid, pValid),
			brier: brier(split.yValid, pValid),
			ece: expectedCalibrationError(split.yValid, pValid),
			baselineAuc: auc(split.yValid, recency),
			trainRows: split.yTrain.length,
			trainPositives,
			validationRows: split.yValid.length,
			validationPositives: validPositives,
			epochs: best.report.epochs,
			bestEpoch: best.bestEpoch,
			trainMs: Math.round(performance.now() - started),
			classWeights: weights,
			validation: { labels: Uint8Array.from(split.yValid), probability: pValid, recency },
			curves: evaluationCurves(split.yValid, pValid, recency),
			comparison: results.map((r) => r.report).sort((a, b) => b.auc - a.auc),
			history: results.flatMap((r) => r.history)
		}
	};
}

/**
 * Scores rows with exact contributions: contribution[i][j] = a · Σ_{c of feature j} w_c · (φ_c − mean_c),
 * so baselineLogit + Σ_j contribution[i][j] is row i's calibrated logit, the baseline being
 * a · bias + b (a profile at the training average of every basis column).
 */
export function scoreAdditive(model: ModelState, input: ScoreInput): ScoreResult {
	const { a, b } = model.platt;
	const owner = model.basis.owner;
	const baselineLogit = a * model.bias + b;
	const contributions = new Float32Array(input.rows * input.cols);
	const probability = new Float32Array(input.rows);
	const raw = { data: input.x, rows: input.rows, cols: input.cols };
	const perFeature = new Float64Array(input.cols);
	// The design is expanded a block of rows at a time: a million profiles never need it whole.
	for (let start = 0; start < input.rows; start += SCORE_BLOCK) {
		const rows = Int32Array.from(
			{ length: Math.min(SCORE_BLOCK, input.rows - start) },
			(_, k) => start + k
		);
		const design = expandBasis(raw, model.basis, rows);
		for (let k = 0; k < rows.length; k++) {
			const i = start + k;
			perFeature.fill(0);
			for (let c = 0; c < design.cols; c++)
				perFeature[owner[c]!]! += model.weights[c]! * design.data[k * design.cols + c]!;
			let s = baselineLogit;
			for (let j = 0; j < input.cols; j++) {
				const v = a * perFeature[j]!;
				contributions[i * input.cols + j] = v;
				s += v;
			}
			probability[i] = sigmoid(s);
		}
	}
	return { probability, contributions, baselineLogit };
}

/** Each feature's learned shape, read at the values in `grids[j]` (for the charts). */
export function featureShapes(model: ModelState, grids: number[][]): FeatureShape[] {
	const at = (j: number, x: number) =>
		model.platt.a * featureContribution(model.basis, model.weights, j, x);
	return grids.map((x, j) => ({
		x,
		contribution: x.map((v) => at(j, v)),
		missing: model.basis.missing[j] ? at(j, NaN) : null
	}));
}
