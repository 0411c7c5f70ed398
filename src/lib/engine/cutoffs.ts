// Chooses the cutoffs a model learns from, validates on and scores at. Times are epoch
// milliseconds (UTC). Features at a cutoff T see [T - lookback, T); labels see [T, T + window).

export const DAY_MS = 86_400_000;

export type CutoffRole = 'train' | 'validation' | 'score';

export interface Cutoff {
	/** Epoch ms; half-open boundary: features see events strictly before it. */
	t: number;
	role: CutoffRole;
}

export interface CutoffPlan {
	/** Oldest first; the last two are the validation and the scoring cutoff. */
	cutoffs: Cutoff[];
	scoring: number;
	validation: number;
	training: number[];
}

export class CutoffError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'CutoffError';
	}
}

export interface CutoffOptions {
	/** First and last event time in the data (epoch ms). */
	dataStart: number;
	dataEnd: number;
	outcomeWindowDays: number;
	lookbackDays: number;
	/** ISO date; absent means the end of the data. */
	scoringCutoff?: string | null;
	/** At most this many training cutoffs (default 6). */
	maxTraining?: number;
}

export function startOfUtcDay(t: number): number {
	return Math.floor(t / DAY_MS) * DAY_MS;
}

export function isoDay(t: number): string {
	return new Date(t).toISOString().slice(0, 10);
}

/** The start of the day after the last event (so its events are seen), or the given ISO date. */
export function scoringCutoff(dataEnd: number, date?: string | null): number {
	const t = date ? startOfUtcDay(Date.parse(date)) : startOfUtcDay(dataEnd) + DAY_MS;
	if (!isFinite(t)) throw new CutoffError(`The scoring cutoff "${date}" is not a date.`);
	return t;
}

/**
 * Scoring cutoff: the start of the day after the last event (so the last day's events are seen),
 * or the given ISO date. Validation: one window earlier, so its labels end at the scoring cutoff.
 * Training: stepping back one window at a time, so no two label windows overlap, while a cutoff
 * still has at least min(lookback, window) days of history before it.
 */
export function planCutoffs(o: CutoffOptions): CutoffPlan {
	const window = o.outcomeWindowDays * DAY_MS;
	const scoring = scoringCutoff(o.dataEnd, o.scoringCutoff);
	const validation = scoring - window;
	const minHistory = Math.min(o.lookbackDays, o.outcomeWindowDays) * DAY_MS;
	const earliest = startOfUtcDay(o.dataStart) + minHistory;
	const training: number[] = [];
	for (let k = 1; k <= (o.maxTraining ?? 6); k++) {
		const t = validation - k * window;
		if (t < earliest) break;
		training.unshift(t);
	}
	const spanDays = Math.round((scoring - startOfUtcDay(o.dataStart)) / DAY_MS);
	const neededDays = 2 * o.outcomeWindowDays + Math.min(o.lookbackDays, o.outcomeWindowDays);
	if (training.length === 0)
		throw new CutoffError(
			`Too little history: a ${o.outcomeWindowDays}-day outcome window needs at least ` +
				`${neededDays} days of events before the scoring cutoff (one window to learn from, one ` +
				`to validate on, and history before them), but the data covers ${spanDays} days. ` +
				`Shorten the outcome window or load a longer event log.`
		);
	const cutoffs: Cutoff[] = [
		...training.map((t) => ({ t, role: 'train' as const })),
		{ t: validation, role: 'validation' },
		{ t: scoring, role: 'score' }
	];
	return { cutoffs, scoring, validation, training };
}
