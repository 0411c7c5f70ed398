// How nested fields nest (engine/ingest/nested.ts): the lists the JSON flattener meets, the
// steps of each flattened column, and each engine's read of them from a nested table.
import { describe, expect, it } from 'vitest';
import { flattenRecord } from '../../src/lib/engine/ingest/flatten';
import { flattenColumns } from '../../src/lib/engine/ingest/flatten-sql';
import { leafType, nestedFromPaths } from '../../src/lib/engine/ingest/nested';
import { DIALECTS, dialectFor } from '../../src/lib/engine/sql/dialects';

const record = {
	id: 'c1',
	identityMap: { ECID: [{ id: 'a' }, { id: 'b' }] },
	commerce: { order: { priceTotal: 9.5 } },
	items: [
		{ SKU: 'W1', tags: ['x', 'y'] },
		{ SKU: 'B2', tags: ['z'] }
	],
	labels: ['p', 'q']
};

describe('nested columns', () => {
	it('the JSON flattener names every list it meets, and the steps follow from the names', () => {
		const lists = new Set<string>();
		const flat = flattenRecord(record, new Map(), lists);
		expect([...lists].sort()).toEqual(['identityMap.ECID', 'items', 'items.tags', 'labels']);
		expect(flat.get('items.tags')).toEqual(['x', 'y', 'z']);
		const nested = nestedFromPaths([...flat.keys()], lists);
		expect(nested.map((c) => c.name)).toEqual([
			'identityMap.ECID.id',
			'commerce.order.priceTotal',
			'items.SKU',
			'items.tags'
		]);
		const listsOf = (name: string) => nested.find((c) => c.name === name)!.steps.map((s) => s.list);
		expect(listsOf('identityMap.ECID.id')).toEqual([false, true, false]);
		expect(listsOf('items.tags')).toEqual([true, true]);
		expect(listsOf('commerce.order.priceTotal')).toEqual([false, false, false]);
	});

	it('Parquet shapes give the same steps as the same records read as JSON', () => {
		const scalar = { kind: 'scalar' } as const;
		const flat = flattenColumns([
			{
				name: 'identityMap',
				shape: {
					kind: 'struct',
					fields: [
						{
							name: 'ECID',
							shape: {
								kind: 'list',
								item: { kind: 'struct', fields: [{ name: 'id', shape: scalar }] }
							}
						}
					]
				}
			},
			{
				name: 'items',
				shape: {
					kind: 'list',
					item: {
						kind: 'struct',
						fields: [
							{ name: 'SKU', shape: scalar },
							{ name: 'tags', shape: { kind: 'list', item: scalar } }
						]
					}
				}
			},
			{ name: 'labels', shape: { kind: 'list', item: scalar } }
		]);
		const lists = new Set<string>();
		const json = nestedFromPaths([...flattenRecord(record, new Map(), lists).keys()], lists);
		const steps = new Map(json.map((c) => [c.name, c.steps]));
		expect(flat.map((c) => c.name)).toEqual([
			'identityMap.ECID.id',
			'items.SKU',
			'items.tags',
			'labels'
		]);
		for (const c of flat.filter((c) => c.steps.length > 1))
			expect(c.steps).toEqual(steps.get(c.name));
		expect(flat.at(-1)!.steps).toEqual([{ field: 'labels', list: true }]);
	});

	it('every engine reads a struct path; PostgreSQL refuses lists, saying what to do', () => {
		const path = [
			{ field: 'commerce', list: false },
			{ field: 'order', list: false },
			{ field: 'priceTotal', list: false }
		];
		const reads = DIALECTS.map((d) => d.nestedField(path, 'DOUBLE'));
		expect(reads.every((r) => r.includes('priceTotal'))).toBe(true);
		expect(dialectFor('postgres').nestedField(path, 'DOUBLE')).toBe(
			`CAST(("commerce" #>> ARRAY['order', 'priceTotal']) AS DOUBLE PRECISION)`
		);
		const list = [
			{ field: 'identityMap', list: false },
			{ field: 'ECID', list: true },
			{ field: 'id', list: false }
		];
		expect(() => dialectFor('postgres').nestedField(list, 'VARCHAR[]')).toThrow(
			/reads nested fields from jsonb columns, but not lists \("identityMap.ECID.id" is one\)/
		);
		expect(leafType('VARCHAR[]')).toBe('LIST');
		expect(leafType('DECIMAL(18,3)')).toBe('DOUBLE');
		expect(leafType('UBIGINT')).toBe('BIGINT');
		expect(leafType('TIMESTAMP WITH TIME ZONE')).toBe('TIMESTAMP');
		expect(leafType('BOOLEAN')).toBe('BOOLEAN');
		expect(leafType('VARCHAR')).toBe('VARCHAR');
	});
});
