// How a scale-out script spells what differs between SQL engines: literals that read back as
// the exact double, single-precision rounding, finiteness. DuckDB only so far; the feature SQL
// it wraps is DuckDB's own (engine/features). Every value a script holds goes through here.
import { quoteIdent, quoteLiteral } from '../sql/quote';
import type { Scalar } from '../types';

export interface Dialect {
	name: 'duckdb';
	ident(name: string): string;
	/** A literal of `v`: text quoted, integers as written, other numbers as the exact double. */
	literal(v: Scalar | null): string;
	/** `expr` rounded to single precision and back, as a Float32Array stores it. */
	float32(expr: string): string;
	/** `expr` (a double) is neither infinite nor NaN. */
	isFinite(expr: string): string;
	/** ln(1 + expr). */
	ln1p(expr: string): string;
}

/** Shortest decimal that reads back as `v` (JS prints it so), read as a double, not a decimal. */
function exactDouble(v: number): string {
	if (!Number.isFinite(v)) throw new Error(`not a finite number: ${v}`);
	return `CAST('${String(v)}' AS DOUBLE)`;
}

export const DUCKDB: Dialect = {
	name: 'duckdb',
	ident: quoteIdent,
	literal(v) {
		if (v === null) return 'NULL';
		if (typeof v === 'string') return quoteLiteral(v);
		if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
		return Number.isSafeInteger(v) ? String(v) : exactDouble(v);
	},
	float32: (e) => `CAST(CAST(${e} AS FLOAT) AS DOUBLE)`,
	isFinite: (e) => `isfinite(${e})`,
	ln1p: (e) => `ln(1 + ${e})`
};

/** The dialect named `name`, or an error that says which engines there are. */
export function dialectFor(name: string): Dialect {
	if (name === 'duckdb') return DUCKDB;
	throw new Error(`No SQL dialect for "${name}": the engines supported are duckdb.`);
}
