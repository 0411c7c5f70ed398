// Tables and views by name: DuckDB drops and renames each kind only as itself.
import { quoteIdent, quoteLiteral } from '../engine/sql/quote';
import { toRows } from './rows';
import type { Db } from './types';

export type RelationKind = 'TABLE' | 'VIEW';

/** Whether `name` is a table or a view, or null when there is none. */
export async function relationKind(db: Db, name: string): Promise<RelationKind | null> {
	const rows = toRows(
		await db.query(
			`SELECT table_type AS k FROM information_schema.tables WHERE table_name = ${quoteLiteral(name)}`
		)
	);
	if (rows.length === 0) return null;
	return rows[0]!.k === 'VIEW' ? 'VIEW' : 'TABLE';
}

/** Drops table or view `name`, when there is one. */
export async function dropRelation(db: Db, name: string): Promise<void> {
	const kind = await relationKind(db, name);
	if (kind) await db.query(`DROP ${kind} ${quoteIdent(name)}`);
}
