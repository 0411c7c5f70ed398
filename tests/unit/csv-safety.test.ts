// No CSV we write starts a spreadsheet formula (OWASP "CSV injection"): csvField cell by cell,
// then the scores CSV, read back, with hostile ids, factor names and sentences; JSON and Parquet
// keep the same text exactly.
import { listedGroups } from '../../src/lib/engine/explain/profile-groups';
import { parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { scoresCsvParts, scoresJsonParts } from '../../src/lib/engine/export/csv';
import { csvField, isFormulaLike, restoreCsvText } from '../../src/lib/engine/export/csv-field';
import { scoresParquet } from '../../src/lib/engine/export/parquet';
import type { Bucket } from '../../src/lib/engine/types';
import { FORMULA_TRIGGERS, HOSTILE_TEXTS, parseCsv, startsFormula } from '../helpers/csv';
import { listedFactors } from '../../src/lib/engine/explain/profile-factors';

describe('csvField(x)', () => {
	const cases: [string, string | number, string][] = [
		['= starts a formula', '=1+1', `"'=1+1"`],
		['+ starts a formula', '+cmd', `"'+cmd"`],
		['- starts a formula', '-abc', `"'-abc"`],
		['@ starts a formula', '@SUM(A1)', `"'@SUM(A1)"`],
		['TAB starts a formula', '\t=cmd', `"'\t=cmd"`],
		['CR starts a formula', '\r=cmd', `"'\r=cmd"`],
		['fullwidth ＝ starts a formula', '＝1+1', `"'＝1+1"`],
		['fullwidth ＋ starts a formula', '＋1', `"'＋1"`],
		['fullwidth － starts a formula', '－1', `"'－1"`],
		['fullwidth ＠ starts a formula', '＠A1', `"'＠A1"`],
		['a leading quote gets one more, so removing one is exact', "'=x", `"''=x"`],
		[
			'a formula with quotes has them doubled',
			'=HYPERLINK("http://x","y")',
			`"'=HYPERLINK(""http://x"",""y"")"`
		],
		['a formula with a comma and a line break stays one cell', '=1,\n2', `"'=1,\n2"`],
		['a formula-like text that is a number is a number (-3.5)', '-3.5', '-3.5'],
		['a formula-like text that is a number is a number (+1)', '+1', '+1'],
		['a formula-like text that is a number is a number (-1e-5)', '-1e-5', '-1e-5'],
		['a formula-like text that is a number is a number (-.5)', '-.5', '-.5'],
		['text like a number (1e5) is as it is', '1e5', '1e5'],
		['a number that is not finite text is neutralised (-Infinity)', '-Infinity', `"'-Infinity"`],
		['a sum of numbers is a formula', '-1+2', `"'-1+2"`],
		['a number then text is a formula', '-5 abc', `"'-5 abc"`],
		['a number cell -3.5 stays a number', -3.5, '-3.5'],
		['a number cell 1e21 stays a number', 1e21, '1e+21'],
		['a number cell -0.0001 stays a number', -0.0001, '-0.0001'],
		['a non-finite number cell is written as text', -Infinity, `"'-Infinity"`],
		['NaN is written as text', NaN, 'NaN'],
		['a trigger later in the text is fine', 'a=1', 'a=1'],
		['a leading space is not a trigger', ' =1', ' =1'],
		['commas are quoted', 'a,b', '"a,b"'],
		['quotes are doubled', 'say "hi"', '"say ""hi"""'],
		['line breaks are quoted', 'a\nb', '"a\nb"'],
		['plain text is as it is', 'plain', 'plain'],
		['empty is empty', '', '']
	];
	for (const [name, input, expected] of cases)
		it(`${name}: ${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => {
			expect(csvField(input)).toBe(expected);
		});

	it('neutralises text starting with each trigger character, and reads back to the text', () => {
		for (const t of FORMULA_TRIGGERS) {
			const text = `${t}cmd|' /C calc'!A0`;
			expect(isFormulaLike(text)).toBe(true);
			const cell = parseCsv(csvField(text) + '\n')[0]?.[0];
			expect(cell?.startsWith("'")).toBe(true);
			expect(restoreCsvText(cell!)).toBe(text);
		}
	});

	it('reads every hostile text back exactly after removing the one leading quote', () => {
		const line = HOSTILE_TEXTS.map(csvField).join(',') + '\n';
		const [cells] = parseCsv(line);
		expect(cells).toHaveLength(HOSTILE_TEXTS.length);
		expect(cells!.map(restoreCsvText)).toEqual(HOSTILE_TEXTS);
	});
});

/** Profiles whose ids, factor names and sentences all look like formulas. */
function hostileProfiles() {
	const n = HOSTILE_TEXTS.length;
	return {
		customerIds: [...HOSTILE_TEXTS],
		probability: Float32Array.from({ length: n }, (_, i) => (i + 0.5) / n),
		score: Uint8Array.from({ length: n }, (_, i) => i),
		percentile: Uint8Array.from({ length: n }, (_, i) => i + 1),
		bucket: Array.from({ length: n }, () => 'low' as Bucket),
		factors: listedFactors(
			HOSTILE_TEXTS.map((t, i) => [
				{
					key: `attr:${t}`,
					name: t,
					value: -3.5,
					contribution: -0.25 * i,
					importance: 'high' as const,
					direction: 'lowers' as const,
					sentence: `${t} lowers it`
				},
				{
					key: `type:${t}:count_30d`,
					name: `=${t}`,
					value: NaN,
					contribution: 0.125,
					importance: 'low' as const,
					direction: 'raises' as const,
					sentence: `@${t}`
				}
			])
		),
		groups: listedGroups(
			HOSTILE_TEXTS.map((t, i) => [
				{
					key: `attr:${t}`,
					name: t,
					contribution: -0.25 * i,
					importance: 'high' as const,
					direction: 'lowers' as const,
					sentence: `${t} is -3.5`
				},
				{
					key: `custom:${t}`,
					name: `+${t}`,
					contribution: 0.125,
					importance: 'low' as const,
					direction: 'raises' as const,
					sentence: `-${t}`
				}
			])
		)
	};
}
const ctx = { propensityType: 'churn' as const, scoreDate: '2026-01-01', modelId: '-1+1' };

describe('the scores CSV with formula-like ids, factor names and sentences', () => {
	const s = hostileProfiles();
	const rows = Array.from(s.customerIds.keys());
	const table = parseCsv([...scoresCsvParts(s, rows, ctx)].join(''));
	const [header, ...body] = table;
	const col = (name: string) => header!.indexOf(name);

	it('has no cell that starts a formula, unless it is a number', () => {
		let checked = 0;
		for (const row of table) {
			expect(row).toHaveLength(header!.length);
			for (const cell of row) {
				checked++;
				expect(startsFormula(cell), JSON.stringify(cell)).toBe(false);
			}
		}
		expect(checked).toBe((s.customerIds.length + 1) * header!.length);
	});

	it('gives back every id, factor key, name and sentence after removing the leading quote', () => {
		body.forEach((row, i) => {
			const f = s.factors.of(i);
			expect(restoreCsvText(row[col('customer_id')]!)).toBe(s.customerIds[i]);
			expect(restoreCsvText(row[col('model_id')]!)).toBe(ctx.modelId);
			for (const [k, x] of f.entries()) {
				expect(restoreCsvText(row[col(`factor_${k + 1}`)]!)).toBe(x.key);
				expect(restoreCsvText(row[col(`factor_${k + 1}_name`)]!)).toBe(x.name);
				expect(restoreCsvText(row[col(`factor_${k + 1}_sentence`)]!)).toBe(x.sentence);
			}
			for (const [k, g] of s.groups.of(i).entries()) {
				expect(restoreCsvText(row[col(`factor_group_${k + 1}`)]!)).toBe(g.key);
				expect(restoreCsvText(row[col(`factor_group_${k + 1}_name`)]!)).toBe(g.name);
				expect(restoreCsvText(row[col(`factor_group_${k + 1}_sentence`)]!)).toBe(g.sentence);
			}
		});
		expect(col('factor_group_2_sentence')).toBeGreaterThan(0);
	});

	it('keeps numbers plain: negative values and contributions are not prefixed', () => {
		expect(body.map((r) => r[col('factor_1_value')])).toEqual(body.map(() => '-3.5'));
		expect(body[2]![col('factor_1_contribution')]).toBe('-0.5');
		expect(body.map((r) => r[col('factor_2_value')])).toEqual(body.map(() => ''));
		const text = [...scoresCsvParts(s, rows, ctx)].join('');
		expect(text).toContain(',-3.5,-0.5,high,');
		expect(text).not.toContain(`'-3.5`);
	});
});

