import { describe, expect, it } from 'vitest';
import {
	compileCondition,
	resolveField,
	UnknownFieldError
} from '../../src/lib/engine/goal/compile';
import type { ColumnInfo, Condition } from '../../src/lib/engine/types';

const cols: ColumnInfo[] = [
	{ name: 'sku', type: 'VARCHAR' },
	{ name: 'qty', type: 'BIGINT' },
	{ name: 'when', type: 'TIMESTAMP' },
	{ name: 'a"b', type: 'VARCHAR' },
	{ name: "'; DROP TABLE events; --", type: 'VARCHAR' },
	{ name: 'prix unitaire €', type: 'DOUBLE' },
	{ name: 'web', type: 'STRUCT(name VARCHAR)' }
];

const CASES: [string, Condition, string, unknown[]][] = [
	[
		'eq on event',
		{ field: 'event', op: 'eq', value: 'purchase' },
		'coalesce("__event" = ?, FALSE)',
		['purchase']
	],
	['neq on text', { field: 'sku', op: 'neq', value: 'A1' }, 'coalesce("sku" <> ?, FALSE)', ['A1']],
	[
		'gt on value coerces text',
		{ field: 'value', op: 'gt', value: '50' },
		'coalesce("__value" > ?, FALSE)',
		[50]
	],
	['gte', { field: 'qty', op: 'gte', value: 2 }, 'coalesce("qty" >= ?, FALSE)', [2]],
	['lt', { field: 'qty', op: 'lt', value: 2 }, 'coalesce("qty" < ?, FALSE)', [2]],
	['lte', { field: 'qty', op: 'lte', value: 2 }, 'coalesce("qty" <= ?, FALSE)', [2]],
	[
		'in',
		{ field: 'sku', op: 'in', value: ['A', 'B'] },
		'coalesce("sku" IN (?, ?), FALSE)',
		['A', 'B']
	],
	[
		'nin',
		{ field: 'qty', op: 'nin', value: [1, '2'] },
		'coalesce("qty" NOT IN (?, ?), FALSE)',
		[1, 2]
	],
	[
		'between',
		{ field: 'value', op: 'between', value: [10, 20] },
		'coalesce("__value" BETWEEN ? AND ?, FALSE)',
		[10, 20]
	],
	[
		'between on time casts',
		{ field: 'when', op: 'between', value: ['2024-01-01', '2024-02-01'] },
		'coalesce("when" BETWEEN CAST(? AS TIMESTAMP) AND CAST(? AS TIMESTAMP), FALSE)',
		['2024-01-01', '2024-02-01']
	],
	[
		'contains',
		{ field: 'sku', op: 'contains', value: 'W' },
		'coalesce(contains(CAST("sku" AS VARCHAR), ?), FALSE)',
		['W']
	],
	[
		'startsWith',
		{ field: 'sku', op: 'startsWith', value: 'W' },
		'coalesce(starts_with(CAST("sku" AS VARCHAR), ?), FALSE)',
		['W']
	],
	[
		'endsWith',
		{ field: 'sku', op: 'endsWith', value: 'X' },
		'coalesce(ends_with(CAST("sku" AS VARCHAR), ?), FALSE)',
		['X']
	],
	['exists', { field: 'sku', op: 'exists' }, 'coalesce("sku" IS NOT NULL, FALSE)', []],
	['notExists', { field: 'sku', op: 'notExists' }, 'coalesce("sku" IS NULL, FALSE)', []],
	[
		'quote in a name is doubled',
		{ field: 'a"b', op: 'eq', value: 'x' },
		'coalesce("a""b" = ?, FALSE)',
		['x']
	],
	[
		'an injection attempt stays an identifier',
		{ field: "'; DROP TABLE events; --", op: 'eq', value: "'; DROP" },
		`coalesce("'; DROP TABLE events; --" = ?, FALSE)`,
		["'; DROP"]
	],
	[
		'unicode and spaces',
		{ field: 'prix unitaire €', op: 'gt', value: 3 },
		'coalesce("prix unitaire €" > ?, FALSE)',
		[3]
	],
	[
		'dotted path into a struct',
		{ field: 'web.name', op: 'eq', value: 'home' },
		'coalesce("web"."name" = ?, FALSE)',
		['home']
	],
	[
		'an empty string is a value like any other',
		{ field: 'sku', op: 'eq', value: '' },
		'coalesce("sku" = ?, FALSE)',
		['']
	],
	[
		'unicode values are bound as they are',
		{ field: 'sku', op: 'startsWith', value: 'Ünï €' },
		'coalesce(starts_with(CAST("sku" AS VARCHAR), ?), FALSE)',
		['Ünï €']
	],
	['empty all matches everything', { all: [] }, 'TRUE', []],
	['empty any matches nothing', { any: [] }, 'FALSE', []],
	[
		'nested groups keep order of params',
		{
			all: [
				{ field: 'event', op: 'eq', value: 'p' },
				{
					any: [
						{ field: 'qty', op: 'gt', value: 1 },
						{ field: 'sku', op: 'startsWith', value: 'W' }
					]
				}
			]
		},
		'(coalesce("__event" = ?, FALSE) AND (coalesce("qty" > ?, FALSE) OR coalesce(starts_with(CAST("sku" AS VARCHAR), ?), FALSE)))',
		['p', 1, 'W']
	]
];

describe('compileCondition(cond, columns)', () => {
	it.each(CASES)('%s', (_, cond, sql, params) => {
		expect(compileCondition(cond, cols)).toEqual({ sql, params });
	});

	it('qualifies references with an alias', () => {
		expect(compileCondition({ field: 'sku', op: 'eq', value: 'a' }, cols, 'e').sql).toBe(
			'coalesce(e."sku" = ?, FALSE)'
		);
	});

	it('rejects a field that is not a column, naming the ones that are', () => {
		expect(() => compileCondition({ field: 'nope', op: 'eq', value: 1 }, cols)).toThrow(
			UnknownFieldError
		);
		expect(() => compileCondition({ field: 'nope', op: 'eq', value: 1 }, cols)).toThrow(
			/"sku", "qty"/
		);
	});

	it('rejects an operator outside the closed list', () => {
		const bad = { field: 'sku', op: 'LIKE', value: '%' } as unknown as Condition;
		expect(() => compileCondition(bad, cols)).toThrow(/invalid operator: LIKE/);
	});

	it('rejects a non-number on a number column', () => {
		expect(() => compileCondition({ field: 'qty', op: 'gt', value: 'many' }, cols)).toThrow(
			/holds numbers/
		);
	});

	it('never puts a value into the SQL text', () => {
		const c = compileCondition(
			{ field: 'sku', op: 'in', value: ["x'); DROP TABLE events; --", 'y'] },
			cols
		);
		expect(c.sql).not.toContain('DROP');
	});

	it('resolves event and value to the canonical columns', () => {
		expect(resolveField('event', cols)).toEqual({ sql: '"__event"', type: 'VARCHAR' });
		expect(resolveField('value', cols)).toEqual({ sql: '"__value"', type: 'DOUBLE' });
	});
});
