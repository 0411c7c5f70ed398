// DuckDB's own account of the memory it holds, and its limit (see engine/ingest/capacity.ts).
import { parseDbSize, type DbMemory } from '../engine/ingest/capacity';
import { firstRow } from './rows';
import type { Db } from './types';

export async function dbMemory(db: Db): Promise<DbMemory> {
	const r = firstRow(
		await db.query(
			`SELECT coalesce(sum(memory_usage_bytes), 0) AS used, current_setting('memory_limit') AS lim FROM duckdb_memory()`
		)
	);
	return { usedBytes: Number(r.used), limitBytes: parseDbSize(String(r.lim)) };
}
