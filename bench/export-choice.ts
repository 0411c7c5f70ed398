// The bench's download of the scores through the Profiles step, as a user makes it: the output
// schema in the format --out names, or a destination preset (--destination) with its options set
// in its panel (the identity or contact column, AEP's tenant id), then the button clicked. The
// ad platforms' lists are one audience: the high bucket, through "Download the N profiles shown".
import type { Download, Page } from 'playwright-core';
import { isPresetId, PRESETS } from '../src/lib/engine/export/destinations';

export interface ExportArgs {
	out?: string;
	/** `generic`, a preset id, or `ads` (Google Ads). */
	destination?: string;
	/** AEP's tenant id (`bench` when not given). */
	tenant?: string;
	/** The identity (or contact) column to pick, by its name. */
	contactColumn?: string;
}

const GENERIC = ['csv', 'parquet', 'json'];
const ALIASES: Record<string, string> = { ads: 'google-ads' };
const TIMEOUT = { timeout: 1_800_000 };

/** The Export-as menu's value: a preset's id, or the format --out's extension names (CSV). */
export function exportChoice(a: ExportArgs): string {
	const d = a.destination && (ALIASES[a.destination] ?? a.destination);
	if (d && d !== 'generic') return d;
	return a.out?.split('.').at(-1) ?? 'csv';
}

/** Why the export flags do not go together, or null. */
export function exportArgsProblem(a: ExportArgs): string | null {
	const d = a.destination && (ALIASES[a.destination] ?? a.destination);
	if (d && d !== 'generic' && !isPresetId(d))
		return `--destination must be one of generic, ads, ${Object.keys(PRESETS).join(', ')}`;
	const choice = exportChoice(a);
	if (isPresetId(choice)) {
		const ext = PRESETS[choice].extension;
		return a.out && !a.out.endsWith(`.${ext}`)
			? `--out for ${PRESETS[choice].name} must end in .${ext}`
			: null;
	}
	return a.out && !GENERIC.includes(choice)
		? '--out must end in .csv, .parquet or .json (the export format), or give --destination'
		: null;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Downloads the scores as `exportChoice(a)` through the button a user clicks. Returns the
 * download and what the page said of it ("Saved 1,021 profiles … Left out: …"); a preset the
 * page refuses, or a file it could not make, fails the run with the page's words.
 */
export async function downloadScores(
	page: Page,
	a: ExportArgs,
	fail: (message: string) => never
): Promise<{ download: Download; notice: string | null }> {
	const choice = exportChoice(a);
	await page.getByTestId('export-format').selectOption(choice);
	if (!isPresetId(choice)) {
		const [download] = await Promise.all([
			page.waitForEvent('download', TIMEOUT),
			page.getByRole('button', { name: /^Download (CSV|Parquet|JSON) \(/ }).click()
		]);
		return { download, notice: null };
	}
	const preset = PRESETS[choice];
	const options = page.getByTestId('destination-options');
	if (a.contactColumn) {
		const select = options.getByRole('combobox', { name: /^(Identity|Contact) column$/ });
		const option = select.locator('option', {
			hasText: new RegExp(`^${escape(a.contactColumn)} \\(`)
		});
		if (!(await option.count())) fail(`no column “${a.contactColumn}” to identify profiles by`);
		await select.selectOption((await option.first().getAttribute('value'))!);
	}
	if (choice === 'aep')
		await options.getByRole('textbox', { name: 'Tenant id' }).fill(a.tenant ?? 'bench');
	const problem = options.getByRole('alert');
	if (await problem.isVisible()) fail(`${preset.name}: ${await problem.textContent()}`);
	if (preset.segmentOnly) await page.getByRole('combobox', { name: 'Bucket' }).selectOption('high');
	const button = preset.segmentOnly
		? page.getByRole('button', { name: /^Download the [\d,]+ profiles shown \(/ })
		: page.getByRole('button', { name: /^Download for / });
	const status = (text: RegExp) => page.getByRole('status').filter({ hasText: text }).first();
	const refused = status(/^(Nothing was saved|The file could not be made)/);
	const [download] = await Promise.all([
		Promise.race([page.waitForEvent('download', TIMEOUT), refused.waitFor(TIMEOUT)]),
		button.click()
	]);
	if (!download) fail(`${preset.name}: ${(await refused.textContent())!.trim()}`);
	// The page says what it saved and left out just after the file goes.
	const saved = status(/^Saved /);
	await saved.waitFor({ timeout: 10_000 });
	return { download, notice: (await saved.textContent())!.trim() };
}
