// Aggregates over `hist` (the events before a cutoff, see matrix.ts) restricted to the events
// where a condition holds. A CASE inside the aggregate, not FILTER, and distinct days counted
// from a first-event-of-the-day flag, not count(DISTINCT): DuckDB's hash aggregate builds the
// same matrix about twice as fast that way (docs/BENCHMARKS.md, 2026-12-01); the values are the
// same (a CASE without ELSE is NULL, which every aggregate here skips).

export type Aggregate = 'min' | 'max' | 'sum' | 'avg' | 'bool_or';

/** How many events `cond` holds for. */
export function countWhere(cond: string): string {
	return `count_if(${cond})`;
}

/** `agg` of `expr` over the events `cond` holds for (NULL when there are none). */
export function aggWhere(agg: Aggregate, expr: string, cond: string): string {
	return `${agg}(CASE WHEN ${cond} THEN ${expr} END)`;
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
export function daysWhere(flag: string | null, cond: string): string {
	return countWhere(`${flag ? `${flag} AND ` : ''}${cond} AND ${firstOfDayFlag(flag)}`);
}

/**
 * The window columns of `firstOfDayFlag` over the events CTE, which must have `__day`
 * (`__t // 86400000`) and the custom event flags; `event` (the event type column) is null when
 * no event type has features of its own. Each is a sort of the events: a query uses only those
 * its aggregates name (`usedIn`).
 */
export function firstOfDayColumns(
	id: string,
	event: string | null,
	customFlags: string[],
	usedIn: string
): string[] {
	const first = (partition: string[]) =>
		`row_number() OVER (PARTITION BY ${[id, '__day', ...partition].join(', ')}) = 1`;
	const columns: [string, string][] = [
		[firstOfDayFlag(null), first([])],
		...(event ? [[firstOfDayFlag('__e0'), first([event])] as [string, string]] : []),
		...customFlags.map((f): [string, string] => [firstOfDayFlag(f), first([f])])
	];
	return columns
		.filter(([name]) => new RegExp(`\\b${name}\\b`).test(usedIn))
		.map(([name, sql]) => `${sql} AS ${name}`);
}
