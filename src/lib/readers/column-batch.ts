// The columns of one batch of records, written a value at a time: by the NDJSON scanner straight
// from the file's bytes (ndjson-scan.ts), or a flattened record at a time for the records it
// leaves to JSON.parse. Each column's type is decided when the batch is flushed, by the rules of
// arrow-batch.ts (integers → BIGINT, other numbers → DOUBLE, booleans, text); a column that mixes
// text with numbers or holds lists is handed to arrow-batch.ts's own builder, so both readers
// give the same batches.
import * as arrow from 'apache-arrow';
import type { FlatValue } from '../engine/ingest/flatten';
import { columnsToIpc, columnVector } from './arrow-batch';

// What a row of a column holds. ABSENT rows (the record had no such field) read as null.
const ABSENT = 0;
const NULL = 1;
const INT = 2;
const FLOAT = 3;
const FALSE = 4;
const TRUE = 5;
const TEXT = 6;
const OTHER = 7; // a list, or any value kept as it is in `others`

const bit = (tag: number) => 1 << tag;
const NUMBERS = bit(INT) | bit(FLOAT);
const BOOLS = bit(FALSE) | bit(TRUE);

export class Column {
	tags = new Uint8Array(256);
	/** Numbers by row (allocated when the first is written). */
	nums: Float64Array | null = null;
	/** Where each TEXT row's bytes end in `bytes`, which holds them in row order. */
	ends: Int32Array | null = null;
	bytes: Uint8Array | null = null;
	pos = 0;
	others: Map<number, FlatValue> | null = null;
	/** The last row written, and where its text began: enough to undo it. */
	row = -1;
	start = 0;
	/** Dropped from its batch (first met in a row that was undone). */
	removed = false;
	/** The tags written (a bit each); recounted from the rows after an undo. */
	seen = 0;
	recount = false;

	constructor(readonly path: string) {}

	/** Empty again, its buffers kept for the next batch. */
	reset(rows: number): void {
		this.tags.fill(0, 0, rows);
		this.pos = 0;
		this.others = null;
		this.row = -1;
		this.seen = 0;
		this.recount = false;
	}
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class ColumnBatch {
	#columns: Column[] = [];
	#byPath = new Map<string, Column>();
	#columnsBeforeRow = 0;
	/** The last batch's columns, whose buffers the next batch reuses (a batch's garbage was a fifth of a read). */
	#spare = new Map<string, Column>();
	/** Rows committed; the row being written is this one. */
	rows = 0;
	/** Counts flushes: a column cached by a caller belongs to this batch while it is the same. */
	epoch = 0;

	/** The column of `path`, created (null so far) when this batch has not met it. */
	column(path: string): Column {
		let c = this.#byPath.get(path);
		if (!c) {
			c = this.#spare.get(path) ?? new Column(path);
			this.#spare.delete(path);
			this.#byPath.set(path, c);
			this.#columns.push(c);
		}
		return c;
	}

	/** Whether `c` holds a value in the row being written (a field met twice in one record). */
	written(c: Column): boolean {
		return c.row === this.rows;
	}

	#claim(c: Column, tag: number): number {
		const r = this.rows;
		if (r >= c.tags.length) grow(c, Math.max(2 * c.tags.length, r + 1));
		c.tags[r] = tag;
		c.row = r;
		c.seen |= 1 << tag;
		return r;
	}

	setNull(c: Column): void {
		this.#claim(c, NULL);
	}

	setNumber(c: Column, v: number): void {
		const r = this.#claim(c, Number.isSafeInteger(v) ? INT : FLOAT);
		(c.nums ??= new Float64Array(c.tags.length))[r] = v;
	}

	setBool(c: Column, v: boolean): void {
		this.#claim(c, v ? TRUE : FALSE);
	}

	/** Text as UTF-8 bytes `src[start, end)` (valid UTF-8, checked by the caller). */
	setBytes(c: Column, src: Uint8Array, start: number, end: number): void {
		const r = this.#claim(c, TEXT);
		const n = end - start;
		const bytes = room(c, n);
		let p = c.pos;
		c.start = p;
		if (n < 32) for (let i = start; i < end; i++) bytes[p++] = src[i]!;
		else {
			bytes.set(src.subarray(start, end), p);
			p += n;
		}
		c.pos = p;
		(c.ends ??= new Int32Array(c.tags.length))[r] = p;
	}

	setText(c: Column, text: string): void {
		const r = this.#claim(c, TEXT);
		const bytes = room(c, 3 * text.length); // a UTF-16 code unit takes at most 3 bytes
		c.start = c.pos;
		c.pos += encoder.encodeInto(text, bytes.subarray(c.pos)).written;
		(c.ends ??= new Int32Array(c.tags.length))[r] = c.pos;
	}

	/** Any flattened value (lists, dates) as it is. */
	setOther(c: Column, v: FlatValue): void {
		const r = this.#claim(c, OTHER);
		(c.others ??= new Map()).set(r, v);
	}

	/** A flattened record (flatten.ts) as the next row. */
	addFlat(record: Map<string, FlatValue>): void {
		for (const [path, v] of record) {
			const c = this.column(path);
			if (v === null) this.setNull(c);
			else if (typeof v === 'number') this.setNumber(c, v);
			else if (typeof v === 'boolean') this.setBool(c, v);
			else if (typeof v === 'string') this.setText(c, v);
			else this.setOther(c, v);
		}
		this.commit();
	}

	/** The row written so far is complete. */
	commit(): void {
		this.rows++;
		this.#columnsBeforeRow = this.#columns.length;
	}

