// Accumulates flattened records into columns and turns each batch into an Arrow IPC stream for
// DuckDB. Types are inferred per batch (integers → BIGINT, other numbers → DOUBLE, booleans,
// dates → TIMESTAMP, text, and lists of those); DuckDB's UNION ALL BY NAME later reconciles
// batches that disagree (a column missing in one, BIGINT in one and DOUBLE in the next).
// Integers are exact: JSON integers beyond ±2^53 arrive as their digits (text, so the column is
// VARCHAR, and a BIGINT batch of the same column unions to VARCHAR "274", never "274.0"), and
// Parquet's 64-bit integers stay bigints (see `bigintVector`).
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
		const ipc = columnsToIpc(this.#columns);
		this.#columns = new Map();
		this.#rows = 0;
		return ipc;
	}
}

export type NumericArray =
	| Float64Array
	| Float32Array
	| Int32Array
	| Int16Array
	| Int8Array
	| Uint8Array
	| Uint16Array
	| Uint32Array
	| BigInt64Array
	| BigUint64Array;

/** One Arrow vector from a column of flattened values, its type inferred (see the header). */
export function columnVector(values: FlatValue[] | NumericArray): arrow.Vector {
	if (ArrayBuffer.isView(values)) {
		// Typed arrays (non-null numbers from Parquet) become vectors without a per-value pass;
		// integers stay integers (an INT32 id read as DOUBLE would print as "274.0").
		if (values instanceof Float32Array) return arrow.makeVector(Float64Array.from(values));
		return arrow.makeVector(values as Exclude<NumericArray, Float32Array>);
	}
	const isList = values.some(Array.isArray);
	let kind: Kind = 'null';
	for (const v of values) {
		if (Array.isArray(v)) for (const x of v) kind = widen(kind, kindOf(x));
		else kind = widen(kind, kindOf(v));
	}
	if (kind === 'null') kind = 'text';
	const type = arrowType(kind);
	if (!isList) {
		const scalars = values as FlatScalar[];
		return (
			scalarVector(scalars, kind) ??
			arrow.vectorFromArray(
				scalars.map((v) => convert(v, kind)),
				type
			)
		);
	}
	const listType = new arrow.List(new arrow.Field('item', type, true));
	const data = values.map((v) =>
		v === null ? null : (Array.isArray(v) ? v : [v]).map((x) => convert(x, kind))
	);
	return arrow.vectorFromArray(data, listType);
}

