// Identities for the destinations: each customer's value of a column of the profile file (one row
// per customer) or of the events (the latest non-empty value, so a changed email is the new one).
import { quoteIdent } from '../engine/sql/quote';
import { COL, EVENTS_TABLE, PROFILES_TABLE, type ColumnInfo } from '../engine/types';
import { stringColumn } from './rows';
import type { Db } from './types';

export interface IdentityColumn {
	table: 'profiles' | 'events';
	/** The column's name in the source file. */
	name: string;
}

/**
 * The columns that can say who a profile is in another tool, beside its customer id: text and
 * whole-number columns of the profile file and of the events, except mapped roles.
 */
export function identityColumns(
	profileColumns: ColumnInfo[] | null,
	eventColumns: ColumnInfo[],
	profileIdColumn: string | null
): IdentityColumn[] {
	const usable = (c: ColumnInfo) =>
		!c.name.startsWith('__') && (/CHAR|TEXT|STRING/i.test(c.type) || /INT/i.test(c.type));
	return [
		...(profileColumns ?? [])
			.filter((c) => usable(c) && c.name !== profileIdColumn)
			.map((c) => ({ table: 'profiles' as const, name: c.name })),
		// A mapped role (customer id, time, event type, value) is no other identity.
		...eventColumns
			.filter((c) => usable(c) && !c.ref)
			.map((c) => ({ table: 'events' as const, name: c.name }))
	];
}

/** Each customer's value of `column` (trimmed, non-empty), by customer id. */
export async function identityValues(
	db: Db,
	column: IdentityColumn,
	columns: ColumnInfo[]
): Promise<Map<string, string>> {
	const info = columns.find((c) => c.name === column.name);
	// The profile file's columns keep their names; an event column mapped to a role lives in its
	// canonical column (ColumnInfo.ref).
	if (!info)
		throw new Error(
			`${column.table === 'profiles' ? 'The profile file has' : 'The events have'} no column “${column.name}”.`
		);
	const c = quoteIdent(info.ref ?? column.name);
	const value = `trim(CAST(${c} AS VARCHAR))`;
	const id = quoteIdent(COL.customerId);
	const sql =
		column.table === 'profiles'
			? `SELECT CAST(${id} AS VARCHAR) AS id, ${value} AS v FROM ${PROFILES_TABLE} WHERE ${value} <> ''`
			: `SELECT CAST(${id} AS VARCHAR) AS id, arg_max(${value}, ${quoteIdent(COL.t)}) AS v FROM ${EVENTS_TABLE} ` +
				`WHERE ${value} <> '' GROUP BY 1`;
	const t = await db.query(sql);
	const ids = stringColumn(t, 'id');
	const values = stringColumn(t, 'v');
	const out = new Map<string, string>();
	for (let i = 0; i < ids.length; i++) out.set(ids[i]!, values[i]!);
	return out;
}
