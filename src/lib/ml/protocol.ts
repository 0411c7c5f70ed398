// Plain-data types that cross the ML worker boundary (comlink). Typed arrays are transferred;
// layouts are stated on each field.
import type { Platt } from '../engine/metrics/calibration';
import type { Basis } from '../engine/features/basis';
import type { Transform } from '../engine/features/spec';
import type { GoalKind } from '../engine/types';
import type { AudienceInsights } from '../engine/insights/summary';
import type { EvaluationCurves } from '../engine/metrics/curves';
import type { ScoreColumns } from '../engine/scores';
import type { FeatureDrift, FeatureReference } from '../engine/metrics/drift';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

export interface BackendInfo {
	name: BackendName;
	/** Threads the backend computes on: WASM's pool when cross-origin isolated, else 1. */
	threads: number;
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
	/**
	 * Per feature: its factor group's index and which way it measures the group's activity
	 * (`activityDirection`; 0: none), for the agreement penalty. Absent: no such penalty.
	 */
	agreement?: { group: Int32Array; direction: Int8Array };
}

/** Model variants tried; the one with the best validation AUC is kept. */
export type Variant = 'linear' | 'spline';

/** How each variant is named to the user: in full, and in chart legends. */
export const VARIANT_LABEL: Record<Variant, { name: string; short: string }> = {
	linear: { name: 'Logistic model on transformed features', short: 'Logistic' },
	spline: { name: 'Additive model with learned shapes (GAM)', short: 'GAM' }
};

export interface TrainOptions {
	/** Seeds the bootstrap interval of the AUC (the fit itself is deterministic). */
	seed: number;
	/** At most this many L-BFGS iterations ("epochs": each is a full pass over the rows). */
	maxEpochs: number;
	/** L2 penalty on linear terms and missing indicators. */
	l2: number;
	/** L2 penalty on hinge terms: it penalises changes of slope, so it smooths the shapes. */
	smoothness: number;
	/**
	 * Stop after this many iterations without a better validation loss. 20 (was 100): on CDNOW,
	 * grocery and MOOC the kept model's AUC moved by at most 0.0001 and the fit ran half the
	 * iterations or fewer (2026-12-01, docs/BENCHMARKS.md).
	 */
	patience: number;
	variants: Variant[];
	/**
	 * Strength of the agreement penalty: it pulls the linear slopes of one group's features
	 * (signed by their direction) towards their mean, so correlated windows of one event type
	 * do not take opposite signs. 0: off.
	 */
	agreement: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
	seed: 42,
	maxEpochs: 300,
	l2: 1e-4,
	smoothness: 1e-4,
	patience: 20,
	variants: ['linear', 'spline'],
	agreement: 0
};

export interface EpochProgress {
	variant: Variant;
	epoch: number;
	maxEpochs: number;
	/** Weighted training log loss. */
	loss: number;
	/** Weighted validation log loss (what early stopping watches). */
	valLoss: number;
	valAuc: number;
}

/**
 * A trained additive model: logit = bias + Σ weights[c] · (basis column c − its training mean),
 * grouped by feature (basis.owner). Everything needed to score new rows; no tensors.
 */
export interface ModelState {
	family: 'additive';
	variant: Variant;
	basis: Basis;
	weights: number[];
	bias: number;
	/** Calibration on the validation cutoff: p = sigmoid(a · logit + b). */
	platt: Platt;
}

export interface VariantReport {
	variant: Variant;
	auc: number;
	logloss: number;
	epochs: number;
	trainMs: number;
}

export interface ModelReport {
	backend: BackendName;
	/** `BackendInfo.threads` while it trained; absent in project files saved before it existed. */
	threads?: number;
	variant: Variant;
	/** On the validation cutoff. */
	auc: number;
	/** 95 % bootstrap interval of the AUC, when either class has under 300 validation rows. */
	aucInterval: [number, number] | null;
	logloss: number;
	brier: number;
	/** Expected calibration error (10 bins) of the calibrated probabilities. */
	ece: number;
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
	/**
	 * The validation cutoff's rows, for the evaluation charts: labels, calibrated probabilities
	 * and the recency rule's scores (higher = more likely).
	 */
	validation: { labels: Uint8Array; probability: Float32Array; recency: Float32Array };
	/** The evaluation view's curves from those rows (computed in the worker). */
	curves: EvaluationCurves;
	/** Every variant tried, best first. */
	comparison: VariantReport[];
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

/**
 * What `scoreAudience` describes of the scored rows besides their scores: `shapes` (each
 * feature's learned shape over the values these rows have) and `reference` (their value
 * distributions, for drift later) when the model was just trained on them, or `drift` against a
 * trained model's reference when new data is scored with it.
 */
export type AudienceDescribe = { trained: true } | { reference: FeatureReference[] };

/** Scores with what the Insights step draws of them, computed where the rows are (the worker). */
export interface AudienceResult {
	/** The scored rows themselves, handed back (they were transferred in: no copy is kept). */
	x: Float32Array;
	scored: ScoreResult;
	/** Score and percentile, and each row's bucket as its code (`bucketCodes`): a typed array
	 * crosses to the page at once, where 439,000 bucket names took 130 ms to arrive. */
	columns: Omit<ScoreColumns, 'bucket'> & { bucketCode: Uint8Array };
	insights: AudienceInsights;
	shapes?: FeatureShape[];
	reference?: FeatureReference[];
	drift?: FeatureDrift[];
}

/** A feature's learned shape: its calibrated contribution at each value of `x`. */
export interface FeatureShape {
	x: number[];
	contribution: number[];
	/** The contribution of a missing value, when training saw missing values. */
	missing: number | null;
}

export class CancelledError extends Error {
	constructor() {
		super('cancelled');
		this.name = 'CancelledError';
	}
}
