// Columns the app read from nested fields, and how they nest: what score.sql needs to read the
// same values from a table that holds them nested (a STRUCT, a RECORD, a VARIANT, a jsonb). The
// app flattens a nested record into dotted paths (flatten.ts for JSON, flatten-sql.ts for
// Parquet): `commerce.order.priceTotal` from structs, and from a list of records one list per
// leaf (`identityMap.ECID.id` → ['a', 'b']), lists inside lists concatenated.
import type { SqlType } from '../sql/dialect';

/** One field on the way down from a top-level column to a leaf. */
export interface NestedStep {
	field: string;
	/** Whether its value is a list: of records (the rest of the path is read from each), or at the leaf of scalars. */
	list: boolean;
}

/** A column the app read from a nested field: its flat name and its steps, the column first. */
export interface NestedColumn {
	name: string;
	steps: NestedStep[];
}

/**
 * The nested columns among flat `names` read from JSON records (flatten.ts): those whose name is
 * a path, split at its dots, a step a list where `lists` holds its path. (A key with a dot in
 * it reads as two steps: JSON keys of event exports have none.)
 */
export function nestedFromPaths(names: string[], lists: ReadonlySet<string>): NestedColumn[] {
	return names
		.filter((name) => name.includes('.'))
		.map((name) => {
			const fields = name.split('.');
			return {
				name,
				steps: fields.map((field, i) => ({
					field,
					list: lists.has(fields.slice(0, i + 1).join('.'))
				}))
			};
		});
}

/** How an engine spells the parts of a nested read (see nestedRead). */
export interface NestedSpelling {
	/** The top-level column. */
	column: (name: string) => string;
	/** A field of a record value. */
	field: (record: string, name: string) => string;
	/** `body` (over variable `x`) for each element of `list`, as a list. */
	map: (list: string, x: string, body: string) => string;
	/** A list of lists as one list, in order. */
	flatten: (lists: string) => string;
}

/**
 * The value of a nested column as the app flattened it, from the table holding it nested: each
 * list of records mapped to the rest of the path, lists inside lists concatenated.
 */
export function nestedRead(steps: NestedStep[], s: NestedSpelling): string {
	const read = (i: number, value: string, depth: number): { sql: string; isList: boolean } => {
		const last = i === steps.length - 1;
		if (last || !steps[i]!.list) {
			if (last) return { sql: value, isList: steps[i]!.list };
			return read(i + 1, s.field(value, steps[i + 1]!.field), depth);
		}
		const x = `__n${depth}`;
		const inner = read(i + 1, s.field(x, steps[i + 1]!.field), depth + 1);
		const mapped = s.map(value, x, inner.sql);
		return { sql: inner.isList ? s.flatten(mapped) : mapped, isList: true };
	};
	return read(0, s.column(steps[0]!.field), 0).sql;
}

/**
 * What a nested leaf of the app's type `type` (a DuckDB type name) is cast to where an engine's
 * nested values carry no type of their own (a Snowflake VARIANT, a PostgreSQL jsonb).
 */
export function leafType(type: string): SqlType | 'BOOLEAN' | 'LIST' {
	if (type.endsWith('[]')) return 'LIST';
	if (type === 'BOOLEAN') return 'BOOLEAN';
	if (/^(DOUBLE|FLOAT|REAL|DECIMAL)/.test(type)) return 'DOUBLE';
	if (/^(U?(BIG|SMALL|TINY|HUGE)?INT(EGER)?)$/.test(type)) return 'BIGINT';
	if (type.startsWith('TIMESTAMP')) return 'TIMESTAMP';
	if (type === 'DATE') return 'DATE';
	return 'VARCHAR';
}
