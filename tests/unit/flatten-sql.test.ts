import { describe, expect, it } from 'vitest';
import { flatSelect, flattenColumns, type Shape } from '../../src/lib/engine/ingest/flatten-sql';

const scalar: Shape = { kind: 'scalar' };

/** Each flat column's name and SQL (its steps are tested in nested.test.ts). */
const read = (columns: { name: string; shape: Shape }[]) =>
	flattenColumns(columns).map(({ name, sql }) => ({ name, sql }));

describe('flattenColumns(columns)', () => {
	it('names struct leaves by dotted path and reads them with struct_extract', () => {
		const commerce: Shape = {
			kind: 'struct',
			fields: [
				{
					name: 'order',
					shape: { kind: 'struct', fields: [{ name: 'priceTotal', shape: scalar }] }
				}
			]
		};
		expect(
			read([
				{ name: 'id', shape: scalar },
				{ name: 'commerce', shape: commerce }
			])
		).toEqual([
			{ name: 'id', sql: '"id"' },
			{
				name: 'commerce.order.priceTotal',
				sql: `struct_extract(struct_extract("commerce", 'order'), 'priceTotal')`
			}
		]);
	});

	it('makes a list of structs one list per leaf, and concatenates lists in lists', () => {
		const items: Shape = {
			kind: 'list',
			item: {
				kind: 'struct',
				fields: [
					{ name: 'SKU', shape: scalar },
					{ name: 'tags', shape: { kind: 'list', item: scalar } }
				]
			}
		};
		expect(
			read([
				{ name: 'items', shape: items },
				{ name: 'ints', shape: { kind: 'list', item: { kind: 'list', item: scalar } } },
				{ name: 'tags', shape: { kind: 'list', item: scalar } }
			])
		).toEqual([
			{ name: 'items.SKU', sql: `list_transform("items", lambda x0: struct_extract(x0, 'SKU'))` },
			{
				name: 'items.tags',
				sql: `flatten(list_transform("items", lambda x0: struct_extract(x0, 'tags')))`
			},
			{ name: 'ints', sql: 'flatten("ints")' },
			{ name: 'tags', sql: '"tags"' }
		]);
	});

	it('quotes hostile names as identifiers and literals', () => {
		const s: Shape = { kind: 'struct', fields: [{ name: `'; DROP x`, shape: scalar }] };
		const flat = flattenColumns([{ name: 'a"b', shape: s }]);
		expect(read([{ name: 'a"b', shape: s }])).toEqual([
			{ name: `a"b.'; DROP x`, sql: `struct_extract("a""b", '''; DROP x')` }
		]);
		expect(flatSelect(flat)).toBe(`struct_extract("a""b", '''; DROP x') AS "a""b.'; DROP x"`);
	});
});
