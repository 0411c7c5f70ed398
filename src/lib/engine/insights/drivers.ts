// What drives the scores in each bucket, and how the profiles of each bucket differ on those
// features: per bucket the features with the largest mean absolute contribution, and per
// feature its value distribution in each bucket side by side (numeric ranges, a flag's share,
// or an attribute's categories). Inputs are the scored rows, row-major rows × features.
import type { FeatureInfo } from '../explain/factors';
import type { Bucket } from '../types';
import { BUCKETS } from '../scores';

export interface BucketDriver {
	key: string;
	name: string;
	/** Mean absolute contribution to the logit over the bucket's profiles. */
	meanAbs: number;
	/** Mean signed contribution: positive when the feature mostly raises the bucket's scores. */
	mean: number;
}

/** Per bucket, the `k` features with the largest mean absolute contribution, largest first. */
export function driversByBucket(
	features: FeatureInfo[],
	contributions: Float32Array,
	bucket: Bucket[],
	k = 5
): Record<Bucket, BucketDriver[]> {
	const cols = features.length;
	const abs = {
		high: new Float64Array(cols),
		medium: new Float64Array(cols),
		low: new Float64Array(cols)
	};
	const sum = {
		high: new Float64Array(cols),
		medium: new Float64Array(cols),
		low: new Float64Array(cols)
	};
	const n = { high: 0, medium: 0, low: 0 };
	for (let i = 0; i < bucket.length; i++) {
		const b = bucket[i]!;
		const a = abs[b];
		const s = sum[b];
		n[b]++;
		for (let j = 0; j < cols; j++) {
			const c = contributions[i * cols + j]!;
			a[j]! += Math.abs(c);
			s[j]! += c;
		}
	}
	const out = {} as Record<Bucket, BucketDriver[]>;
	for (const b of BUCKETS)
		out[b] = n[b]
			? features
					.map((f, j) => ({
						key: f.key,
						name: f.name,
						meanAbs: abs[b][j]! / n[b],
						mean: sum[b][j]! / n[b]
					}))
					.sort((x, y) => y.meanAbs - x.meanAbs)
					.slice(0, k)
			: [];
	return out;
}

export interface DistributionGroup {
	/** What the user reads: "0", "1–3", "≥ 30", "yes", "Missing", a category. */
	label: string;
	/** Share of each bucket's profiles in this group (0–1; a bucket's shares sum to 1). */
	share: Record<Bucket, number>;
}

export interface Distribution {
	key: string;
	name: string;
	/** numeric: value ranges; flag: yes/no; category: an attribute's categories. */
	kind: 'numeric' | 'flag' | 'category';
	groups: DistributionGroup[];
	/** Median value per bucket (numeric only; NaN when the bucket has no known value). */
	median: Record<Bucket, number> | null;
}

/** At most this many rows are sorted to find value ranges; beyond, an even sample is used. */
const QUANTILE_SAMPLE = 100_000;
const MAX_RANGES = 6;

function column(x: Float32Array, cols: number, j: number, rows: number): Float32Array {
	const out = new Float32Array(rows);
	for (let i = 0; i < rows; i++) out[i] = x[i * cols + j]!;
	return out;
}

export interface Ranges {
	/** e0 < e1 < … < em: ranges [e_k, e_k+1), the last one closed; e0 and em are the exact min and max. */
	edges: number[];
	/** Whether every sampled value is a whole number (counts, days): labels then read "1–3". */
	integer: boolean;
}

/**
 * Value ranges at even quantiles of the known values. A common lowest value (0 for most counts)
 * gets a range of its own, so "none" stays apart from "a few".
 */
export function valueRanges(values: Float32Array, ranges = MAX_RANGES): Ranges {
	const step = Math.max(1, Math.floor(values.length / QUANTILE_SAMPLE));
	const sample: number[] = [];
	let min = Infinity;
	let max = -Infinity;
	for (let i = 0; i < values.length; i++) {
		const v = values[i]!;
		if (!isFinite(v)) continue;
		min = Math.min(min, v);
		max = Math.max(max, v);
		if (i % step === 0) sample.push(v);
	}
	if (!sample.length) return { edges: [], integer: false };
	sample.sort((a, b) => a - b);
	const integer = sample.every((v) => Number.isInteger(v));
	const at = (q: number) => sample[Math.round(q * (sample.length - 1))]!;
	const cuts = [min];
	if (integer && at(1 / ranges) === min && min + 1 < max) cuts.push(min + 1);
	for (let k = 1; k < ranges; k++) if (at(k / ranges) > cuts.at(-1)!) cuts.push(at(k / ranges));
	if (max > cuts.at(-1)!) cuts.push(max);
	return { edges: cuts, integer };
}

