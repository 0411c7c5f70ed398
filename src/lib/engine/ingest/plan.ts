// SQL that materialises the `events` table from a source relation and a mapping: the canonical
// columns (customer id as text, timestamp, epoch ms, event type, value) followed by every source
// column, so goal conditions can use any of them. Rows whose id or time cannot be read are kept
// here and counted (then removed) by the loader, so nothing is dropped silently.
import { isNumericType, isTemporalType } from '../goal/compile';
import { quoteIdent, quoteLiteral } from '../sql/quote';
import { COL, isReservedColumn, type ColumnInfo, type EventMapping } from '../types';

export class MappingError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'MappingError';
	}
}

/**
 * Text formats a timestamp may have besides ISO 8601. Month-first comes before day-first: when
 * both read every value, the US order is assumed (the guess flags it; the user can override).
 */
export const TEXT_FORMATS = [
	'%Y%m%d',
	'%m/%d/%Y %H:%M',
	'%d/%m/%Y %H:%M',
	'%m/%d/%Y %H:%M:%S',
	'%d/%m/%Y %H:%M:%S',
	'%m/%d/%Y',
	'%d/%m/%Y',
	'%d.%m.%Y %H:%M',
	'%d.%m.%Y',
	'%Y/%m/%d %H:%M:%S',
	'%Y/%m/%d',
	'%d-%m-%Y %H:%M:%S',
	'%d-%m-%Y'
];

export type EpochUnit = 'seconds' | 'milliseconds' | 'microseconds';

/**
 * The unit of a column of Unix times, from its largest absolute value: seconds reach 1e11 only
 * after the year 5000, milliseconds 1e14 after 5138, so the magnitudes cannot be confused for
 * any date an event log holds.
 */
export function epochUnit(maxAbs: number): EpochUnit {
	return maxAbs >= 1e14 ? 'microseconds' : maxAbs >= 1e11 ? 'milliseconds' : 'seconds';
}

/**
 * The SQL expression (over the source) that yields a TIMESTAMP, or NULL where it cannot parse.
 * Numbers are read as YYYYMMDD when the format says so, else as epoch seconds, milliseconds or
 * microseconds by magnitude (`maxAbs` is the column's largest absolute value, see `epochUnit`).
 */
export function timestampExpr(
	column: ColumnInfo,
	format: string | null | undefined,
	maxAbs = 0
): string {
	const c = quoteIdent(column.name);
	if (format) return `try_strptime(CAST(${c} AS VARCHAR), ${quoteLiteral(format)})`;
	if (isTemporalType(column.type)) return `CAST(${c} AS TIMESTAMP)`;
	if (isNumericType(column.type)) {
		const unit = epochUnit(maxAbs);
		return unit === 'microseconds'
			? `make_timestamp(CAST(${c} AS BIGINT))`
			: unit === 'milliseconds'
				? `epoch_ms(CAST(${c} AS BIGINT))`
				: `epoch_ms(CAST(round(CAST(${c} AS DOUBLE) * 1000) AS BIGINT))`;
	}
	const tries = TEXT_FORMATS.map((f) => `try_strptime(${c}, ${quoteLiteral(f)})`);
	// Via TIMESTAMPTZ so a UTC offset ("…+02:00", "…Z") is applied; without one, UTC is assumed.
	return `coalesce(TRY_CAST(TRY_CAST(${c} AS TIMESTAMPTZ) AS TIMESTAMP), ${tries.join(', ')})`;
}

export function checkMapping(m: EventMapping, columns: ColumnInfo[]): void {
	const names = columns.map((c) => c.name);
	const need = (role: string, name: string | null | undefined) => {
		if (name && !names.includes(name))
			throw new MappingError(
				`The ${role} column "${name}" is not in the file; its columns are ${names.join(', ')}.`
			);
	};
	if (!m.customerId) throw new MappingError('Choose the column that holds the customer id.');
	if (!m.timestamp) throw new MappingError('Choose the column that holds the event time.');
	need('customer id', m.customerId);
	need('timestamp', m.timestamp);
	need('event type', m.event);
	need('value', m.value);
	need('quantity', m.valueTimes);
	if (m.valueTimes && !m.value)
		throw new MappingError('Choose the value column that the quantity multiplies.');
	if (!m.event && !m.eventName)
		throw new MappingError('Choose the event type column, or name the event every row is.');
}

