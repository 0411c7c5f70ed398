// The backtest's plan and measures. A walk-forward backtest: for each past cutoff that has at
// least two older ones, a model is trained on the cutoffs before the one just older than it,
// validated and calibrated on that one, and tested on it — as if it had been trained then. So
// every number here is out of sample.
import type { Cutoff } from '../cutoffs';
import { BUCKETS, scoreColumns } from '../scores';
import type { Bucket } from '../types';
import { auc } from './classification';
import { liftTable } from './curves';

export interface Fold {
	/** Index in the cutoff list (oldest first) of the cutoff tested. */
	test: number;
	/** Its validation cutoff (test − 1) and training cutoffs (0 … test − 2). */
	validation: number;
	training: number[];
}

/** Every labelled cutoff with two or more older cutoffs is tested, oldest first. */
export function backtestFolds(cutoffs: Cutoff[]): Fold[] {
	const folds: Fold[] = [];
	cutoffs.forEach((c, k) => {
		if (c.role === 'score' || k < 2) return;
		folds.push({
			test: k,
			validation: k - 1,
			training: Array.from({ length: k - 1 }, (_, i) => i)
		});
	});
	return folds;
}

export interface BucketRate {
	bucket: Bucket;
	profiles: number;
	/** Mean calibrated probability: the goal rate the model expected. */
	expected: number;
	/** The goal rate that happened. */
	actual: number;
}

/** Expected against actual goal rate per bucket (buckets by percentile among these rows). */
export function bucketRates(
	labels: ArrayLike<number>,
	probability: ArrayLike<number>
): BucketRate[] {
	const { bucket } = scoreColumns(probability);
	return BUCKETS.map((b) => {
		let n = 0;
		let p = 0;
		let y = 0;
		for (let i = 0; i < bucket.length; i++)
			if (bucket[i] === b) {
				n++;
				p += probability[i]!;
				y += labels[i] === 1 ? 1 : 0;
			}
		return { bucket: b, profiles: n, expected: n ? p / n : NaN, actual: n ? y / n : NaN };
	});
}

export interface FoldResult {
	/** The tested cutoff (epoch ms). */
	t: number;
	rows: number;
	positives: number;
	auc: number;
	/** The recency rule's AUC on the same rows. */
	baselineAuc: number;
	/** Goal rate in the top tenth of scores over the overall rate. */
	topDecileLift: number;
	buckets: BucketRate[];
}

/**
 * @param probability the fold model's calibrated probabilities on the tested rows
 * @param recency the recency rule's score on the same rows (higher = more likely)
 */
export function foldResult(
	t: number,
	labels: ArrayLike<number>,
	probability: ArrayLike<number>,
	recency: ArrayLike<number>
): FoldResult {
	let positives = 0;
	for (let i = 0; i < labels.length; i++) positives += labels[i] === 1 ? 1 : 0;
	return {
		t,
		rows: labels.length,
		positives,
		auc: auc(labels, probability),
		baselineAuc: auc(labels, recency),
		topDecileLift: liftTable(labels, probability)[0]?.lift ?? NaN,
		buckets: bucketRates(labels, probability)
	};
}