/** Arrow's validity bitmap (bit set = value present; null and undefined are absent). */
function validity(values: ArrayLike<unknown>): { nullBitmap: Uint8Array; nullCount: number } {
	const nullBitmap = new Uint8Array((values.length + 7) >> 3);
	let nullCount = 0;
	for (let i = 0; i < values.length; i++) {
		if (values[i] === null || values[i] === undefined) nullCount++;
		else nullBitmap[i >> 3]! |= 1 << (i & 7);
	}
	return { nullBitmap, nullCount };
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/**
 * Exact integers from bigints (Parquet INT64 or UINT64 with nulls, DECIMAL(p, 0)): BIGINT when
 * every value of the batch fits, else UBIGINT when they fit unsigned, else text of the digits.
 * Batches that differ union exactly (BIGINT and UBIGINT to HUGEINT, either and text to text).
 */
export function bigintVector(values: ArrayLike<bigint | null | undefined>): arrow.Vector {
	const length = values.length;
	let min = 0n;
	let max = 0n;
	for (let i = 0; i < length; i++) {
		const v = values[i];
		if (v === null || v === undefined) continue;
		if (v < min) min = v;
		if (v > max) max = v;
	}
	const valid = validity(values);
	if (min >= INT64_MIN && max <= INT64_MAX) {
		const data = BigInt64Array.from({ length }, (_, i) => values[i] ?? 0n);
		return arrow.makeVector(arrow.makeData({ type: new arrow.Int64(), length, ...valid, data }));
	}
	if (min >= 0n && max <= UINT64_MAX) {
		const data = BigUint64Array.from({ length }, (_, i) => values[i] ?? 0n);
		return arrow.makeVector(arrow.makeData({ type: new arrow.Uint64(), length, ...valid, data }));
	}
	return utf8Vector(Array.from({ length }, (_, i) => values[i]?.toString() ?? null));
}

/**
 * Text straight into Arrow's Utf8 buffers (offsets and bytes): ASCII is copied code by code, the
 * rest goes through TextEncoder. Several times faster than Arrow's generic builder on columns of
 * mostly distinct values (ids).
 */
export function utf8Vector(texts: ArrayLike<string | null>): arrow.Vector {
	const length = texts.length;
	const valid = validity(texts);
	const valueOffsets = new Int32Array(length + 1);
	const encoder = new TextEncoder();
	let data = new Uint8Array(1 << 16);
	let pos = 0;
	for (let i = 0; i < length; i++) {
		const text = texts[i];
		if (text !== null && text !== undefined) {
			// A UTF-16 code unit takes at most 3 bytes of UTF-8.
			if (pos + 3 * text.length > data.length) {
				const grown = new Uint8Array(Math.max(2 * data.length, pos + 3 * text.length));
				grown.set(data.subarray(0, pos));
				data = grown;
			}
			let j = 0;
			for (; j < text.length; j++) {
				const c = text.charCodeAt(j);
				if (c >= 0x80) break;
				data[pos + j] = c;
			}
			pos += j === text.length ? j : encoder.encodeInto(text, data.subarray(pos)).written;
		}
		valueOffsets[i + 1] = pos;
	}
	return arrow.makeVector(
		arrow.makeData({
			type: new arrow.Utf8(),
			length,
			...valid,
			valueOffsets,
			data: data.subarray(0, pos)
		})
	);
}

const toText = (v: FlatScalar): string | null =>
	v === null ? null : v instanceof Date ? v.toISOString() : String(v);

/**
 * Builds numbers, times and text straight into Arrow buffers (repetitive text as a dictionary:
 * event types, devices and ids repeat), which is several times faster than Arrow's generic
 * builder. Null for kinds that take the generic path.
 */
function scalarVector(values: FlatScalar[], kind: Kind): arrow.Vector | null {
	const length = values.length;
	const valid = validity(values);
	if (kind === 'float')
		return arrow.makeVector(
			arrow.makeData({
				type: new arrow.Float64(),
				length,
				...valid,
				data: Float64Array.from(values, (v) => (v === null ? 0 : Number(v)))
			})
		);
	if (kind === 'int' || kind === 'date') {
		const data = BigInt64Array.from(values, (v) =>
			v === null ? 0n : BigInt(v instanceof Date ? v.getTime() : (v as number))
		);
		if (kind === 'int')
			return arrow.makeVector(arrow.makeData({ type: new arrow.Int64(), length, ...valid, data }));
		return arrow.makeVector(
			arrow.makeData({ type: new arrow.TimestampMillisecond(), length, ...valid, data })
		);
	}
	if (kind !== 'text') return null;
	const codes = new Map<string, number>();
	const indices = new Int32Array(length);
	for (let i = 0; i < length; i++) {
		const text = toText(values[i]!);
		if (text === null) continue;
		let code = codes.get(text);
		if (code === undefined) codes.set(text, (code = codes.size));
		indices[i] = code;
		// Mostly distinct values (ids) gain nothing from a dictionary.
		if (codes.size > length / 2) return utf8Vector(values.map(toText));
	}
	const dictionary = utf8Vector([...codes.keys()]);
	const type = new arrow.Dictionary(new arrow.Utf8(), new arrow.Int32());
	return arrow.makeVector(arrow.makeData({ type, length, ...valid, data: indices, dictionary }));
}

/** Columns of equal length (values, or vectors already built) as one Arrow IPC stream. */
export function columnsToIpc(
	columns: Map<string, FlatValue[] | NumericArray | arrow.Vector>
): Uint8Array {
	// No prototype: a field named "__proto__" is a column like any other.
	const vectors = Object.create(null) as Record<string, arrow.Vector>;
	for (const [path, values] of columns)
		vectors[path] = values instanceof arrow.Vector ? values : columnVector(values);
	return arrow.tableToIPC(new arrow.Table(vectors), 'stream');
}
