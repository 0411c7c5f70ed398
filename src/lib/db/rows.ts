// Arrow results to plain JS values: BIGINT becomes number (ids and counts here fit in 2^53),
// timestamps become epoch ms numbers.
import type { Table } from 'apache-arrow';

export type Row = Record<string, unknown>;

export function plain(v: unknown): unknown {
	if (typeof v === 'bigint') return Number(v);
	if (v instanceof Date) return v.getTime();
	return v;
}

export function toRows(t: Table): Row[] {
	const names = t.schema.fields.map((f) => f.name);
	const out: Row[] = [];
	for (const r of t) {
		if (!r) continue;
		const row: Row = {};
		for (const n of names) row[n] = plain((r as unknown as Record<string, unknown>)[n]);
		out.push(row);
	}
	return out;
}

export function firstRow(t: Table): Row {
	const rows = toRows(t);
	if (!rows[0]) throw new Error('query returned no row');
	return rows[0];
}

/** A numeric column as Float64Array (NULL and missing become NaN). */
export function numberColumn(t: Table, name: string): Float64Array {
	const col = t.getChild(name);
	if (!col) throw new Error(`result has no column ${name}`);
	const raw: unknown = col.toArray();
	if (col.nullCount === 0 && raw instanceof Float64Array) return raw;
	const out = new Float64Array(t.numRows);
	for (let i = 0; i < t.numRows; i++) {
		const v: unknown = col.get(i);
		out[i] = v === null || v === undefined ? NaN : Number(v);
	}
	return out;
}

export function stringColumn(t: Table, name: string): string[] {
	const col = t.getChild(name);
	if (!col) throw new Error(`result has no column ${name}`);
	const out: string[] = new Array<string>(t.numRows);
	for (let i = 0; i < t.numRows; i++) out[i] = String(col.get(i));
	return out;
}
