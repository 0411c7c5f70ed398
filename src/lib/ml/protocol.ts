// Plain-data types that cross the ML worker boundary (comlink). Typed arrays are transferred;
// layouts are stated on each field.
import type { Platt } from '../engine/metrics/calibration';
import type { Standardiser } from '../engine/features/transform';
import type { Transform } from '../engine/features/spec';
import type { GoalKind } from '../engine/types';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

export interface BackendInfo {
	name: BackendName;
	/** Why the ones before it were skipped, for the UI ("WebGPU: no adapter"). */
	skipped: string[];
}

/** Row roles in `TrainingData.role`. */
export const ROLE_TRAIN = 0;
export const ROLE_VALIDATION = 1;

export interface TrainingData {
	/** Row-major rows × cols raw feature values (NaN = missing); training and validation rows. */
	x: Float32Array;
	rows: number;
	cols: number;
	/** Per row: 1 or 0. */
	labels: Int8Array;
	/** Per row: ROLE_TRAIN or ROLE_VALIDATION. */
	role: Uint8Array;
	transforms: Transform[];
	/** Column of "days since last event", for the recency-rule baseline. */
	recencyColumn: number;
	kind: GoalKind;
}

export interface TrainOptions {
	seed: number;
	maxEpochs: number;
	batchSize: number;
	learningRate: number;
	l2: number;
	/** Stop after this many epochs without a better validation loss. */
	patience: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
	seed: 42,
	maxEpochs: 60,
	batchSize: 1024,
	learningRate: 0.05,
	l2: 1e-4,
	patience: 6
};

export interface EpochProgress {
	epoch: number;
	maxEpochs: number;
	/** Weighted training log loss. */
	loss: number;
	/** Weighted validation log loss (what early stopping watches). */
	valLoss: number;
	valAuc: number;
}

/** A trained model: everything needed to score new rows, no tensors. */
export interface ModelState {
	family: 'logistic';
	standardiser: Standardiser;
	/** One weight per standardised feature; logit = bias + Σ weights[j] · z[j]. */
	weights: number[];
	bias: number;
	/** Calibration on the validation cutoff: p = sigmoid(a · logit + b). */
	platt: Platt;
}

export interface ModelReport {
	backend: BackendName;
	/** On the validation cutoff. */
	auc: number;
	logloss: number;
	brier: number;
	/** AUC of the recency rule ("most recently active first") on the same rows. */
	baselineAuc: number;
	trainRows: number;
	trainPositives: number;
	validationRows: number;
	validationPositives: number;
	epochs: number;
	bestEpoch: number;
	trainMs: number;
	classWeights: { positive: number; negative: number };
	history: EpochProgress[];
}

export interface TrainResult {
	model: ModelState;
	report: ModelReport;
}

export interface ScoreInput {
	/** Row-major rows × cols raw feature values. */
	x: Float32Array;
	rows: number;
	cols: number;
}

export interface ScoreResult {
	/** Calibrated probability per row. */
	probability: Float32Array;
	/** Row-major rows × cols: each feature's contribution to the calibrated logit. */
	contributions: Float32Array;
	/** Calibrated logit of a profile at the training mean of every feature. */
	baselineLogit: number;
}

export class CancelledError extends Error {
	constructor() {
		super('cancelled');
		this.name = 'CancelledError';
	}
}