describe('JSON and Parquet keep formula-like text exactly', () => {
	const s = hostileProfiles();
	const rows = Array.from(s.customerIds.keys());

	it('JSON: the ids, names and sentences as they are', () => {
		const records = JSON.parse([...scoresJsonParts(s, rows, ctx)].join('')) as {
			customer_id: string;
			model_id: string;
			factors: { feature: string; name: string; sentence: string }[];
			factor_groups: { group: string; name: string; sentence: string }[];
		}[];
		expect(records.map((r) => r.customer_id)).toEqual(s.customerIds);
		expect(records.every((r) => r.model_id === ctx.modelId)).toBe(true);
		records.forEach((r, i) => {
			expect(r.factors.map((f) => [f.feature, f.name, f.sentence])).toEqual(
				s.factors.of(i).map((f) => [f.key, f.name, f.sentence])
			);
			expect(r.factor_groups.map((g) => [g.group, g.name, g.sentence])).toEqual(
				s.groups.of(i).map((g) => [g.key, g.name, g.sentence])
			);
		});
	});

	it('Parquet: the ids, names and sentences as they are', async () => {
		const bytes = await scoresParquet(s, rows, ctx);
		const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
		const read = (await parquetReadObjects({ file: file as ArrayBuffer })) as {
			customer_id: string;
			model_id: string;
			factors: { key: string; name: string; sentence: string }[];
			factor_groups: { key: string; name: string; contribution: number; sentence: string }[];
		}[];
		expect(read.map((r) => r.customer_id)).toEqual(s.customerIds);
		expect(read.every((r) => r.model_id === ctx.modelId)).toBe(true);
		read.forEach((r, i) => {
			expect(r.factors.map((f) => [f.key, f.name, f.sentence])).toEqual(
				s.factors.of(i).map((f) => [f.key, f.name, f.sentence])
			);
			expect(r.factor_groups.map((g) => [g.key, g.name, g.contribution, g.sentence])).toEqual(
				s.groups.of(i).map((g) => [g.key, g.name, g.contribution, g.sentence])
			);
		});
	});
});
