// The training sample: when the training cutoffs would give more rows than a budget, only a
// share of customers, chosen by a hash of their id, give rows there (the same data gives the same
// sample, and a smaller share is a subset of a larger one). The validation cutoff stays whole, so
// early stopping, calibration and the AUC are measured on every customer, and every eligible
// profile is still scored at the scoring cutoff.
import { frag } from '../sql/fragment';
import { quoteIdent } from '../sql/quote';
import { COL, type SqlFragment } from '../types';

/**
 * Customer-cutoff rows a model learns from (the training cutoffs) before a sample is drawn.
 * Chosen by measurement: AUC against sample size in docs/BENCHMARKS.md.
 */
export const TRAINING_ROW_BUDGET = 200_000;

/** Hash buckets a share is counted in: shares are exact to one in a million customers. */
const BUCKETS = 1_000_000;

export interface TrainingSample {
	/** Share of customers (0–1] whose rows at the training cutoffs are built. */
	share: number;
	/** Rows the training cutoffs would give without the sample (an upper bound, see db/matrix.ts). */
	estimatedRows: number;
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
	return frag(`hash(${alias}.${quoteIdent(COL.customerId)}) % ${BUCKETS} < ?`, [
		Math.max(1, Math.round(share * BUCKETS))
	]);
}
