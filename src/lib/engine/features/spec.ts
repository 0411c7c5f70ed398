// The features built per (profile, cutoff): what each one is called, its unit, how it is
// computed, and how the model should transform it. The SQL here is an aggregate over `hist`
// (events before a cutoff, see matrix.ts) or an expression over the profile row `p`.
import { isNumericType, isTemporalType } from '../goal/compile';
import { frag } from '../sql/fragment';
import type { Dialect } from '../sql/dialect';
import { DUCKDB } from '../sql/duckdb';
import { ANY_EVENT, capitalise, customNoun, eventNoun, type Noun } from '../explain/nouns';
import { aggWhere, countWhere, daysWhere, distinctWhere } from './aggregates';
import { factorGroup, type FactorGroup } from './groups';
import { friendlyName, friendlyPhrase } from '../explain/names';
import type { ColumnInfo, CustomEvent, Rename, SqlFragment } from '../types';

export type FeatureKind =
	| 'count'
	| 'daysSince'
	| 'tenure'
	| 'activeDays'
	| 'valueSum'
	| 'valueMean'
	| 'distinctTypes'
	| 'trend'
	| 'gap'
	| 'overdue'
	| 'share'
	| 'attribute'
	| 'attributeDays'
	| 'category';

/** How the model transforms the raw value before standardising it (learned on training rows). */
export type Transform = 'log1p' | 'signedLog1p' | 'none';

export interface FeatureDef {
	/** Stable identifier, e.g. `count_30d`, `type:commerce.purchases:days_since`. */
	key: string;
	/** Human name with the unit implied: "Purchases in the last 30 days". */
	name: string;
	unit: 'events' | 'days' | 'value' | 'types' | 'flag' | 'number';
	kind: FeatureKind;
	/** What is counted, for sentences. */
	noun: Noun;
	windowDays?: number;
	/** For `daysSince`/`tenure`: the value meaning "never in the lookback". */
	capDays?: number;
	/** For profile attributes: the attribute and (one-hot) category. */
	attribute?: string;
	category?: string;
	transform: Transform;
	/** What it measures, with the other features that measure it (see groups.ts). */
	group: FactorGroup;
	/** Aggregate over `hist` (stage `hist`) or expression over `p` and the cutoff (stage `profile`). */
	stage: 'hist' | 'profile';
	sql: SqlFragment;
}

export interface FeaturePlanInput {
	lookbackDays: number;
	/** Most frequent event types (top K by volume); empty when the log has one event type. */
	eventTypes: string[];
	customEvents: CustomEvent[];
	hasValue: boolean;
	/** Whether timestamps carry a time of day (not only dates): hour habits need it. */
	hasTime?: boolean;
	/** Profile attributes to use, with their column types and top categories (for text ones). */
	attributes: { column: ColumnInfo; categories: string[] }[];
	/** The user's names for event types and attributes (the goal's `names`). */
	names?: Rename[];
}

/** The name the user gave an event type or attribute, if any (a Map: any key is safe). */
function renamed(input: FeaturePlanInput): (kind: Rename['kind'], key: string) => string | null {
	const names = new Map((input.names ?? []).map((r) => [`${r.kind}\u0000${r.key}`, r.name]));
	return (kind, key) => names.get(`${kind}\u0000${key}`)?.trim() || null;
}

const SHORT_WINDOWS = [7, 30, 90];

/** Event types kept as their own features: the most frequent (db/matrix.ts picks them). */
export const TOP_EVENT_TYPES = 5;

/** A feature as its builder makes it; `planFeatures` gives it its group. */
type Ungrouped = Omit<FeatureDef, 'group'>;

/** Flag columns computed once per event in the `ev` CTE: `__e{i}` per event type, `__c{i}` per custom event. */
export function eventTypeFlag(i: number): string {
	return `__e${i}`;
}
export function customEventFlag(i: number): string {
	return `__c${i}`;
}

function windowsWithin(lookback: number): number[] {
	return SHORT_WINDOWS.filter((w) => w < lookback);
}

