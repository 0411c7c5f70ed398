// Compiles condition trees to boolean SQL over one row, as `{ sql, params }`: identifiers are
// quoted and checked against the table's columns, values are bound (`?`), operators come from
// the closed list in types.ts. A NULL field never matches (every comparison is coalesced).
import type { Dialect } from '../sql/dialect';
import { DUCKDB } from '../sql/duckdb';
import { frag, joinFrags } from '../sql/fragment';
import { keyword } from '../sql/quote';
import {
	COL,
	OPERATORS,
	type ColumnInfo,
	type Comparison,
	type Condition,
	type Scalar,
	type SqlFragment
} from '../types';

export class UnknownFieldError extends Error {
	constructor(
		readonly field: string,
		available: string[]
	) {
		super(
			`unknown field "${field}": use "event", "value" or one of the columns ${available.map((c) => `"${c}"`).join(', ')}`
		);
		this.name = 'UnknownFieldError';
	}
}

/** A field reference resolved to SQL and the DuckDB type it has (ANY when not known). */
export interface ResolvedField {
	sql: string;
	type: string;
}

const NUMERIC =
	/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|REAL|DOUBLE|DECIMAL.*|INT\d*)$/i;
const TEMPORAL = /^(DATE|TIMESTAMP.*|TIME)$/i;

export function isNumericType(type: string): boolean {
	return NUMERIC.test(type);
}

export function isTemporalType(type: string): boolean {
	return TEMPORAL.test(type);
}

/**
 * Resolves `event`, `value` or a source column (exact name first, then a dotted path into a
 * STRUCT column) against `columns`. `alias` qualifies the reference (e.g. `e`).
 */
export function resolveField(
	field: string,
	columns: ColumnInfo[],
	alias = '',
	d: Dialect = DUCKDB
): ResolvedField {
	const q = (name: string) => (alias ? `${alias}.${d.ident(name)}` : d.ident(name));
	if (field === 'event') return { sql: q(COL.event), type: 'VARCHAR' };
	if (field === 'value') return { sql: q(COL.value), type: 'DOUBLE' };
	const exact = columns.find((c) => c.name === field);
	// The timestamp's canonical column is epoch ms; a condition on it compares timestamps.
	if (exact?.ref === COL.t) return { sql: d.fromEpochMs(q(COL.t)), type: 'TIMESTAMP' };
	if (exact) return { sql: q(exact.ref ?? exact.name), type: exact.type };
	const parent = columns.find((c) => field.startsWith(c.name + '.') && /^STRUCT/i.test(c.type));
	if (parent) {
		const rest = field.slice(parent.name.length + 1).split('.');
		return { sql: [q(parent.name), ...rest.map((r) => d.ident(r))].join('.'), type: 'ANY' };
	}
	throw new UnknownFieldError(
		field,
		columns.map((c) => c.name).filter((n) => !n.startsWith('__'))
	);
}

/** Coerces a user value to what the column holds, so `"50"` compares as 50 on a number column. */
function coerce(v: Scalar, type: string, field: string): Scalar {
	if (isNumericType(type)) {
		const n = typeof v === 'number' ? v : Number(v);
		if (typeof v === 'boolean' || (typeof v === 'string' && v.trim() === '') || !isFinite(n))
			throw new Error(`"${field}" holds numbers; ${JSON.stringify(v)} is not a number`);
		return n;
	}
	if (/^BOOLEAN$/i.test(type)) {
		if (typeof v === 'boolean') return v;
		if (v === 'true' || v === 'false') return v === 'true';
		throw new Error(`"${field}" holds true/false; ${JSON.stringify(v)} is neither`);
	}
	if (type === 'ANY') return v;
	return String(v);
}

/** The placeholder for one bound value; temporal columns compare against a cast timestamp. */
function placeholder(d: Dialect, type: string): string {
	return isTemporalType(type) ? d.cast('?', 'TIMESTAMP') : '?';
}

function listOf(value: Comparison['value'], field: string): Scalar[] {
	if (!Array.isArray(value)) throw new Error(`"${field}": expected a list of values`);
	return value;
}

function one(value: Comparison['value'], field: string): Scalar {
	if (value === undefined || Array.isArray(value))
		throw new Error(`"${field}": expected one value`);
	return value;
}

