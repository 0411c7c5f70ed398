// Everything the Insights step draws about the scored audience, computed once after scoring from
// the scored rows (values and exact contributions): small, fixed-size data, so the charts redraw
// in the same time for a thousand profiles or a million.
import type { FeatureInfo } from '../explain/factors';
import type { ScoredProfiles } from '../export/csv';
import type { Bucket } from '../types';
import {
	bucketSummary,
	probabilityHistogram,
	type BucketSummary,
	type HistogramBin
} from './audience';
import {
	bucketCodes,
	distribution,
	driversByBucket,
	type BucketDriver,
	type Distribution
} from './drivers';
import { groupInsights, type GroupInsights } from './group-insights';
import { reasonSegments, type ReasonSegment } from './segments';

export interface AudienceInsights {
	buckets: BucketSummary[];
	histogram: HistogramBin[];
	drivers: Record<Bucket, BucketDriver[]>;
	/** Value distributions per bucket of every feature among the drivers (by key). */
	distributions: Record<string, Distribution>;
	/** High-bucket profiles grouped by their dominant factor. */
	segments: ReasonSegment[];
	/** The same by factor group (absent from project files saved before factor groups). */
	groups?: GroupInsights;
}

/**
 * @param x row-major raw values of the scored rows (rows × features)
 * @param contributions row-major, same shape: each feature's contribution to the logit
 */
export function audienceInsights(
	features: FeatureInfo[],
	x: Float32Array,
	contributions: Float32Array,
	profiles: Pick<ScoredProfiles, 'probability' | 'bucket'>,
	driversPerBucket = 5
): AudienceInsights {
	const { probability, bucket } = profiles;
	const drivers = driversByBucket(features, contributions, bucket, driversPerBucket);
	const keys = new Set(Object.values(drivers).flatMap((list) => list.map((d) => d.key)));
	const codes = bucketCodes(bucket);
	const distributions: Record<string, Distribution> = {};
	features.forEach((f, j) => {
		if (keys.has(f.key)) distributions[f.key] = distribution(features, x, codes, j);
	});
	return {
		buckets: bucketSummary(probability, bucket),
		histogram: probabilityHistogram(probability, bucket),
		drivers,
		distributions,
		segments: reasonSegments(features, x, contributions, probability, bucket, 'high'),
		groups: groupInsights(features, x, contributions, probability, bucket, driversPerBucket)
	};
}