function eventFeatures(
	prefix: string,
	label: string,
	noun: Noun,
	flag: string | null,
	input: FeaturePlanInput,
	d: Dialect
): Ungrouped[] {
	const L = input.lookbackDays;
	const where = (extra: string) => (flag ? `${flag} AND ${extra}` : extra);
	const defs: Ungrouped[] = [];
	for (const w of [...windowsWithin(L), L]) {
		defs.push({
			key: `${prefix}count_${w}d`,
			name: `${capitalise(label)} in the last ${w} days`,
			unit: 'events',
			kind: 'count',
			noun,
			windowDays: w,
			transform: 'log1p',
			stage: 'hist',
			sql: frag(countWhere(d, where('__age <= ?')), [w])
		});
	}
	defs.push({
		key: `${prefix}days_since_last`,
		name: `Days since last ${noun.one}`,
		unit: 'days',
		kind: 'daysSince',
		noun,
		capDays: L,
		windowDays: L,
		transform: 'log1p',
		stage: 'hist',
		sql: frag(`coalesce(${aggWhere(d, 'min', '__age', where('__in_lb'))}, ?)`, [L])
	});
	if (flag)
		defs.push({
			key: `${prefix}days_since_first`,
			name: `Days since first ${noun.one} (within ${L} days)`,
			unit: 'days',
			kind: 'tenure',
			noun,
			capDays: L,
			windowDays: L,
			transform: 'log1p',
			stage: 'hist',
			sql: frag(`coalesce(${aggWhere(d, 'max', '__age', where('__in_lb'))}, 0)`)
		});
	if (flag) {
		defs.push({
			key: `${prefix}active_days`,
			name: `Days with ${noun.many} in the last ${L} days`,
			unit: 'days',
			kind: 'activeDays',
			noun,
			windowDays: L,
			transform: 'log1p',
			stage: 'hist',
			sql: frag(daysWhere(d, flag, '__in_lb'))
		});
		if (L >= 60)
			defs.push({
				key: `${prefix}trend_30d`,
				name: `Change in ${noun.many}, last 30 days vs the 30 before`,
				unit: 'events',
				kind: 'trend',
				noun,
				windowDays: 30,
				transform: 'signedLog1p',
				stage: 'hist',
				sql: frag(
					`${countWhere(d, where('__age <= 30'))} - ${countWhere(d, where('__age > 30 AND __age <= 60'))}`
				)
			});
	}
	if (input.hasValue && flag)
		defs.push({
			key: `${prefix}value_mean`,
			name: `Average value of ${noun.many} in the last ${L} days`,
			unit: 'value',
			kind: 'valueMean',
			noun,
			windowDays: L,
			transform: 'signedLog1p',
			stage: 'hist',
			sql: frag(`coalesce(${aggWhere(d, 'avg', '__value', where('__in_lb'))}, 0)`)
		});
	if (input.hasValue) {
		defs.push({
			key: `${prefix}value_sum`,
			name: `Total value of ${noun.many} in the last ${L} days`,
			unit: 'value',
			kind: 'valueSum',
			noun,
			windowDays: L,
			transform: 'signedLog1p',
			stage: 'hist',
			sql: frag(`coalesce(${aggWhere(d, 'sum', '__value', where('__in_lb'))}, 0)`)
		});
	}
	return defs;
}

/**
 * Event types seen in the lookback: each of the `frequent` types whose flag has an event there,
 * plus the distinct other types. The distinct aggregate was the costliest in the matrix query
 * (4 of 11 s at a million events, natively); fed only the rare types' events it costs little.
 */
function distinctTypesSql(d: Dialect, frequent: number): string {
	const flags = Array.from({ length: frequent }, (_, i) => eventTypeFlag(i));
	const seen = flags.map((f) => d.cast(`(${countWhere(d, `${f} AND __in_lb`)} > 0)`, 'INTEGER'));
	const others = distinctWhere(d, '__event', `__in_lb AND NOT (${flags.join(' OR ')})`);
	return `(${[...seen, others].join(' + ')})`;
}