	/** Forgets the row written so far, and the columns first met in it. */
	undo(): void {
		const r = this.rows;
		for (const c of this.#columns) {
			if (c.row !== r) continue;
			if (c.tags[r] === TEXT) c.pos = c.start;
			c.others?.delete(r);
			c.tags[r] = ABSENT;
			c.row = -1;
			c.recount = true;
		}
		while (this.#columns.length > this.#columnsBeforeRow) {
			const c = this.#columns.pop()!;
			c.removed = true;
			this.#byPath.delete(c.path);
		}
	}

	/** The batch as an Arrow IPC stream; the batch starts empty again. */
	flush(): Uint8Array | null {
		if (this.rows === 0) return null;
		const vectors = new Map<string, arrow.Vector>();
		for (const c of this.#columns) vectors.set(c.path, vectorOf(c, this.rows));
		const ipc = columnsToIpc(vectors);
		this.#spare = new Map();
		for (const c of this.#columns) {
			c.reset(this.rows);
			this.#spare.set(c.path, c);
		}
		this.#columns = [];
		this.#byPath = new Map();
		this.#columnsBeforeRow = 0;
		this.rows = 0;
		this.epoch++;
		return ipc;
	}
}

function grow(c: Column, size: number): void {
	const widen = <T extends Uint8Array | Float64Array | Int32Array>(
		a: T,
		make: (n: number) => T
	) => {
		const b = make(size);
		b.set(a);
		return b;
	};
	c.tags = widen(c.tags, (n) => new Uint8Array(n));
	if (c.nums) c.nums = widen(c.nums, (n) => new Float64Array(n));
	if (c.ends) c.ends = widen(c.ends, (n) => new Int32Array(n));
}

/** `c.bytes` with room for `n` more bytes after `c.pos`. */
function room(c: Column, n: number): Uint8Array {
	const have = c.bytes?.length ?? 0;
	if (c.bytes && c.pos + n <= have) return c.bytes;
	const bytes = new Uint8Array(Math.max(2 * have, c.pos + n, 1 << 12));
	if (c.bytes) bytes.set(c.bytes.subarray(0, c.pos));
	return (c.bytes = bytes);
}

/** Arrow's validity bitmap: set where the row holds a value. */
function validity(tags: Uint8Array, rows: number): { nullBitmap: Uint8Array; nullCount: number } {
	const nullBitmap = new Uint8Array((rows + 7) >> 3);
	let nullCount = 0;
	for (let r = 0; r < rows; r++) {
		if (tags[r]! > NULL) nullBitmap[r >> 3]! |= 1 << (r & 7);
		else nullCount++;
	}
	return { nullBitmap, nullCount };
}

function vectorOf(c: Column, rows: number): arrow.Vector {
	const tags = c.tags;
	let seen = c.seen;
	if (c.recount) {
		seen = 0;
		for (let r = 0; r < rows; r++) seen |= bit(tags[r]!);
	}
	const kinds = seen & ~(bit(ABSENT) | bit(NULL));
	const mixed =
		kinds & bit(OTHER) ||
		(kinds & bit(TEXT) && kinds & (NUMBERS | BOOLS)) ||
		(kinds & NUMBERS && kinds & BOOLS);
	if (mixed || kinds === 0) return columnVector(valuesOf(c, rows));
	const length = rows;
	const valid = validity(tags, rows);
	if (kinds & bit(TEXT)) {
		const valueOffsets = new Int32Array(rows + 1);
		const ends = c.ends!;
		for (let r = 0; r < rows; r++)
			valueOffsets[r + 1] = tags[r] === TEXT ? ends[r]! : valueOffsets[r]!;
		const data = c.bytes!.subarray(0, c.pos);
		return arrow.makeVector(
			arrow.makeData({ type: new arrow.Utf8(), length, ...valid, valueOffsets, data })
		);
	}
	if (kinds & bit(FLOAT)) {
		const data = c.nums!.subarray(0, rows); // copied into the stream before the buffer is reused
		for (let r = 0; r < rows; r++) if (tags[r]! <= NULL) data[r] = 0;
		return arrow.makeVector(arrow.makeData({ type: new arrow.Float64(), length, ...valid, data }));
	}
	if (kinds & bit(INT)) {
		const nums = c.nums!;
		const data = new BigInt64Array(rows);
		for (let r = 0; r < rows; r++) if (tags[r] === INT) data[r] = BigInt(nums[r]!);
		return arrow.makeVector(arrow.makeData({ type: new arrow.Int64(), length, ...valid, data }));
	}
	const data = new Uint8Array((rows + 7) >> 3);
	for (let r = 0; r < rows; r++) if (tags[r] === TRUE) data[r >> 3]! |= 1 << (r & 7);
	return arrow.makeVector(arrow.makeData({ type: new arrow.Bool(), length, ...valid, data }));
}

/** The column's rows as flattened values, for arrow-batch.ts's builder. */
function valuesOf(c: Column, rows: number): FlatValue[] {
	const values = new Array<FlatValue>(rows);
	let textStart = 0;
	for (let r = 0; r < rows; r++) {
		const tag = c.tags[r];
		if (tag === INT || tag === FLOAT) values[r] = c.nums![r]!;
		else if (tag === FALSE || tag === TRUE) values[r] = tag === TRUE;
		else if (tag === TEXT) {
			values[r] = decoder.decode(c.bytes!.subarray(textStart, c.ends![r]));
			textStart = c.ends![r]!;
		} else if (tag === OTHER) values[r] = c.others!.get(r)!;
		else values[r] = null;
	}
	return values;
}
