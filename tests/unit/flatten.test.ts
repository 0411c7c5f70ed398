import { describe, expect, it } from 'vitest';
import { flattenRecord } from '../../src/lib/engine/ingest/flatten';

describe('flattenRecord(record)', () => {
	it('joins the same paths for every record, and past the kept paths (keys that are data)', () => {
		const first = flattenRecord({ a: { b: 1, c: { d: 'x' } }, e: [{ f: 1 }, { f: 2 }] });
		expect([...first]).toEqual([
			['a.b', 1],
			['a.c.d', 'x'],
			['e.f', [1, 2]]
		]);
		// More distinct keys than the path cache keeps: each still flattens to its own path.
		for (let i = 0; i < 12_000; i++) {
			const flat = flattenRecord({ identityMap: { [`ns${i}`]: { id: i } } });
			expect([...flat]).toEqual([[`identityMap.ns${i}.id`, i]]);
		}
		expect([...flattenRecord({ a: { b: 2, c: { d: 'y' } } })]).toEqual([
			['a.b', 2],
			['a.c.d', 'y']
		]);
	});
	it('keeps the order of the keys, own keys only', () => {
		const proto = { inherited: 1 };
		const record = Object.assign(Object.create(proto) as Record<string, unknown>, { z: 1, y: 2 });
		expect([...flattenRecord(record).keys()]).toEqual(['z', 'y']);
	});
});