function overallFeatures(input: FeaturePlanInput, d: Dialect): Ungrouped[] {
	const L = input.lookbackDays;
	// Active days in the lookback and the days from the first to the last of them.
	const activeDays = daysWhere(d, null, '__in_lb');
	const daySpan = `(${aggWhere(d, 'max', '__day', '__in_lb')} - ${aggWhere(d, 'min', '__day', '__in_lb')})`;
	const usualGap = d.div(daySpan, `(${activeDays} - 1)`);
	const defs = eventFeatures('', 'events', ANY_EVENT, null, input, d);
	defs.push(
		{
			key: 'days_since_first',
			name: `Days since first event (within ${L} days)`,
			unit: 'days',
			kind: 'tenure',
			noun: ANY_EVENT,
			capDays: L,
			windowDays: L,
			transform: 'log1p',
			stage: 'hist',
			sql: frag(`coalesce(${aggWhere(d, 'max', '__age', '__in_lb')}, 0)`)
		},
		{
			key: 'active_days',
			name: `Active days in the last ${L} days`,
			unit: 'days',
			kind: 'activeDays',
			noun: ANY_EVENT,
			windowDays: L,
			transform: 'log1p',
			stage: 'hist',
			sql: frag(activeDays)
		}
	);
	if (input.hasValue)
		defs.push({
			key: 'value_mean',
			name: `Average value per event in the last ${L} days`,
			unit: 'value',
			kind: 'valueMean',
			noun: ANY_EVENT,
			windowDays: L,
			transform: 'signedLog1p',
			stage: 'hist',
			sql: frag(`coalesce(${aggWhere(d, 'avg', '__value', '__in_lb')}, 0)`)
		});
	if (input.eventTypes.length > 1)
		defs.push({
			key: 'distinct_types',
			name: `Different event types in the last ${L} days`,
			unit: 'types',
			kind: 'distinctTypes',
			noun: ANY_EVENT,
			windowDays: L,
			transform: 'none',
			stage: 'hist',
			sql: frag(distinctTypesSql(d, input.eventTypes.length))
		});
	defs.push(
		{
			key: 'gap_mean',
			name: `Average days between active days (last ${L} days)`,
			unit: 'days',
			kind: 'gap',
			noun: ANY_EVENT,
			capDays: L,
			windowDays: L,
			transform: 'log1p',
			stage: 'hist',
			// With one active day or none there is no gap: "as long as the lookback".
			sql: frag(`CASE WHEN ${activeDays} > 1 THEN ${usualGap} ELSE ? END`, [L])
		},
		{
			key: 'overdue_ratio',
			name: `Days since last event ÷ the usual gap between active days`,
			unit: 'number',
			kind: 'overdue',
			noun: ANY_EVENT,
			windowDays: L,
			transform: 'log1p',
			stage: 'hist',
			// Regular customers are "due" again after their usual gap (Platzer & Reutterer 2016);
			// with fewer than two active days there is no usual gap: missing.
			sql: frag(
				`CASE WHEN ${activeDays} > 1 ` +
					`THEN ${aggWhere(d, 'min', '__age', '__in_lb')} / (${usualGap}) END`
			)
		},
		{
			key: 'weekend_share',
			name: `Share of events on weekends (last ${L} days)`,
			unit: 'number',
			kind: 'share',
			noun: { one: 'event on weekends', many: 'events on weekends' },
			windowDays: L,
			transform: 'none',
			stage: 'hist',
			sql: frag(
				`coalesce(${aggWhere(d, 'avg', `CASE WHEN ${d.weekday('__t')} IN (0, 6) THEN ${d.cast('1', 'DOUBLE')} ELSE ${d.cast('0', 'DOUBLE')} END`, '__in_lb')}, 0)`
			)
		}
	);
	if (input.hasTime)
		defs.push({
			key: 'evening_share',
			name: `Share of events in the evening, 18–24 h UTC (last ${L} days)`,
			unit: 'number',
			kind: 'share',
			noun: { one: 'event in the evening', many: 'events in the evening' },
			windowDays: L,
			transform: 'none',
			stage: 'hist',
			sql: frag(
				`coalesce(${aggWhere(d, 'avg', `CASE WHEN ${d.hour('__t')} >= 18 THEN ${d.cast('1', 'DOUBLE')} ELSE ${d.cast('0', 'DOUBLE')} END`, '__in_lb')}, 0)`
			)
		});
	if (L >= 60)
		defs.push({
			key: 'trend_30d',
			name: 'Change in events, last 30 days vs the 30 before',
			unit: 'events',
			kind: 'trend',
			noun: ANY_EVENT,
			windowDays: 30,
			transform: 'signedLog1p',
			stage: 'hist',
			sql: frag(`${countWhere(d, '__age <= 30')} - ${countWhere(d, '__age > 30 AND __age <= 60')}`)
		});
	return defs;
}

