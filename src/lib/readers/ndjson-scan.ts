// Reads one NDJSON line straight from the file's bytes into a batch's columns (column-batch.ts),
// flattening nested objects into dotted paths as flatten.ts does, without a JS object, a string
// per key or a string per ASCII value: an event line costs a few hundred byte comparisons.
//
// It takes the shape event exports have (an object of objects, strings, numbers, booleans and
// nulls) and leaves every other line to JSON.parse and flatten.ts, whose results are the
// reference (tests/unit/ndjson-scan.test.ts compares the two): a list, a key with an escape or
// made of digits only (JavaScript orders those first), a field met twice, a syntax error, deep
// nesting. A line it leaves is undone first, so nothing of it stays in the batch.
//
// Numbers are exactly JSON.parse's: up to 15 digits the value is computed (the integer, divided
// by a power of ten at most 10^15, is correctly rounded as JSON.parse's is); longer ones and
// exponents go through Number(). An integer beyond ±2^53 is kept as its digits (exact-json.ts).
import { ColumnBatch, type Column } from './column-batch';
import { isDigit, isSpace } from './exact-json';

/** A path met under an object; `next` and `first` guess the keys that follow, as they did last. */
class PathNode {
	next: PathNode | null = null;
	first: PathNode | null = null;
	kids: Map<string, PathNode> | null = null;
	/** The record this path was last met in: met twice in one record, the line is left. */
	serial = -1;
	column: Column | null = null;
	epoch = -1;

	constructor(
		readonly key: Uint8Array,
		readonly path: string
	) {}
}

/** Nesting deeper than this is left to flatten.ts (which refuses past its MAX_DEPTH). */
const MAX_SCAN_DEPTH = 32;

// 10^k for k ≤ 15: exact doubles.
const POW10 = Array.from({ length: 16 }, (_, k) => 10 ** k);

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN = 0x7b;
const CLOSE = 0x7d;
const MINUS = 0x2d;
const DOT = 0x2e;

const fatalDecoder = new TextDecoder('utf-8', { fatal: true });
const decoder = new TextDecoder();

function latin1(b: Uint8Array, start: number, end: number): string {
	let s = '';
	for (let i = start; i < end; i++) s += String.fromCharCode(b[i]!);
	return s;
}