/**
 * Source columns whose values the events table holds in a canonical column, so it keeps no
 * second copy of them (memory is the limit in the browser): name → canonical column.
 */
export function roleColumns(m: EventMapping): Map<string, string> {
	const roles = new Map<string, string>([
		[m.customerId, COL.customerId],
		[m.timestamp, COL.t]
	]);
	if (m.event) roles.set(m.event, COL.event);
	// A value multiplied by a quantity is not the column's own value: that column stays.
	if (m.value && !m.valueTimes) roles.set(m.value, COL.value);
	return roles;
}

/**
 * `SELECT` producing the events table from `source` (a table or a `read_csv(…)` call): the
 * canonical columns, then every source column that is not a role column (see `roleColumns`).
 */
export function eventsSelectSql(
	source: string,
	m: EventMapping,
	columns: ColumnInfo[],
	tsMaxAbs = 0
): string {
	checkMapping(m, columns);
	const col = (name: string) => columns.find((c) => c.name === name)!;
	// A list (an identity namespace such as identityMap.ECID.id) gives its first element.
	const first = (name: string) =>
		col(name).type.endsWith('[]') ? `${quoteIdent(name)}[1]` : quoteIdent(name);
	const ts = timestampExpr(col(m.timestamp), m.timestampFormat, tsMaxAbs);
	const event = m.event
		? `CAST(${quoteIdent(m.event)} AS VARCHAR)`
		: quoteLiteral(m.eventName ?? 'event');
	const num = (name: string) => `TRY_CAST(${quoteIdent(name)} AS DOUBLE)`;
	const value = !m.value
		? 'CAST(NULL AS DOUBLE)'
		: m.valueTimes
			? `${num(m.value)} * ${num(m.valueTimes)}`
			: num(m.value);
	const roles = roleColumns(m);
	const sourceCols = columns
		.filter((c) => !isReservedColumn(c.name) && !roles.has(c.name))
		.map((c) => quoteIdent(c.name));
	return (
		`SELECT * EXCLUDE (${quoteIdent(COL.ts)}), epoch_ms(${quoteIdent(COL.ts)}) AS ${quoteIdent(COL.t)} FROM (SELECT ` +
		`CAST(${first(m.customerId)} AS VARCHAR) AS ${quoteIdent(COL.customerId)}, ` +
		`${ts} AS ${quoteIdent(COL.ts)}, ${event} AS ${quoteIdent(COL.event)}, ${value} AS ${quoteIdent(COL.value)}` +
		(sourceCols.length ? `, ${sourceCols.join(', ')}` : '') +
		` FROM ${source})`
	);
}

/** Whether a timestamp column needs its magnitude to be read (numbers without a format). */
export function needsMagnitude(column: ColumnInfo, format: string | null | undefined): boolean {
	return !format && isNumericType(column.type);
}

/**
 * The profile table's rows from `relation`: one per customer id (the first row in the file wins
 * on duplicates: on several threads a window without an order picks any row), with the id as
 * text in our column.
 */
export function profilesSelectSql(relation: string, customerId: string): string {
	const id = quoteIdent(customerId);
	return (
		`SELECT CAST(${id} AS VARCHAR) AS ${quoteIdent(COL.customerId)}, * EXCLUDE (__row) ` +
		`FROM (SELECT *, row_number() OVER () AS __row FROM ${relation} WHERE ${id} IS NOT NULL) ` +
		`QUALIFY row_number() OVER (PARTITION BY ${id} ORDER BY __row) = 1`
	);
}