function attributeFeatures(input: FeaturePlanInput, d: Dialect): Ungrouped[] {
	const nameOf = renamed(input);
	return input.attributes.flatMap(({ column, categories }): Ungrouped[] => {
		const ref = `p.${d.ident(column.name)}`;
		const given = nameOf('attribute', column.name);
		const label = given ?? friendlyName(column.name);
		const base = { noun: ANY_EVENT, attribute: column.name, stage: 'profile' as const };
		if (isNumericType(column.type))
			return [
				{
					...base,
					key: `attr:${column.name}`,
					name: label,
					unit: 'number',
					kind: 'attribute',
					transform: 'signedLog1p',
					sql: frag(d.cast(ref, 'DOUBLE'))
				}
			];
		if (isTemporalType(column.type))
			// Point in time: a date after the cutoff is not known yet at the cutoff, so it is missing.
			return [
				{
					...base,
					key: `attr:${column.name}:days_since`,
					name: `Days since ${given ?? friendlyPhrase(column.name)}`,
					unit: 'days',
					kind: 'attributeDays',
					transform: 'signedLog1p',
					sql: frag(
						`CASE WHEN ${d.epochMs(d.cast(ref, 'TIMESTAMP'))} < c.__cutoff_t ` +
							`THEN ${d.days(`(c.__cutoff_t - ${d.epochMs(d.cast(ref, 'TIMESTAMP'))})`)} END`
					)
				}
			];
		return categories.map((category) => ({
			...base,
			key: `attr:${column.name}=${category}`,
			name: `${label} is ${category}`,
			unit: 'flag' as const,
			kind: 'category' as const,
			category,
			transform: 'none' as const,
			sql: frag(d.cast(`CASE WHEN ${d.cast(ref, 'VARCHAR')} = ? THEN 1 ELSE 0 END`, 'DOUBLE'), [
				category
			])
		}));
	});
}

/**
 * All features, in a stable order: overall, per event type, per custom event, attributes; their
 * SQL in dialect `d` (the app's DuckDB unless a scale-out script is written).
 */
export function planFeatures(input: FeaturePlanInput, d: Dialect = DUCKDB): FeatureDef[] {
	const nameOf = renamed(input);
	const labels = new Map<string, string>();
	const perType = input.eventTypes.flatMap((type, i) => {
		const given = nameOf('event', type);
		if (given) labels.set(`type:${type}`, given);
		const noun = given ? customNoun(given) : eventNoun(type);
		return eventFeatures(`type:${type}:`, noun.many, noun, eventTypeFlag(i), input, d);
	});
	const perCustom = input.customEvents.flatMap((ce, i) =>
		eventFeatures(
			`custom:${ce.name}:`,
			`${ce.name} events`,
			customNoun(ce.name),
			customEventFlag(i),
			input,
			d
		)
	);
	for (const { column } of input.attributes)
		labels.set(
			`attr:${column.name}`,
			nameOf('attribute', column.name) ?? friendlyName(column.name)
		);
	return [
		...overallFeatures(input, d),
		...perType,
		...perCustom,
		...attributeFeatures(input, d)
	].map((f) => ({ ...f, group: factorGroup(f, labels) }));
}