/** Whether `b[start, end)` is valid UTF-8 (as TextDecoder would read it without a replacement). */
export function isUtf8(b: Uint8Array, start: number, end: number): boolean {
	for (let i = start; i < end;) {
		const c = b[i]!;
		if (c < 0x80) {
			i++;
			continue;
		}
		let n: number;
		let min: number;
		if (c >= 0xc2 && c <= 0xdf) [n, min] = [1, 0x80];
		else if (c >= 0xe0 && c <= 0xef) [n, min] = [2, 0x800];
		else if (c >= 0xf0 && c <= 0xf4) [n, min] = [3, 0x10000];
		else return false;
		if (i + n >= end) return false;
		let cp = c & (0x3f >> n);
		for (let k = 1; k <= n; k++) {
			const d = b[i + k]!;
			if ((d & 0xc0) !== 0x80) return false;
			cp = (cp << 6) | (d & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
		i += n + 1;
	}
	return true;
}

export class NdjsonScanner {
	readonly #root = new PathNode(new Uint8Array(0), '');
	#b: Uint8Array = new Uint8Array(0);
	#i = 0;
	#end = 0;
	#serial = 0;

	constructor(readonly batch: ColumnBatch) {}

	/**
	 * Adds the record on `b[start, end)` (a line, not blank) as the batch's next row; false when
	 * the line is left to JSON.parse, with nothing of it in the batch.
	 */
	scan(b: Uint8Array, start: number, end: number): boolean {
		this.#b = b;
		this.#end = end;
		this.#serial++;
		this.#i = this.#space(start);
		const ok = b[this.#i] === OPEN && this.#object(this.#root, 0) && this.#space(this.#i) === end;
		if (ok) this.batch.commit();
		else this.batch.undo();
		return ok;
	}

	#space(i: number): number {
		const b = this.#b;
		while (i < this.#end && isSpace(b[i])) i++;
		return i;
	}

	/** An object at #i (its `{`), its fields under `parent`. */
	#object(parent: PathNode, depth: number): boolean {
		const b = this.#b;
		const end = this.#end;
		let i = this.#space(this.#i + 1);
		if (b[i] === CLOSE) {
			this.#i = i + 1;
			return true;
		}
		let guess = parent.first;
		let prev: PathNode | null = null;
		for (;;) {
			if (b[i] !== QUOTE) return false;
			const ks = i + 1;
			let ke = ks;
			for (; ; ke++) {
				if (ke >= end) return false;
				const c = b[ke]!;
				if (c === QUOTE) break;
				if (c === BACKSLASH || c < 0x20) return false;
			}
			const node = guess && sameKey(guess.key, b, ks, ke) ? guess : this.#lookup(parent, ks, ke);
			if (!node || node.serial === this.#serial) return false;
			node.serial = this.#serial;
			if (prev) {
				if (prev.next !== node) prev.next = node;
			} else if (parent.first !== node) parent.first = node;
			prev = node;
			guess = node.next;
			i = this.#space(ke + 1);
			if (b[i] !== COLON) return false;
			this.#i = this.#space(i + 1);
			if (!this.#value(node, depth)) return false;
			i = this.#space(this.#i);
			if (b[i] === COMMA) i = this.#space(i + 1);
			else if (b[i] === CLOSE) {
				this.#i = i + 1;
				return true;
			} else return false;
		}
	}

	#lookup(parent: PathNode, ks: number, ke: number): PathNode | null {
		const b = this.#b;
		let ascii = true;
		let digits = true;
		for (let i = ks; i < ke; i++) {
			if (b[i]! >= 0x80) ascii = false;
			if (!isDigit(b[i])) digits = false;
		}
		if (digits && ke > ks) return null; // an array index: JavaScript puts it first
		let key: string;
		if (ascii) key = latin1(b, ks, ke);
		else
			try {
				key = fatalDecoder.decode(b.subarray(ks, ke));
			} catch {
				return null;
			}
		const kids = (parent.kids ??= new Map());
		let node = kids.get(key);
		if (!node) {
			node = new PathNode(b.slice(ks, ke), parent.path ? `${parent.path}.${key}` : key);
			kids.set(key, node);
		}
		return node;
	}

	/** The batch's column for `node`, or null when this record has written it already. */
	#column(node: PathNode): Column | null {
		const batch = this.batch;
		let c = node.column;
		if (!c || node.epoch !== batch.epoch || c.removed) {
			c = node.column = batch.column(node.path);
			node.epoch = batch.epoch;
		}
		// Two paths alike ({"a.b": 1, "a": {"b": 2}}): flatten.ts keeps the last.
		return batch.written(c) ? null : c;
	}

	/** The value at #i, for `node`. */
	#value(node: PathNode, depth: number): boolean {
		const b = this.#b;
		const i = this.#i;
		const c = b[i];
		if (c === QUOTE) return this.#string(node);
		if (c === OPEN) return depth < MAX_SCAN_DEPTH && this.#object(node, depth + 1);
		if (c === MINUS || isDigit(c)) return this.#number(node);
		let value: boolean | null;
		if (c === 0x74 && b[i + 1] === 0x72 && b[i + 2] === 0x75 && b[i + 3] === 0x65) value = true;
		else if (
			c === 0x66 &&
			b[i + 1] === 0x61 &&
			b[i + 2] === 0x6c &&
			b[i + 3] === 0x73 &&
			b[i + 4] === 0x65
		)
			value = false;
		else if (c === 0x6e && b[i + 1] === 0x75 && b[i + 2] === 0x6c && b[i + 3] === 0x6c)
			value = null;
		else return false; // a list, or not JSON
		this.#i = i + (value === false ? 5 : 4);
		const col = this.#column(node);
		if (!col) return false;
		if (value === null) this.batch.setNull(col);
		else this.batch.setBool(col, value);
		return true;
	}

	#string(node: PathNode): boolean {
		const b = this.#b;
		const end = this.#end;
		const s = this.#i + 1;
		let escaped = false;
		let high = false;
		let i = s;
		for (; ; i++) {
			if (i >= end) return false;
			const c = b[i]!;
			if (c === QUOTE) break;
			if (c === BACKSLASH) {
				escaped = true;
				i++;
			} else if (c < 0x20) return false;
			else if (c >= 0x80) high = true;
		}
		this.#i = i + 1;
		const col = this.#column(node);
		if (!col) return false;
		if (!escaped && (!high || isUtf8(b, s, i))) this.batch.setBytes(col, b, s, i);
		else {
			let text: unknown;
			try {
				// Escapes, or bytes that are not UTF-8 (read as U+FFFD, as TextDecoder reads them).
				text = JSON.parse(decoder.decode(b.subarray(s - 1, i + 1)));
			} catch {
				return false;
			}
			this.batch.setText(col, text as string);
		}
		return true;
	}

	#number(node: PathNode): boolean {
		const b = this.#b;
		const end = this.#end;
		const s = this.#i;
		let i = s;
		const negative = b[i] === MINUS;
		if (negative) i++;
		let m = 0;
		let digits = 0;
		if (b[i] === 0x30) {
			i++;
			digits = 1;
		} else if (isDigit(b[i]))
			for (; i < end && isDigit(b[i]); i++, digits++) m = m * 10 + (b[i]! - 0x30);
		else return false;
		let fraction = 0;
		if (b[i] === DOT) {
			const fs = ++i;
			for (; i < end && isDigit(b[i]); i++, digits++) m = m * 10 + (b[i]! - 0x30);
			fraction = i - fs;
			if (fraction === 0) return false;
		}
		let exponent = false;
		if (b[i] === 0x65 || b[i] === 0x45) {
			exponent = true;
			i++;
			if (b[i] === 0x2b || b[i] === MINUS) i++;
			const es = i;
			while (i < end && isDigit(b[i])) i++;
			if (i === es) return false;
		}
		this.#i = i;
		const col = this.#column(node);
		if (!col) return false;
		let v: number;
		if (!exponent && digits <= 15) v = negative ? -(m / POW10[fraction]!) : m / POW10[fraction]!;
		else {
			const text = latin1(b, s, i);
			v = Number(text);
			if (!exponent && fraction === 0 && !Number.isSafeInteger(v)) {
				this.batch.setText(col, text); // its digits, as exact-json.ts keeps them
				return true;
			}
		}
		if (Number.isFinite(v)) this.batch.setNumber(col, v);
		else this.batch.setNull(col); // as flatten.ts writes a number JSON cannot hold
		return true;
	}
}

function sameKey(key: Uint8Array, b: Uint8Array, start: number, end: number): boolean {
	if (key.length !== end - start) return false;
	for (let k = 0; k < key.length; k++) if (key[k] !== b[start + k]) return false;
	return true;
}
