// Domain types shared by every layer. Plain data only: everything here can cross a worker
// boundary and be saved in a project file.

/** Operators a condition may use; a closed list (see `OPERATORS`). */
export type Operator =
	| 'eq'
	| 'neq'
	| 'in'
	| 'nin'
	| 'gt'
	| 'gte'
	| 'lt'
	| 'lte'
	| 'between'
	| 'contains'
	| 'startsWith'
	| 'endsWith'
	| 'exists'
	| 'notExists';

export const OPERATORS: readonly Operator[] = [
	'eq',
	'neq',
	'in',
	'nin',
	'gt',
	'gte',
	'lt',
	'lte',
	'between',
	'contains',
	'startsWith',
	'endsWith',
	'exists',
	'notExists'
];

export type Scalar = string | number | boolean;

/** One comparison. `field` is `event`, `value`, or a source column (nested ones by dotted path). */
export interface Comparison {
	field: string;
	op: Operator;
	/** Scalar for most operators, an array for `in`/`nin`, `[lo, hi]` for `between` (inclusive),
	 * absent for `exists`/`notExists`. */
	value?: Scalar | Scalar[];
}

export type Condition = { all: Condition[] } | { any: Condition[] } | Comparison;

/** An eligibility rule, evaluated per profile at a cutoff over `[cutoff - withinDays, cutoff)`. */
export type EligibleRule =
	| { all: EligibleRule[] }
	| { any: EligibleRule[] }
	| { had: Condition; withinDays: number }
	| { notHad: Condition; withinDays: number }
	| { attribute: string; op: Operator; value?: Scalar | Scalar[] };

export interface EventMapping {
	/** Source column holding the customer id. */
	customerId: string;
	/** Source column holding the event time. */
	timestamp: string;
	/** strptime format for `timestamp`; null or absent means sniffed. */
	timestampFormat?: string | null;
	/** Source column holding the event type, or null when every row is one `eventName` event. */
	event: string | null;
	/** The event type of every row when `event` is null. */
	eventName?: string | null;
	/** Source column holding the event's value (an amount), optional. */
	value?: string | null;
	/** A second column the value is multiplied by (value = unit price × quantity), optional. */
	valueTimes?: string | null;
}

export interface ProfileMapping {
	/** Column of the profile table holding the customer id. */
	customerId: string;
}

export interface CustomEvent {
	/** Friendly name, shown in features and factors ("Watch purchase"). */
	name: string;
	when: Condition;
}

export type GoalKind = 'conversion' | 'churn';

/** A name the user gave an event type or a profile attribute (a column), shown in its place. */
export interface Rename {
	kind: 'event' | 'attribute';
	/** The event type or column, as in the data. */
	key: string;
	name: string;
}

export interface GoalSpec {
	version: 1;
	name: string;
	data?: { events?: EventMapping; profiles?: ProfileMapping | null };
	/** conversion: label 1 when the goal occurs in the window; churn: label 1 when it does not. */
	kind: GoalKind;
	goal: Condition;
	/** The goal is met only with at least this many matching events in the window (default 1). */
	minOccurrences?: number;
	/** The goal is met only when the matching events' values sum to at least this. */
	minValueSum?: number;
	outcomeWindowDays: number;
	lookbackDays: number;
	/** Who gets a score at a cutoff; absent means every profile with an event in the lookback. */
	eligible?: EligibleRule | null;
	customEvents?: CustomEvent[];
	/** Profile table columns to use as features. */
	profileAttributes?: string[];
	/** Names the user gave event types and profile attributes, for features and factors. */
	names?: Rename[];
	/** Events matching this are ignored everywhere (test traffic, internal accounts). */
	exclude?: Condition | null;
	/** ISO date: score as of this moment and ignore every later event (a backtest). */
	scoringCutoff?: string | null;
}

/** Column of a table as DuckDB describes it. */
export interface ColumnInfo {
	name: string;
	/** DuckDB type name, e.g. VARCHAR, BIGINT, DOUBLE, TIMESTAMP, DATE. */
	type: string;
	/**
	 * For a source column mapped to a role (customer id, timestamp, event type, value): the
	 * canonical column that holds it in the events table, which keeps no second copy.
	 */
	ref?: string;
}

/** A compiled SQL fragment or statement with its positional parameters (`?`). */
export interface SqlFragment {
	sql: string;
	params: Scalar[];
}

/** Names of the canonical columns of the `events` table (see engine/ingest/plan.ts). */
export const EVENTS_TABLE = 'events';
export const PROFILES_TABLE = 'profiles';
export const COL = {
	customerId: '__customer_id',
	ts: '__ts',
	/** Event time as epoch milliseconds (BIGINT), for cheap window arithmetic. */
	t: '__t',
	event: '__event',
	value: '__value'
} as const;

/**
 * Names starting with `__` are ours (the canonical columns above, and the helper columns of the
 * feature queries): a source column so named is not used, and the Data step says so.
 */
export function isReservedColumn(name: string): boolean {
	return name.startsWith('__');
}

export type Bucket = 'high' | 'medium' | 'low';
export type Importance = 'high' | 'medium' | 'low';
