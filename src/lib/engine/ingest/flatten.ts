// Flattens nested records (XDM experience events from JSON, NDJSON or Parquet) into one level
// of dotted paths, so `commerce.order.priceTotal` becomes a column the goal builder can use.
// Objects nest by path; an array of objects becomes one list per leaf path
// (`productListItems.SKU` → ['W1', 'B2']); an array of scalars stays a list.

/** Deeper nesting than any export of events has: a record past it is refused, not overflowed. */
export const MAX_DEPTH = 64;

export class NestingError extends Error {
	constructor() {
		super(`a record nests fields more than ${MAX_DEPTH} levels deep`);
		this.name = 'NestingError';
	}
}

export type FlatScalar = string | number | boolean | Date | null;
export type FlatValue = FlatScalar | FlatScalar[];

function isPlainObject(x: unknown): x is Record<string, unknown> {
	return (
		typeof x === 'object' &&
		x !== null &&
		!Array.isArray(x) &&
		!(x instanceof Date) &&
		!ArrayBuffer.isView(x)
	);
}

function scalar(x: unknown): FlatScalar {
	if (x === null || x === undefined) return null;
	if (typeof x === 'string' || typeof x === 'boolean' || x instanceof Date) return x;
	if (typeof x === 'number') return isFinite(x) ? x : null;
	if (typeof x === 'bigint') return Number.isSafeInteger(Number(x)) ? Number(x) : x.toString();
	if (x instanceof Uint8Array) return new TextDecoder().decode(x);
	try {
		return JSON.stringify(x);
	} catch {
		throw new NestingError(); // only a value nested thousands deep overflows it
	}
}

/**
 * Adds leaf values under `prefix` of an array element to per-path lists in `out`; the paths of
 * lists met on the way (`base` is the element's list) go into `lists`.
 */
function collectListLeaves(
	x: unknown,
	prefix: string,
	out: Map<string, FlatScalar[]>,
	depth: number,
	lists: Set<string> | undefined,
	base: string
): void {
	if (depth > MAX_DEPTH) throw new NestingError();
	if (isPlainObject(x)) {
		for (const [k, v] of Object.entries(x))
			collectListLeaves(v, prefix ? `${prefix}.${k}` : k, out, depth + 1, lists, base);
		return;
	}
	if (Array.isArray(x)) {
		if (lists && prefix) lists.add(`${base}.${prefix}`);
		for (const item of x) collectListLeaves(item, prefix, out, depth + 1, lists, base);
		return;
	}
	let list = out.get(prefix);
	if (!list) out.set(prefix, (list = []));
	list.push(scalar(x));
}

// Joined paths, kept: records of one file repeat the same few paths, and building each one
// again (then hashing the new string for every map it keys) was a fifth of an NDJSON read.
// Bounded, for files whose keys are data (a new key on every record).
const JOINED = new Map<string, Map<string, string>>();
const JOINED_MAX = 10_000;
let joinedCount = 0;

function joinPath(prefix: string, key: string): string {
	if (!prefix) return key;
	let byKey = JOINED.get(prefix);
	let path = byKey?.get(key);
	if (path !== undefined) return path;
	path = `${prefix}.${key}`;
	if (joinedCount < JOINED_MAX) {
		if (!byKey) JOINED.set(prefix, (byKey = new Map()));
		byKey.set(key, path);
		joinedCount++;
	}
	return path;
}

/**
 * Writes the leaves of `record` into `out` (path → value), reusing `out` across records, and
 * the path of every list it holds into `lists` (nested.ts reads a table's nested fields by them).
 * Throws NestingError past MAX_DEPTH levels (before the call stack could overflow).
 */
export function flattenRecord(
	record: unknown,
	out: Map<string, FlatValue> = new Map(),
	lists?: Set<string>,
	prefix = '',
	depth = 0
): Map<string, FlatValue> {
	if (depth > MAX_DEPTH) throw new NestingError();
	if (!isPlainObject(record)) {
		out.set(prefix || 'value', Array.isArray(record) ? record.map(scalar) : scalar(record));
		return out;
	}
	for (const k in record) {
		if (!Object.hasOwn(record, k)) continue;
		const v = record[k];
		const path = joinPath(prefix, k);
		if (isPlainObject(v)) flattenRecord(v, out, lists, path, depth + 1);
		else if (Array.isArray(v)) {
			lists?.add(path);
			if (v.some(isPlainObject) || v.some(Array.isArray)) {
				const leaves = new Map<string, FlatScalar[]>();
				for (const item of v) collectListLeaves(item, '', leaves, depth + 1, lists, path);
				for (const [leaf, list] of leaves) out.set(leaf ? `${path}.${leaf}` : path, list);
			} else out.set(path, v.map(scalar));
		} else out.set(path, scalar(v));
	}
	return out;
}
