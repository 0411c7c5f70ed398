// One scored profile explained for the drill-down: rescored exactly in the ML worker (all its
// contributions, and a what-if with changed values), and its events from DuckDB.
import { DAY_MS } from '../engine/cutoffs';
import { customerEvents, type TimelineEvent } from '../db/timeline';
import { getDb } from './engines';
import type { RunResult } from './run.svelte';

export interface ExplainedProfile {
	/** The profile's feature values (with the what-if's changes). */
	x: Float32Array;
	probability: number;
	/** One contribution per feature, to the calibrated logit. */
	contributions: Float32Array;
	baselineLogit: number;
}

export interface CustomerTimeline {
	/** Events the features saw: from `start` up to (not including) the cutoff. */
	events: TimelineEvent[];
	start: number;
	cutoff: number;
	/** End of the outcome window after the scoring cutoff (in the future of the data). */
	windowEnd: number;
}

/**
 * Profile `profile` (its index in `r.profiles`) scored again; `values` replaces some of its
 * feature values by feature index (the what-if).
 */
export async function explainProfile(
	r: RunResult,
	profile: number,
	values: Record<number, number> = {}
): Promise<ExplainedProfile> {
	const cols = r.features.length;
	const x = r.scoredX.slice(profile * cols, (profile + 1) * cols);
	for (const [j, v] of Object.entries(values)) x[Number(j)] = v;
	const ml = await import('../ml/ml-client');
	const scored = await ml.scoreRows(r.model, { x: x.slice(), rows: 1, cols });
	return {
		x,
		probability: scored.probability[0]!,
		contributions: scored.contributions,
		baselineLogit: scored.baselineLogit
	};
}

/**
 * A scored customer's events in the lookback before the scoring cutoff (what the features saw),
 * with the cutoff and the outcome window after it.
 */
export async function customerTimeline(r: RunResult, profile: number): Promise<CustomerTimeline> {
	const cutoff = r.scoredAt;
	const start = cutoff - r.spec.lookbackDays * DAY_MS;
	const events = await customerEvents(await getDb(), r.profiles.customerIds[profile]!, start);
	return {
		events: events.filter((e) => e.t < cutoff),
		start,
		cutoff,
		windowEnd: cutoff + r.spec.outcomeWindowDays * DAY_MS
	};
}
