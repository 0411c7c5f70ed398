// The propensity fields every destination preset writes, under a prefix the user can change
// (two models, a conversion and a churn one, write side by side): score, probability,
// percentile, bucket, score date, model id and the top reasons (factor groups), each named and
// typed as the destination's documentation asks (docs/destinations.md).
import type { ScoreContext, ScoredProfiles } from '../csv';

/** The top reasons a destination carries: the three largest factor groups, as the profile shows. */
export const REASONS = 3;

/** A prefix as the user may set it: lower-case letters, digits and "_", starting with a letter. */
const PREFIX = /^[a-z][a-z0-9_]{0,39}$/;

/** The default prefix: `propensity_conversion` or `propensity_churn`. */
export function defaultPrefix(ctx: Pick<ScoreContext, 'propensityType'>): string {
	return `propensity_${ctx.propensityType}`;
}

/** Why a prefix cannot be used, or null when it can. */
export function prefixProblem(prefix: string): string | null {
	if (PREFIX.test(prefix)) return null;
	return `“${prefix}” cannot start the field names: use 1 to 40 lower-case letters, digits or “_”, starting with a letter (for example propensity_churn).`;
}

/** `propensity_churn` → `propensityChurn` (XDM field names are camelCase). */
export function camelCase(prefix: string): string {
	return prefix.replace(/_+([a-z0-9])/g, (_, c: string) => c.toUpperCase()).replace(/_+$/, '');
}

export interface Reason {
	/** The factor group's name ("Cart add activity"). */
	name: string;
	/** Its sentence for this profile ("3 cart adds in the last 7 days"). */
	sentence: string;
	/** Its contribution to the log-odds (4 decimals). */
	contribution: number;
	importance: string;
}

/** One profile's propensity fields, typed (the presets name them). */
export interface PropensityValues {
	score: number;
	/** 0–1, 6 decimals, as the generic export writes it. */
	probability: number;
	percentile: number;
	bucket: string;
	propensityType: string;
	/** `YYYY-MM-DD`. */
	scoreDate: string;
	modelId: string;
	reasons: Reason[];
}

export function propensityValues(
	s: ScoredProfiles,
	i: number,
	ctx: ScoreContext
): PropensityValues {
	return {
		score: s.score[i]!,
		probability: +s.probability[i]!.toFixed(6),
		percentile: s.percentile[i]!,
		bucket: s.bucket[i]!,
		propensityType: ctx.propensityType,
		scoreDate: ctx.scoreDate,
		modelId: ctx.modelId,
		reasons: s.groups
			.of(i)
			.slice(0, REASONS)
			.map((g) => ({
				name: g.name,
				sentence: g.sentence,
				contribution: +g.contribution.toFixed(4),
				importance: g.importance
			}))
	};
}

/**
 * The fields flat, for CSV columns and Segment traits: `<prefix>_score`, `_probability`,
 * `_percentile`, `_bucket`, `_type`, `_score_date`, `_model_id`, `_reason_1..3` (group names),
 * `_reason_1_detail` (the top reason's sentence). Empty reasons are empty strings.
 */
export function flatFieldNames(prefix: string): string[] {
	const names = ['score', 'probability', 'percentile', 'bucket', 'type', 'score_date', 'model_id'];
	for (let k = 1; k <= REASONS; k++) names.push(`reason_${k}`);
	names.push('reason_1_detail');
	return names.map((n) => `${prefix}_${n}`);
}

/** The values of `flatFieldNames`, in its order. */
export function flatFieldValues(v: PropensityValues): (string | number)[] {
	const out: (string | number)[] = [
		v.score,
		v.probability,
		v.percentile,
		v.bucket,
		v.propensityType,
		v.scoreDate,
		v.modelId
	];
	for (let k = 0; k < REASONS; k++) out.push(v.reasons[k]?.name ?? '');
	out.push(v.reasons[0]?.sentence ?? '');
	return out;
}
