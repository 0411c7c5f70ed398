// The recency rule, the baseline every model must beat: "the most recently active customers
// first" for a conversion goal, "the longest inactive first" for churn.
import type { GoalKind } from '../types';

/**
 * The rule's score (higher = more likely to meet the goal) of the given rows of a row-major
 * matrix, from its "days since last event" column.
 */
export function recencyRuleScores(
	x: Float32Array,
	cols: number,
	recencyColumn: number,
	rows: ArrayLike<number>,
	kind: GoalKind
): Float32Array {
	const sign = kind === 'conversion' ? -1 : 1;
	return Float32Array.from(
		{ length: rows.length },
		(_, k) => sign * x[rows[k]! * cols + recencyColumn]!
	);
}
