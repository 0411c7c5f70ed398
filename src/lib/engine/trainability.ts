// Whether a model can be trained from the labels at the cutoffs, and if not, what is wrong and
// how to fix it. Used live in the goal step and again before training.
import type { CutoffRole } from './cutoffs';
import type { GoalKind } from './types';

/** Fewest positive and negative rows over the training cutoffs for a model worth having. */
export const MIN_CLASS_ROWS = 50;

export interface CutoffCounts {
	t: number;
	role: CutoffRole;
	eligible: number;
	/** Rows labelled 1 (the goal met for conversion; not met for churn). 0 at the scoring cutoff. */
	positives: number;
}

/** Null when a model can be trained; else the reason and the fix. */
export function trainabilityProblem(counts: CutoffCounts[], kind: GoalKind): string | null {
	const train = counts.filter((c) => c.role === 'train');
	const valid = counts.find((c) => c.role === 'validation');
	const score = counts.find((c) => c.role === 'score');
	const pos = train.reduce((s, c) => s + c.positives, 0);
	const all = train.reduce((s, c) => s + c.eligible, 0);
	const goalWord = kind === 'conversion' ? 'met the goal' : 'churned';
	if (!score || score.eligible === 0)
		return 'No profile is eligible at the scoring cutoff, so there is nobody to score. Widen the eligible population.';
	if (all === 0)
		return 'No profile is eligible at any training cutoff. Widen the eligible population or load a longer event log.';
	if (pos === 0 || pos === all)
		return (
			`At the training cutoffs ${pos === 0 ? 'no' : 'every'} eligible profile ${goalWord}, so there is nothing to learn. ` +
			(pos === 0
				? 'Check the goal condition: no event in an outcome window matches it.'
				: 'Make the goal stricter.')
		);
	if (pos < MIN_CLASS_ROWS || all - pos < MIN_CLASS_ROWS)
		return (
			`Only ${Math.min(pos, all - pos)} training rows are ${pos < all - pos ? 'positive' : 'negative'} (at least ${MIN_CLASS_ROWS} are needed). ` +
			'Lengthen the outcome window, widen the goal or the eligible population, or load more history.'
		);
	if (!valid || valid.positives === 0 || valid.positives === valid.eligible)
		return (
			`At the validation cutoff ${!valid || valid.positives === 0 ? 'no' : 'every'} eligible profile ${goalWord}, so the model cannot be checked. ` +
			'Lengthen the outcome window or load more recent data.'
		);
	return null;
}
