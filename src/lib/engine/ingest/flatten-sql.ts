// Nested columns (structs, lists of structs) as DuckDB expressions over one level of dotted
// paths, the way flatten.ts flattens JSON records: `commerce.order.priceTotal` from a struct, a
// list of structs as one list per leaf (`productListItems.SKU` → ['W1', 'B2']), lists inside
// lists concatenated. Used for Parquet read into Arrow as it is stored, nested.
import { quoteIdent, quoteLiteral } from '../sql/quote';
import type { NestedStep } from './nested';

/** The shape of a column's type: only what flattening needs to know. */
export type Shape =
	| { kind: 'scalar' }
	| { kind: 'struct'; fields: { name: string; shape: Shape }[] }
	| { kind: 'list'; item: Shape };

export interface FlatColumn {
	/** The flattened column's name (a dotted path for nested fields). */
	name: string;
	/** Its value, as SQL over the table holding the nested columns. */
	sql: string;
	/** How it nests, from the top-level column down (one step for a column not nested). */
	steps: NestedStep[];
}

interface Leaf {
	path: string[];
	sql: string;
	isList: boolean;
}

function leaves(shape: Shape, sql: string, depth: number): Leaf[] {
	if (shape.kind === 'scalar') return [{ path: [], sql, isList: false }];
	if (shape.kind === 'struct')
		return shape.fields.flatMap((f) =>
			leaves(f.shape, `struct_extract(${sql}, ${quoteLiteral(f.name)})`, depth + 1).map((l) => ({
				...l,
				path: [f.name, ...l.path]
			}))
		);
	// A list: each leaf of its items becomes a list of that leaf (flattened when itself a list).
	const x = `x${depth}`;
	return leaves(shape.item, x, depth + 1).map((l) => {
		const each = l.sql === x ? sql : `list_transform(${sql}, lambda ${x}: ${l.sql})`;
		return { path: l.path, sql: l.isList ? `flatten(${each})` : each, isList: true };
	});
}

/** The steps to each leaf of `field` (of `shape`), in the order of `leaves`; lists of lists are one list. */
function stepsOf(field: string, shape: Shape): NestedStep[][] {
	let inner = shape;
	while (inner.kind === 'list') inner = inner.item;
	const step = { field, list: shape.kind === 'list' };
	if (inner.kind === 'scalar') return [[step]];
	return inner.fields.flatMap((f) => stepsOf(f.name, f.shape).map((rest) => [step, ...rest]));
}

/** One flat column per leaf of each top-level column, in order. */
export function flattenColumns(columns: { name: string; shape: Shape }[]): FlatColumn[] {
	return columns.flatMap((c) => {
		const steps = stepsOf(c.name, c.shape);
		return leaves(c.shape, quoteIdent(c.name), 0).map((l, k) => ({
			name: [c.name, ...l.path].join('.'),
			sql: l.sql,
			steps: steps[k]!
		}));
	});
}

/** `SELECT` list of the flat columns, each named by its path. */
export function flatSelect(columns: FlatColumn[]): string {
	return columns.map((c) => `${c.sql} AS ${quoteIdent(c.name)}`).join(', ');
}
