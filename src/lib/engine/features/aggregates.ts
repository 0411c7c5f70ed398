// Aggregates over `hist` (the events before a cutoff, see matrix.ts) restricted to the events
// where a condition holds. A CASE inside the aggregate, not FILTER, and distinct days counted
// from a first-event-of-the-day flag, not count(DISTINCT): DuckDB's hash aggregate builds the
// same matrix about twice as fast that way (docs/BENCHMARKS.md, 2026-12-01); the values are the
// same (a CASE without ELSE is NULL, which every aggregate here skips). Each is spelled by the
// dialect (sql/dialect.ts), DuckDB in the app.
import type { Dialect } from '../sql/dialect';

export type Aggregate = 'min' | 'max' | 'sum' | 'avg' | 'bool_or';

/** How many events `cond` holds for. */
export function countWhere(d: Dialect, cond: string): string {
	return d.countIf(cond);
}

/** `agg` of `expr` over the events `cond` holds for (NULL when there are none). */
export function aggWhere(d: Dialect, agg: Aggregate, expr: string, cond: string): string {
	const only = `CASE WHEN ${cond} THEN ${expr} END`;
	return agg === 'bool_or' ? d.boolOr(only) : `${agg}(${only})`;
}

/**
 * The per-event flag that is true on one event per customer and UTC day among those of `flag`
 * (an event type or custom event flag, or null for every event); see `firstOfDayColumns`.
 */
export function firstOfDayFlag(flag: string | null): string {
	if (flag === null) return '__fd';
	// Each event has one type: one flag partitioned by type serves every event type.
	if (flag.startsWith('__e')) return '__fdt';
	return `__fd_${flag.slice(2)}`;
}

/**
 * Days with an event of `flag` among the events `cond` holds for, where `cond` depends on the
 * day only (windows of whole days before a day-aligned cutoff): the first events of those days.
 */
export function daysWhere(d: Dialect, flag: string | null, cond: string): string {
	return countWhere(d, `${flag ? `${flag} AND ` : ''}${cond} AND ${firstOfDayFlag(flag)}`);
}

/**
 * Distinct values of `expr` among the events `cond` holds for. FILTER, not CASE: a distinct
 * aggregate keeps every value it is fed in a hash table of its own, and the filter feeds it only
 * the rows it counts (see spec.ts for how `distinct_types` keeps it to the rare event types).
 */
export function distinctWhere(d: Dialect, expr: string, cond: string): string {
	return d.countDistinctIf(expr, cond);
}

/**
 * The columns of `firstOfDayFlag` over the events CTE, which must have `__day`
 * (`__t // 86400000`) and the custom event flags; `event` (the event type column) is null when
 * no event type has features of its own. All are read from one sort of each customer's events
 * by day and type: an event is the first of its day when the one before it is on another day,
 * the first of its day and type when that one also differs in type, and the first of its day
 * among a custom event's when no earlier event of that day has the flag (the running maximum
 * of the flagged days before it). One sort instead of one per flag: the feature build of a
 * million events took a third less (docs/BENCHMARKS.md). A query gets only the columns its
 * aggregates name (`usedIn`).
 */
export function firstOfDayColumns(
	id: string,
	event: string | null,
	customFlags: string[],
	usedIn: string
): string[] {
	const order = `PARTITION BY ${id} ORDER BY ${['__day', ...(event ? [event] : [])].join(', ')}`;
	const newDay = `lag(__day) OVER (${order}) IS DISTINCT FROM __day`;
	const columns: [string, string][] = [
		[firstOfDayFlag(null), newDay],
		...(event
			? [
					[
						firstOfDayFlag('__e0'),
						`(${newDay} OR lag(${event}) OVER (${order}) IS DISTINCT FROM ${event})`
					] as [string, string]
				]
			: []),
		...customFlags.map((f): [string, string] => [
			firstOfDayFlag(f),
			`(${f} AND max(CASE WHEN ${f} THEN __day END) OVER (${order} ` +
				`ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) IS DISTINCT FROM __day)`
		])
	];
	return columns
		.filter(([name]) => new RegExp(`\\b${name}\\b`).test(usedIn))
		.map(([name, sql]) => `${sql} AS ${name}`);
}
