// SQL quoting for DuckDB. Identifiers are always double-quoted; a backslash is an ordinary
// character in DuckDB strings, so only quotes are doubled (Evidence's sql-dialect does the same).

export function quoteIdent(name: string): string {
	return '"' + name.replaceAll('"', '""') + '"';
}

/** For DDL only (file names in `read_csv`, which cannot be bound); values are always bound. */
export function quoteLiteral(text: string): string {
	return "'" + text.replaceAll("'", "''") + "'";
}

/** Checks a value against a closed vocabulary and fails loudly, like Plot's `keyword()`. */
export function keyword<T extends string>(input: unknown, name: string, allowed: readonly T[]): T {
	if (typeof input === 'string' && (allowed as readonly string[]).includes(input))
		return input as T;
	throw new Error(`invalid ${name}: ${String(input)} (expected one of ${allowed.join(', ')})`);
}

/**
 * A whole number the app computed itself (a partition count, a hash bucket), written into the
 * SQL. A bound number is typed DOUBLE, so `hash(…) % ?` casts every hash and runs about ten times
 * slower than `% 3` (docs/BENCHMARKS.md, 2026-12-02); user values stay bound.
 */
export function intLiteral(n: number): string {
	if (!Number.isSafeInteger(n)) throw new Error(`not a whole number: ${n}`);
	return String(n);
}
