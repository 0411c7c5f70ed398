// One customer's events, for the profile drill-down's timeline.
import { COL, EVENTS_TABLE } from '../engine/types';
import { quoteIdent } from '../engine/sql/quote';
import { numberColumn, stringColumn } from './rows';
import type { Db } from './types';

export interface TimelineEvent {
	/** Epoch ms. */
	t: number;
	event: string;
	/** The mapped value, NaN when there is none. */
	value: number;
}

/** The customer's events from `from` (epoch ms, inclusive) on, oldest first, at most `limit`. */
export async function customerEvents(
	db: Db,
	customerId: string,
	from: number,
	limit = 5000
): Promise<TimelineEvent[]> {
	const q = (c: string) => quoteIdent(c);
	const table = await db.query(
		`SELECT ${q(COL.t)}::DOUBLE AS t, CAST(${q(COL.event)} AS VARCHAR) AS event, ` +
			`TRY_CAST(${q(COL.value)} AS DOUBLE) AS value FROM ${EVENTS_TABLE} ` +
			`WHERE CAST(${q(COL.customerId)} AS VARCHAR) = ? AND ${q(COL.t)} >= ? ORDER BY 1, 2, 3 LIMIT ${Math.floor(limit)}`,
		[customerId, from]
	);
	const t = numberColumn(table, 't');
	const event = stringColumn(table, 'event');
	const value = numberColumn(table, 'value');
	return Array.from(t, (x, i) => ({ t: x, event: event[i] ?? '', value: value[i]! }));
}
