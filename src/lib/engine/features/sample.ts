// The training sample: when the training cutoffs would give more rows than a budget, only a
// share of customers, chosen by a hash of their id, give rows there (the same data gives the same
// sample, and a smaller share is a subset of a larger one). The validation cutoff has a budget of
// its own, larger, so that on all but the largest logs early stopping, calibration and the AUC
// are measured on every customer; past it, on a sample drawn by the same hash (so it holds every
// customer the model learned from). Every eligible profile is still scored at the scoring cutoff.
import { frag } from '../sql/fragment';
import { intLiteral, quoteIdent } from '../sql/quote';
import { COL, type SqlFragment } from '../types';

/**
 * Customer-cutoff rows a model learns from (the training cutoffs) before a sample is drawn.
 * Chosen by measurement: AUC against sample size in docs/BENCHMARKS.md.
 */
export const TRAINING_ROW_BUDGET = 200_000;

/**
 * Rows of the validation cutoff built at most. An AUC of 0.8 measured on 250,000 rows has a
 * standard error of about 0.002 at a 10 % base rate and 0.005 at 1 % (Hanley and McNeil), while
 * a million validation rows would cost as much to build as scoring a million customers.
 */
export const VALIDATION_ROW_BUDGET = 250_000;

/** Hash buckets a share is counted in: shares are exact to one in a million customers. */
const BUCKETS = 1_000_000;

export interface TrainingSample {
	/** Share of customers (0–1] whose rows at the training cutoffs are built. */
	share: number;
	/** Rows the training cutoffs would give without the sample (an upper bound, see db/matrix.ts). */
	estimatedRows: number;
}

/** The training and validation samples a matrix was built with (null: every customer). */
export interface MatrixSamples {
	train: TrainingSample | null;
	validation: TrainingSample | null;
}

/** The sample for `estimatedRows` training rows under `budget`; null when they all fit. */
export function trainingSample(
	estimatedRows: number,
	budget = TRAINING_ROW_BUDGET
): TrainingSample | null {
	if (estimatedRows <= budget) return null;
	return { share: budget / estimatedRows, estimatedRows };
}

/** Whether the customer of the row aliased `alias` is in a sample of `share`. */
export function inSample(alias: string, share: number): SqlFragment {
	const below = Math.max(1, Math.round(share * BUCKETS));
	return frag(`hash(${alias}.${quoteIdent(COL.customerId)}) % ${BUCKETS} < ${intLiteral(below)}`);
}
