// A record file's Arrow batches (JSON, NDJSON, Parquet) in as few DuckDB tables as their schemas
// allow: a batch whose schema is the one before it (the same bytes) is appended to that batch's
// table, so a Parquet file is one table however many batches it has. Fewer tables let the events
// be a view over them (events.ts): DuckDB runs a union with a pipeline per table, each holding its
// own state in the operators above, and over the 77 tables of a 10 M-row Parquet file the feature
// query needed 1.5 GB more than over one table (native DuckDB, the same plan).
import { batchTable } from './ingest';
import type { Db } from './types';

/**
 * The schema message that opens an Arrow IPC stream (its bytes, framing included), or null when
 * the stream is too short to hold one. Two streams whose schemas are these same bytes have the
 * same columns, names, types and order.
 */
export function ipcSchemaBytes(ipc: Uint8Array): Uint8Array | null {
	if (ipc.length < 8) return null;
	const view = new DataView(ipc.buffer, ipc.byteOffset, ipc.byteLength);
	// The continuation marker (0xFFFFFFFF) and then the length, or (before Arrow 0.15) the length.
	const marked = view.getInt32(0, true) === -1;
	const length = view.getInt32(marked ? 4 : 0, true);
	const end = (marked ? 8 : 4) + length;
	return length > 0 && end <= ipc.length ? ipc.subarray(0, end) : null;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
	return true;
}

/**
 * The tables `table__b0`, `table__b1`, … (batchTable) that a read fills. A file read in parts
 * (read-parts.ts) gives each part its own tables, so the rows keep the file's order: `order`
 * lists the tables part after part.
 */
export class BatchTables {
	/** Tables made so far (numbered 0 … count − 1). */
	count = 0;
	readonly #parts: { tables: number[]; schema: Uint8Array | null }[] = [];

	constructor(
		private readonly db: Db,
		private readonly table: string
	) {}

	/** Inserts batch `ipc` of part `part` (0 for a file read whole). */
	async insert(ipc: Uint8Array, part = 0): Promise<void> {
		while (this.#parts.length <= part) this.#parts.push({ tables: [], schema: null });
		const p = this.#parts[part]!;
		const schema = ipcSchemaBytes(ipc);
		const append = p.schema !== null && schema !== null && sameBytes(p.schema, schema);
		if (!append) {
			p.tables.push(this.count++);
			// A copy: the stream's buffer is handed over to DuckDB's worker.
			p.schema = schema && schema.slice();
		}
		await this.db.insertArrow(batchTable(this.table, p.tables.at(-1)!), ipc, append);
	}

	/** The tables' numbers in file order. */
	order(): number[] {
		return this.#parts.flatMap((p) => p.tables);
	}
}
