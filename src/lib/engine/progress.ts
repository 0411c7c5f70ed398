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

/**
 * At most how many more epochs a fit runs: it stops `patience` epochs after its best validation
 * loss (or at `maxEpochs`, or sooner when it converges). `history` is this fit's epochs so far.
 */
export function epochsLeftAtMost(
	history: { epoch: number; valLoss: number }[],
	maxEpochs: number,
	patience: number
): number {
	const last = history.at(-1);
	if (!last) return maxEpochs;
	let best = history[0]!;
	for (const h of history) if (h.valLoss < best.valLoss) best = h;
	return Math.max(0, Math.min(maxEpochs, best.epoch + patience) - last.epoch);
}
