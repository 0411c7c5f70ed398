// Arrow results to plain JS values: BIGINT becomes number (text beyond 2^53), timestamps
// become epoch ms numbers.
import { DataType, Precision, Vector, type Data, type Table } from 'apache-arrow';

/** A result row by column name; without a prototype, so a column named `__proto__` is a column. */
export type Row = Record<string, unknown>;

export function plain(v: unknown): unknown {
	// An integer beyond 2^53 (a Parquet INT64 id) stays exact as its digits.
	if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : String(v);
	if (v instanceof Date) return v.getTime();
	return v;
}

export function toRows(t: Table): Row[] {
	// By column position, not through Arrow's row proxy, where `row['__proto__']` is its prototype.
	const names = t.schema.fields.map((f) => f.name);
	const columns = names.map((_, j) => t.getChildAt(j)!);
	const out: Row[] = [];
	for (let i = 0; i < t.numRows; i++) {
		const row = Object.create(null) as Row;
		names.forEach((n, j) => (row[n] = plain(columns[j]!.get(i))));
		out.push(row);
	}
	return out;
}

export function firstRow(t: Table): Row {
	const rows = toRows(t);
	if (!rows[0]) throw new Error('query returned no row');
	return rows[0];
}

/** A numeric column as Float64Array (NULL and missing become NaN). */
export function numberColumn(t: Table, name: string): Float64Array {
	const col = t.getChild(name);
	if (!col) throw new Error(`result has no column ${name}`);
	// One batch of doubles without nulls is its own buffer. Otherwise batch by batch from the value
	// buffers: Vector.get(i) looks up the batch of every row, which at a million matrix rows held
	// the main thread for seconds, and toArray() would copy all batches into one array first.
	const only = col.data.length === 1 ? col.data[0]! : null;
	if (only && only.nullCount === 0 && only.values instanceof Float64Array)
		return only.values.subarray(0, only.length);
	const out = new Float64Array(t.numRows);
	let at = 0;
	for (const d of col.data) {
		if (!isPlainNumber(d.type)) {
			const v = new Vector([d]);
			for (let i = 0; i < d.length; i++) out[at + i] = toNumber(v.get(i));
		} else {
			const values = d.values as ArrayLike<number | bigint>;
			const nulls = d.nullCount > 0 ? d.nullBitmap : null;
			for (let i = 0; i < d.length; i++) {
				const k = d.offset + i;
				out[at + i] = nulls && !(nulls[k >> 3]! & (1 << (k & 7))) ? NaN : Number(values[i]);
			}
		}
		at += d.length;
	}
	return out;
}

/** Integers and full-precision floats: one value per row in `values`, read as they are. */
function isPlainNumber(type: DataType): boolean {
	return DataType.isInt(type) || (DataType.isFloat(type) && type.precision !== Precision.HALF);
}

function toNumber(v: unknown): number {
	return v === null || v === undefined ? NaN : Number(v);
}

export function stringColumn(t: Table, name: string): string[] {
	const col = t.getChild(name);
	if (!col) throw new Error(`result has no column ${name}`);
	const out: string[] = new Array<string>(t.numRows);
	let at = 0;
	for (const d of col.data) {
		if (!DataType.isUtf8(d.type) || !asciiUtf8(d, out, at)) {
			// The vector's iterator walks its one batch (get(i) would look up each row's batch).
			let i = at;
			for (const v of new Vector([d])) out[i++] = String(v);
		}
		at += d.length;
	}
	return out;
}

const ascii = new TextDecoder('ascii');

/**
 * Reads a UTF-8 batch whose bytes are all ASCII (the usual ids) by decoding it once and slicing
 * the one string: byte offsets are then character offsets. Decoding each value apart took 300 ms
 * of the main thread per 250,000 ids. Returns false, writing nothing, for any other batch.
 */
function asciiUtf8(d: Data, out: string[], at: number): boolean {
	const offsets = d.valueOffsets as Int32Array;
	const first = offsets[0]!;
	const bytes = (d.values as Uint8Array).subarray(first, offsets[d.length]!);
	for (let i = 0; i < bytes.length; i++) if (bytes[i]! > 0x7f) return false;
	const text = ascii.decode(bytes);
	const nulls = d.nullCount > 0 ? d.nullBitmap : null;
	for (let i = 0; i < d.length; i++) {
		const k = d.offset + i;
		out[at + i] =
			nulls && !(nulls[k >> 3]! & (1 << (k & 7)))
				? 'null'
				: text.slice(offsets[i]! - first, offsets[i + 1]! - first);
	}
	return true;
}
