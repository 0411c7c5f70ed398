import * as arrow from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import type { FlatValue } from '../../src/lib/engine/ingest/flatten';
import { bigintVector, columnsToIpc, utf8Vector } from '../../src/lib/readers/arrow-batch';

/** A vector through an IPC stream and back, as DuckDB receives it. */
function roundTrip(vector: arrow.Vector): arrow.Vector {
	const table = arrow.tableFromIPC(columnsToIpc(new Map([['c', vector]])));
	return table.getChild('c')!;
}

describe('bigintVector(values)', () => {
	it('keeps 64-bit integers exact as Int64, nulls included', () => {
		const values = [2n ** 63n - 1n, null, -(2n ** 63n), 2n ** 60n + 1n, undefined, 0n];
		const v = roundTrip(bigintVector(values));
		expect(String(v.type)).toBe('Int64');
		expect(v.toArray().length).toBe(values.length);
		expect(Array.from({ length: values.length }, (_, i) => v.get(i) as unknown)).toEqual([
			2n ** 63n - 1n,
			null,
			-(2n ** 63n),
			2n ** 60n + 1n,
			null,
			0n
		]);
	});

	it('uses Uint64 when a value is past int64 but all fit unsigned', () => {
		const v = roundTrip(bigintVector([2n ** 64n - 1n, 1n, null]));
		expect(String(v.type)).toBe('Uint64');
		expect([v.get(0), v.get(1), v.get(2)]).toEqual([2n ** 64n - 1n, 1n, null]);
	});

	it('writes the digits as text when a value fits neither', () => {
		const v = roundTrip(bigintVector([10n ** 25n, -1n, null]));
		expect(v.type).toBeInstanceOf(arrow.Utf8);
		expect([v.get(0), v.get(1), v.get(2)]).toEqual(['10000000000000000000000000', '-1', null]);
	});
});

describe('utf8Vector(texts) and text columns', () => {
	const texts = [
		'',
		'plain',
		'café',
		'日本語',
		'🙂 emoji',
		'a"b',
		null,
		'x'.repeat(100_000),
		'\u0000'
	];

	it('round-trips ASCII, accents, CJK, emoji, empty strings, nulls and a long string', () => {
		const v = roundTrip(utf8Vector(texts));
		expect(v.type).toBeInstanceOf(arrow.Utf8);
		expect(Array.from({ length: texts.length }, (_, i) => v.get(i) as unknown)).toEqual(texts);
	});

	it('builds a column of mostly distinct text (ids) without a dictionary, values intact', () => {
		const ids: FlatValue[] = Array.from({ length: 10_000 }, (_, i) =>
			i % 7 === 0 ? null : `c${i}-é`
		);
		const table = arrow.tableFromIPC(columnsToIpc(new Map([['id', ids]])));
		const col = table.getChild('id')!;
		expect(col.type).toBeInstanceOf(arrow.Utf8);
		let compared = 0;
		ids.forEach((id, i) => {
			expect(col.get(i)).toBe(id);
			compared++;
		});
		expect(compared).toBe(10_000);
	});

	it('keeps a dictionary for repetitive text', () => {
		const events: FlatValue[] = Array.from({ length: 1_000 }, (_, i) =>
			i % 3 ? 'view' : 'purchase'
		);
		const col = arrow.tableFromIPC(columnsToIpc(new Map([['e', events]]))).getChild('e')!;
		expect(col.type).toBeInstanceOf(arrow.Dictionary);
		expect(Array.from({ length: 1_000 }, (_, i) => col.get(i) as unknown)).toEqual(events);
	});
});

describe('columnsToIpc(columns)', () => {
	it('keeps a field named __proto__ as a column like any other', () => {
		const table = arrow.tableFromIPC(
			columnsToIpc(
				new Map<string, FlatValue[]>([
					['__proto__', [1, 2]],
					['b', ['x', null]]
				])
			)
		);
		expect(table.schema.fields.map((f) => f.name)).toEqual(['__proto__', 'b']);
		expect([table.getChild('__proto__')!.get(1), table.getChild('b')!.get(0)]).toEqual([2n, 'x']);
	});
});
