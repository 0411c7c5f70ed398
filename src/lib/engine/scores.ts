// From probabilities to what a marketer reads: a relative score, a percentile and a bucket.
import type { Bucket } from './types';

export interface ScoreColumns {
	/** 0–100: 100 is the most likely profile, 0 the least (linear in probability). */
	score: Uint8Array;
	/** 1–100: the share of scored profiles with a probability at or below this one. */
	percentile: Uint8Array;
	bucket: Bucket[];
}

export const BUCKETS: readonly Bucket[] = ['high', 'medium', 'low'];

/** Percentiles above which a profile is in the high and the medium bucket. */
export const BUCKET_ABOVE = { high: 80, medium: 50 } as const;

/** High: the top 20 % (percentile 81–100); medium: 51–80; low: 1–50. */
export function bucketOf(percentile: number): Bucket {
	return percentile > BUCKET_ABOVE.high
		? 'high'
		: percentile > BUCKET_ABOVE.medium
			? 'medium'
			: 'low';
}

export function scoreColumns(probability: ArrayLike<number>): ScoreColumns {
	const n = probability.length;
	const order = Array.from({ length: n }, (_, i) => i).sort(
		(a, b) => probability[a]! - probability[b]!
	);
	let lo = Infinity;
	let hi = -Infinity;
	for (let i = 0; i < n; i++) {
		lo = Math.min(lo, probability[i]!);
		hi = Math.max(hi, probability[i]!);
	}
	const score = new Uint8Array(n);
	const percentile = new Uint8Array(n);
	const bucket: Bucket[] = new Array<Bucket>(n);
	for (let i = 0; i < n;) {
		let j = i;
		while (j + 1 < n && probability[order[j + 1]!] === probability[order[i]!]) j++;
		const pct = Math.max(1, Math.ceil((100 * (j + 1)) / n));
		for (let k = i; k <= j; k++) {
			const r = order[k]!;
			percentile[r] = pct;
			bucket[r] = bucketOf(pct);
			score[r] = hi > lo ? Math.round((100 * (probability[r]! - lo)) / (hi - lo)) : 50;
		}
		i = j + 1;
	}
	return { score, percentile, bucket };
}
