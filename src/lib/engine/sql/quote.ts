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