// Three significant digits: range ends are quantiles, and 71.4 reads better than 71.36.
const NUMBER = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 });
const fmt = (v: number) => NUMBER.format(v);

/** "3", "1–2", "10–45" for whole numbers; "0.5 – < 2.25" and a closed last range otherwise. */
export function rangeLabels({ edges, integer }: Ranges): string[] {
	if (edges.length === 1) return [fmt(edges[0]!)];
	return edges.slice(0, -1).map((lo, k) => {
		const isLast = k === edges.length - 2;
		const hi = edges[k + 1]!;
		if (integer) {
			const top = isLast ? hi : hi - 1;
			return top === lo ? fmt(lo) : `${fmt(lo)}–${fmt(top)}`;
		}
		return isLast ? `${fmt(lo)} – ${fmt(hi)}` : `${fmt(lo)} – < ${fmt(hi)}`;
	});
}

/** Index of the range holding v: the last k with e_k <= v, at most the last range. */
export function rangeOf(edges: number[], v: number): number {
	let lo = 0;
	let hi = Math.max(0, edges.length - 2);
	while (lo < hi) {
		const mid = (lo + hi + 1) >> 1;
		if (v >= edges[mid]!) lo = mid;
		else hi = mid - 1;
	}
	return lo;
}

function median(sorted: number[]): number {
	if (!sorted.length) return NaN;
	const m = sorted.length >> 1;
	return sorted.length % 2 ? sorted[m]! : (sorted[m - 1]! + sorted[m]!) / 2;
}

function shares(counts: Record<Bucket, number[]>, totals: Record<Bucket, number>, g: number) {
	return {
		high: totals.high ? counts.high[g]! / totals.high : 0,
		medium: totals.medium ? counts.medium[g]! / totals.medium : 0,
		low: totals.low ? counts.low[g]! / totals.low : 0
	};
}

/**
 * Feature j's value distribution in each bucket. A one-hot category feature is shown with its
 * attribute's other categories (and "Other" for profiles in none of them).
 */
export function distribution(
	features: FeatureInfo[],
	x: Float32Array,
	bucket: Bucket[],
	j: number
): Distribution {
	const f = features[j]!;
	const cols = features.length;
	const rows = bucket.length;
	const totals = { high: 0, medium: 0, low: 0 };
	for (const b of bucket) totals[b]++;
	const tally = (groups: number) => ({
		high: new Array<number>(groups).fill(0),
		medium: new Array<number>(groups).fill(0),
		low: new Array<number>(groups).fill(0)
	});

	if (f.kind === 'category' && f.attribute !== undefined) {
		const siblings = features.flatMap((g, k) =>
			g.kind === 'category' && g.attribute === f.attribute ? [k] : []
		);
		const counts = tally(siblings.length + 1);
		for (let i = 0; i < rows; i++) {
			const hit = siblings.findIndex((k) => x[i * cols + k] === 1);
			counts[bucket[i]!][hit < 0 ? siblings.length : hit]!++;
		}
		const labels = [...siblings.map((k) => features[k]!.category ?? ''), 'Other'];
		return {
			key: f.key,
			name: f.attribute,
			kind: 'category',
			groups: labels.map((label, g) => ({ label, share: shares(counts, totals, g) })),
			median: null
		};
	}

	const values = column(x, cols, j, rows);
	const missing = values.some((v) => !isFinite(v));
	if (f.unit === 'flag') {
		const counts = tally(missing ? 3 : 2);
		for (let i = 0; i < rows; i++) {
			const v = values[i]!;
			counts[bucket[i]!][!isFinite(v) ? 2 : v > 0 ? 0 : 1]!++;
		}
		const labels = ['yes', 'no', 'Missing'].slice(0, missing ? 3 : 2);
		return {
			key: f.key,
			name: f.name,
			kind: 'flag',
			groups: labels.map((label, g) => ({ label, share: shares(counts, totals, g) })),
			median: null
		};
	}

	const ranges = valueRanges(values);
	const labels = rangeLabels(ranges);
	const counts = tally(labels.length + (missing ? 1 : 0));
	const known = { high: [] as number[], medium: [] as number[], low: [] as number[] };
	for (let i = 0; i < rows; i++) {
		const v = values[i]!;
		const b = bucket[i]!;
		if (!isFinite(v)) counts[b][labels.length]!++;
		else {
			counts[b][rangeOf(ranges.edges, v)]!++;
			known[b].push(v);
		}
	}
	if (missing) labels.push('Missing');
	const med = {} as Record<Bucket, number>;
	for (const b of BUCKETS) med[b] = median(known[b].sort((p, q) => p - q));
	return {
		key: f.key,
		name: f.name,
		kind: 'numeric',
		groups: labels.map((label, g) => ({ label, share: shares(counts, totals, g) })),
		median: med
	};
}
