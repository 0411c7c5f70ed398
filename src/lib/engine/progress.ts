// Progress of a long stage made of steps (matrix partitions, training iterations), with how long
// it has left estimated from the steps already finished: the "about 40 s left" a user reads.

export interface StepProgress {
	done: number;
	total: number;
	/** Estimated milliseconds left, or null before the first step has finished. */
	leftMs: number | null;
}

/** The progress of `done` of `total` steps begun at `startedAt` (ms), as of `now`. */
export function stepProgress(
	startedAt: number,
	now: number,
	done: number,
	total: number
): StepProgress {
	const leftMs = done > 0 ? ((now - startedAt) / done) * Math.max(0, total - done) : null;
	return { done, total, leftMs };
}
