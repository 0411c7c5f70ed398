import { describe, expect, it } from 'vitest';
import { matrixCsvParts } from '../../src/lib/engine/export/matrix';
import type { FeatureMatrix } from '../../src/lib/engine/features/matrix';
import type { FeatureDef } from '../../src/lib/engine/features/spec';
import { restoreCsvText } from '../../src/lib/engine/export/csv-field';
import { HOSTILE_TEXTS, parseCsv, startsFormula } from '../helpers/csv';

const DAY = 86_400_000;

function matrix(rows: number): FeatureMatrix {
	const x = new Float32Array(rows * 2);
	for (let i = 0; i < rows; i++) {
		x[i * 2] = i === 1 ? NaN : i / 3;
		x[i * 2 + 1] = 1e6 + i + 0.1;
	}
	return {
		plan: { lookbackDays: 180, eventTypes: [], customEvents: [], hasValue: false, attributes: [] },
		sample: null,
		validationSample: null,
		features: [{ key: 'days_since_last' }, { key: 'value, "total"' }] as FeatureDef[],
		cutoffs: [
			{ t: 100 * DAY, role: 'train' },
			{ t: 130 * DAY, role: 'validation' },
			{ t: 160 * DAY, role: 'score' }
		],
		cutoffIndex: Int32Array.from({ length: rows }, (_, i) => i % 3),
		customerIds: Array.from({ length: rows }, (_, i) => (i === 2 ? 'a,b' : `c${i}`)),
		labels: Int8Array.from({ length: rows }, (_, i) => (i % 3 === 2 ? -1 : i % 2)),
		x,
		rows,
		cols: 2
	};
}

describe('matrixCsvParts', () => {
	it('writes every row with its cutoff, role and label, missing as empty, names quoted', () => {
		const text = matrixCsvParts(matrix(3)).join('');
		expect(text.split('\n')).toEqual([
			'customer_id,cutoff,role,label,days_since_last,"value, ""total"""',
			'c0,1970-04-11,train,0,0,1000000.13',
			'c1,1970-05-11,validation,1,,1000001.13',
			'"a,b",1970-06-10,score,,0.666666687,1000002.13',
			''
		]);
	});

	it('prints values that read back as the same 32-bit floats', () => {
		const m = matrix(50);
		const lines = matrixCsvParts(m).join('').trim().split('\n').slice(1);
		lines.forEach((line, i) => {
			const cells = line.split(',');
			const a = cells.at(-2)!;
			expect(a === '' ? NaN : Math.fround(Number(a))).toEqual(m.x[i * 2]);
			expect(Math.fround(Number(cells.at(-1)))).toBe(m.x[i * 2 + 1]);
		});
	});

	it('splits a large matrix into parts without losing rows', () => {
		const parts = matrixCsvParts(matrix(45_000));
		expect(parts.length).toBe(1 + 3);
		expect(parts.join('').trim().split('\n')).toHaveLength(45_001);
	});

	it('neutralises formula-like ids and feature keys, keeps negative values as numbers', () => {
		const m = matrix(HOSTILE_TEXTS.length);
		m.customerIds = [...HOSTILE_TEXTS];
		m.features = [{ key: 'attr:=cmd' }, { key: '-1+2' }] as FeatureDef[];
		for (let i = 0; i < m.rows; i++) m.x[i * 2] = -3.5 - i;
		const table = parseCsv(matrixCsvParts(m).join(''));
		expect(table[0]).toEqual(['customer_id', 'cutoff', 'role', 'label', 'attr:=cmd', "'-1+2"]);
		let checked = 0;
		for (const row of table)
			for (const cell of row) {
				checked++;
				expect(startsFormula(cell), JSON.stringify(cell)).toBe(false);
			}
		expect(checked).toBe((m.rows + 1) * 6);
		const body = table.slice(1);
		expect(body.map((r) => restoreCsvText(r[0]!))).toEqual(HOSTILE_TEXTS);
		expect(body.map((r) => r[4])).toEqual(body.map((_, i) => String(-3.5 - i)));
	});
});
