// What the user chose on the Insights step: the open view, the bucket examined, and the targeting
// helper's inputs. Kept with the project, so leaving the step or switching views loses nothing.
import type { TargetBy } from '../engine/insights/targeting';
import type { Bucket } from '../engine/types';

export type InsightsView = 'audience' | 'factors' | 'evaluation' | 'backtest' | 'targeting';

export class InsightsState {
	view = $state<InsightsView>('audience');
	bucket = $state<Bucket>('high');
	/** The driver whose distribution is shown (null: the bucket's first). */
	driver = $state<string | null>(null);
	/** The feature whose shape is drawn large (null: none chosen). */
	shape = $state<string | null>(null);
	targetBy = $state<TargetBy>('percentile');
	/** A count, a percentile (1–100) or a score (0–100), as `targetBy` says. */
	threshold = $state(81);
	/** Value of one goal event and cost of one contact; null until the user enters them. */
	value = $state<number | null>(null);
	cost = $state<number | null>(null);
}
