// Accumulates flattened records into columns and turns each batch into an Arrow IPC stream for
// DuckDB. Types are inferred per batch (integers → BIGINT, other numbers → DOUBLE, booleans,
// dates → TIMESTAMP, text, and lists of those); DuckDB's UNION ALL BY NAME later reconciles
// batches that disagree (a column missing in one, BIGINT in one and DOUBLE in the next).
import * as arrow from 'apache-arrow';
import type { FlatScalar, FlatValue } from '../engine/ingest/flatten';

type Kind = 'int' | 'float' | 'bool' | 'date' | 'text' | 'null';

function kindOf(v: FlatScalar): Kind {
	if (v === null) return 'null';
	if (typeof v === 'number') return Number.isSafeInteger(v) ? 'int' : 'float';
	if (typeof v === 'boolean') return 'bool';
	if (v instanceof Date) return 'date';
	return 'text';
}

function widen(a: Kind, b: Kind): Kind {
	if (a === b || b === 'null') return a;
	if (a === 'null') return b;
	if ((a === 'int' && b === 'float') || (a === 'float' && b === 'int')) return 'float';
	return 'text';
}

function arrowType(kind: Kind): arrow.DataType {
	switch (kind) {
		case 'int':
			return new arrow.Int64();
		case 'float':
			return new arrow.Float64();
		case 'bool':
			return new arrow.Bool();
		case 'date':
			return new arrow.TimestampMillisecond();
		default:
			return new arrow.Utf8();
	}
}

function convert(v: FlatScalar, kind: Kind): unknown {
	if (v === null) return null;
	switch (kind) {
		case 'int':
			return BigInt(v as number);
		case 'float':
			return Number(v);
		case 'date':
			return (v as Date).getTime();
		case 'text':
			return v instanceof Date ? v.toISOString() : String(v);
		default:
			return v;
	}
}

export class BatchBuilder {
	#columns = new Map<string, FlatValue[]>();
	#rows = 0;

	get rows(): number {
		return this.#rows;
	}

	add(record: Map<string, FlatValue>): void {
		for (const [path, value] of record) {
			let col = this.#columns.get(path);
			if (!col) {
				// A column first seen now was missing (null) in the rows before.
				col = new Array<FlatValue>(this.#rows).fill(null);
				this.#columns.set(path, col);
			}
			col.push(value);
		}
		this.#rows++;
		for (const col of this.#columns.values()) if (col.length < this.#rows) col.push(null);
	}

	/** The batch as an Arrow IPC stream; the builder starts empty again. */
	flush(): Uint8Array | null {
		if (this.#rows === 0) return null;
		const vectors: Record<string, arrow.Vector> = {};
		for (const [path, values] of this.#columns) {
			const isList = values.some(Array.isArray);
			let kind: Kind = 'null';
			for (const v of values) {
				if (Array.isArray(v)) for (const x of v) kind = widen(kind, kindOf(x));
				else kind = widen(kind, kindOf(v));
			}
			if (kind === 'null') kind = 'text';
			const type = arrowType(kind);
			if (isList) {
				const listType = new arrow.List(new arrow.Field('item', type, true));
				const data = values.map((v) =>
					v === null ? null : (Array.isArray(v) ? v : [v]).map((x) => convert(x, kind))
				);
				vectors[path] = arrow.vectorFromArray(data, listType);
			} else
				vectors[path] = arrow.vectorFromArray(
					values.map((v) => convert(v as FlatScalar, kind)),
					type
				);
		}
		const ipc = arrow.tableToIPC(new arrow.Table(vectors), 'stream');
		this.#columns = new Map();
		this.#rows = 0;
		return ipc;
	}
}
