// The shape of the scored audience as small, fixed-size data for charts: profiles and expected
// goal events per bucket, and a histogram of probabilities split by bucket. One pass over the
// profiles; the charts never see a row.
import { BUCKETS } from '../scores';
import type { Bucket } from '../types';

export interface BucketSummary {
	bucket: Bucket;
	profiles: number;
	/** Sum of calibrated probabilities: the goal events expected among these profiles. */
	expected: number;
	/** Lowest and highest probability in the bucket (NaN when it is empty). */
	minProbability: number;
	maxProbability: number;
}

export function bucketSummary(probability: ArrayLike<number>, bucket: Bucket[]): BucketSummary[] {
	const out = BUCKETS.map((b) => ({
		bucket: b,
		profiles: 0,
		expected: 0,
		minProbability: Infinity,
		maxProbability: -Infinity
	}));
	const at = { high: out[0]!, medium: out[1]!, low: out[2]! };
	for (let i = 0; i < probability.length; i++) {
		const s = at[bucket[i]!];
		const p = probability[i]!;
		s.profiles++;
		s.expected += p;
		s.minProbability = Math.min(s.minProbability, p);
		s.maxProbability = Math.max(s.maxProbability, p);
	}
	for (const s of out)
		if (!s.profiles) {
			s.minProbability = NaN;
			s.maxProbability = NaN;
		}
	return out;
}

export interface HistogramBin {
	/** Probability range [x0, x1) (the last bin includes x1). */
	x0: number;
	x1: number;
	/** Profiles in the bin, per bucket. */
	counts: Record<Bucket, number>;
	total: number;
}

/** The smallest of 0.01, 0.02, 0.05, 0.1 … 1 at or above `x`: a round upper end for the axis. */
export function roundUpper(x: number): number {
	for (const step of [0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 0.75, 1]) if (x <= step) return step;
	return 1;
}

/**
 * Histogram of probabilities over [0, roundUpper(max)] in `bins` equal bins, each split by
 * bucket (buckets are percentile ranges, so a bin near a boundary can hold two).
 */
export function probabilityHistogram(
	probability: ArrayLike<number>,
	bucket: Bucket[],
	bins = 40
): HistogramBin[] {
	let max = 0;
	for (let i = 0; i < probability.length; i++) max = Math.max(max, probability[i]!);
	const top = roundUpper(max);
	const out: HistogramBin[] = Array.from({ length: bins }, (_, k) => ({
		x0: (k * top) / bins,
		x1: ((k + 1) * top) / bins,
		counts: { high: 0, medium: 0, low: 0 },
		total: 0
	}));
	for (let i = 0; i < probability.length; i++) {
		const k = Math.min(bins - 1, Math.floor((probability[i]! / top) * bins));
		const b = out[k]!;
		b.counts[bucket[i]!]++;
		b.total++;
	}
	return out;
}