/** Compiles one comparison against an already resolved field. */
export function compileComparison(
	f: ResolvedField,
	c: Omit<Comparison, 'field'>,
	field: string,
	d: Dialect = DUCKDB
): SqlFragment {
	const op = keyword(c.op, 'operator', OPERATORS);
	const ph = placeholder(d, f.type);
	const text = d.cast(f.sql, 'VARCHAR');
	const bin = (sqlOp: string) =>
		frag(`${f.sql} ${sqlOp} ${ph}`, [coerce(one(c.value, field), f.type, field)]);
	switch (op) {
		case 'eq':
			return bin('=');
		case 'neq':
			return bin('<>');
		case 'gt':
			return bin('>');
		case 'gte':
			return bin('>=');
		case 'lt':
			return bin('<');
		case 'lte':
			return bin('<=');
		case 'in':
		case 'nin': {
			const values = listOf(c.value, field).map((v) => coerce(v, f.type, field));
			const list = values.map(() => ph).join(', ');
			return frag(`${f.sql} ${op === 'in' ? 'IN' : 'NOT IN'} (${list})`, values);
		}
		case 'between': {
			const [lo, hi] = listOf(c.value, field);
			if (lo === undefined || hi === undefined)
				throw new Error(`"${field}": between needs [low, high]`);
			return frag(`${f.sql} BETWEEN ${ph} AND ${ph}`, [
				coerce(lo, f.type, field),
				coerce(hi, f.type, field)
			]);
		}
		case 'contains':
			return frag(d.contains(text, '?'), [String(one(c.value, field))]);
		case 'startsWith':
			return frag(d.startsWith(text, '?'), [String(one(c.value, field))]);
		case 'endsWith':
			return frag(d.endsWith(text, '?'), [String(one(c.value, field))]);
		case 'exists':
			return frag(`${f.sql} IS NOT NULL`);
		case 'notExists':
			return frag(`${f.sql} IS NULL`);
	}
}

/** `VARCHAR[]` → `VARCHAR`; null for a type that is not a list. */
export function listElementType(type: string): string | null {
	return type.endsWith('[]') ? type.slice(0, -2) : null;
}

/**
 * A comparison on a list column (e.g. `productListItems.SKU` from nested events) holds when any
 * element satisfies it; `exists` means a non-empty list.
 */
function compileListComparison(
	f: ResolvedField,
	element: string,
	c: Omit<Comparison, 'field'>,
	field: string,
	d: Dialect
): SqlFragment {
	const len = d.listLength(f.sql);
	if (c.op === 'exists') return frag(`(${f.sql} IS NOT NULL AND ${len} > 0)`);
	if (c.op === 'notExists') return frag(`(${f.sql} IS NULL OR ${len} = 0)`);
	if (!d.listAny)
		throw new Error(
			`"${field}" is a list, which conditions cannot read in ${d.title}: use "exists", or a column that is not a list.`
		);
	const inner = compileComparison({ sql: '__x', type: element }, c, field, d);
	return frag(d.listAny(f.sql, inner.sql), inner.params);
}

function isGroup(c: Condition): c is { all: Condition[] } | { any: Condition[] } {
	return 'all' in c || 'any' in c;
}

/**
 * Compiles a condition tree to a boolean that is never NULL. An empty `all` is TRUE (matches
 * every event), an empty `any` is FALSE.
 */
export function compileCondition(
	cond: Condition,
	columns: ColumnInfo[],
	alias = '',
	d: Dialect = DUCKDB
): SqlFragment {
	if (isGroup(cond)) {
		const isAll = 'all' in cond;
		const parts = isAll ? cond.all : cond.any;
		if (parts.length === 0) return frag(isAll ? 'TRUE' : 'FALSE');
		const compiled = parts.map((p) => compileCondition(p, columns, alias, d));
		if (compiled.length === 1) return compiled[0]!;
		const joined = joinFrags(compiled, isAll ? ' AND ' : ' OR ');
		return frag(`(${joined.sql})`, joined.params);
	}
	const f = resolveField(cond.field, columns, alias, d);
	const element = listElementType(f.type);
	const cmp = element
		? compileListComparison(f, element, cond, cond.field, d)
		: compileComparison(f, cond, cond.field, d);
	return frag(`coalesce(${cmp.sql}, FALSE)`, cmp.params);
}

/** Every field a condition refers to (for validation and for choosing columns to carry). */
export function conditionFields(cond: Condition): string[] {
	if (isGroup(cond)) return ('all' in cond ? cond.all : cond.any).flatMap(conditionFields);
	return [cond.field];
}
