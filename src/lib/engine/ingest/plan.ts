// SQL that materialises the `events` table from a source relation and a mapping: the canonical
// columns (customer id as text, timestamp, epoch ms, event type, value) followed by every source
// column, so goal conditions can use any of them. Rows whose id or time cannot be read are kept
// here and counted (then removed) by the loader, so nothing is dropped silently.
import { isNumericType, isTemporalType } from '../goal/compile';
import type { Dialect } from '../sql/dialect';
import { DUCKDB } from '../sql/duckdb';
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
	maxAbs = 0,
	d: Dialect = DUCKDB
): string {
	const c = d.ident(column.name);
	if (format) return d.strptime(d.cast(c, 'VARCHAR'), format);
	if (isTemporalType(column.type)) return d.cast(c, 'TIMESTAMP');
	if (isNumericType(column.type)) {
		const unit = epochUnit(maxAbs);
		return unit === 'microseconds'
			? d.fromEpochUs(d.cast(c, 'BIGINT'))
			: unit === 'milliseconds'
				? d.fromEpochMs(d.cast(c, 'BIGINT'))
				: d.fromEpochMs(d.cast(d.round(`${d.cast(c, 'DOUBLE')} * 1000`), 'BIGINT'));
	}
	// As text: a no-op on the text column the app read, and a warehouse table may hold the same
	// times typed (DuckDB's read_json makes ISO text a TIMESTAMP), which the parsers refuse.
	const text = d.cast(c, 'VARCHAR');
	const tries = TEXT_FORMATS.map((f) => d.strptime(text, f));
	return `coalesce(${d.isoTimestamp(text)}, ${tries.join(', ')})`;
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
	tsMaxAbs = 0,
	d: Dialect = DUCKDB
): string {
	checkMapping(m, columns);
	const col = (name: string) => columns.find((c) => c.name === name)!;
	const q = (name: string) => d.ident(name);
	// A list (an identity namespace such as identityMap.ECID.id) gives its first element.
	const first = (name: string) => (col(name).type.endsWith('[]') ? d.listFirst(q(name)) : q(name));
	const ts = timestampExpr(col(m.timestamp), m.timestampFormat, tsMaxAbs, d);
	const event = m.event ? d.cast(q(m.event), 'VARCHAR') : d.literal(m.eventName ?? 'event');
	const num = (name: string) => d.tryDouble(q(name));
	const value = !m.value
		? d.cast('NULL', 'DOUBLE')
		: m.valueTimes
			? `${num(m.value)} * ${num(m.valueTimes)}`
			: num(m.value);
	const roles = roleColumns(m);
	const sourceCols = columns
		.filter((c) => !isReservedColumn(c.name) && !roles.has(c.name))
		.map((c) => q(c.name));
	const canonical = [COL.customerId, COL.event, COL.value].map(q);
	return (
		`SELECT ${[...canonical, ...sourceCols].join(', ')}, ${d.epochMs(q(COL.ts))} AS ${q(COL.t)} FROM (SELECT ` +
		`${d.cast(first(m.customerId), 'VARCHAR')} AS ${q(COL.customerId)}, ` +
		`${ts} AS ${q(COL.ts)}, ${event} AS ${q(COL.event)}, ${value} AS ${q(COL.value)}` +
		(sourceCols.length ? `, ${sourceCols.join(', ')}` : '') +
		` FROM ${source}) AS __source`
	);
}

/** Whether a timestamp column needs its magnitude to be read (numbers without a format). */
export function needsMagnitude(column: ColumnInfo, format: string | null | undefined): boolean {
	return !format && isNumericType(column.type);
}

/**
 * The profile table's rows from `relation`: one per customer id (in the app, the first row in
 * the file wins on duplicates), with the id as text in our column.
 */
export function profilesSelectSql(
	relation: string,
	customerId: string,
	d: Dialect = DUCKDB
): string {
	return d.firstRowPer(relation, d.ident(customerId), d.ident(COL.customerId));
}
