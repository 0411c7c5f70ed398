// npm run bench -- --events <file> [--profiles <file>] --goal <goal.json> [--out <scores.csv>]
//                  [--backend wasm|cpu|webgl|webgpu] | --demo
// Serves the production build, drives it in headless Chromium through the same buttons and file
// inputs a user clicks, and prints one JSON line of timings and metrics (DESIGN.md contract).
import { chromium, type Page } from 'playwright-core';
import { writeFileSync, readFileSync, existsSync } from 'node:fs';
import { preview } from 'vite';
import os from 'node:os';
import type { ProjectState } from '../src/lib/state/project.svelte';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';

interface Args {
	events: string[];
	profiles?: string;
	goal?: string;
	out?: string;
	backend?: string;
	demo: boolean;
}

function fail(message: string): never {
	console.error(`bench: ${message}`);
	process.exit(1);
}

function parseArgs(argv: string[]): Args {
	const args: Args = { events: [], demo: false };
	for (let i = 0; i < argv.length; i++) {
		const flag = argv[i];
		const value = () => argv[++i] ?? fail(`${flag} needs a value`);
		if (flag === '--events') args.events = value().split(',');
		else if (flag === '--profiles') args.profiles = value();
		else if (flag === '--goal') args.goal = value();
		else if (flag === '--out') args.out = value();
		else if (flag === '--backend') args.backend = value();
		else if (flag === '--demo') args.demo = true;
		else fail(`unknown argument ${flag}`);
	}
	if (!args.demo && (args.events.length === 0 || !args.goal))
		fail('give --events <file> and --goal <goal.json>, or --demo');
	if (args.events.length > 1)
		fail('several event files in one run are not supported yet; give one --events file');
	for (const f of [...args.events, args.profiles, args.goal].filter((x): x is string => !!x))
		if (!existsSync(f)) fail(`no such file: ${f}`);
	if (args.out && !args.out.endsWith('.csv'))
		fail('--out supports .csv (Parquet export is not built yet)');
	return args;
}

/** Waits for `done` or for an error alert, whichever shows first; an alert fails the run. */
async function waitOrFail(page: Page, done: () => Promise<unknown>, what: string): Promise<void> {
	const alert = page.getByRole('alert').first();
	const outcome = await Promise.race([
		done().then(() => 'ok' as const),
		alert.waitFor({ state: 'visible', timeout: 0 }).then(() => 'alert' as const)
	]);
	if (outcome === 'alert') fail(`${what} failed: ${(await alert.textContent())?.trim()}`);
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const server = await preview({ preview: { port: 0, host: '127.0.0.1' }, logLevel: 'silent' });
	const url = server.resolvedUrls?.local[0] ?? fail('preview server did not start');
	const browser = await chromium.launch({
		executablePath: CHROMIUM_PATH,
		args: CHROMIUM_ARGS
	});
	try {
		const context = await browser.newContext({ acceptDownloads: true });
		const page = await context.newPage();
		const origin = new URL(url).origin;
		const foreign: string[] = [];
		context.on('request', (r) => {
			const u = r.url();
			if (!u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== origin)
				foreign.push(u);
		});
		await page.goto(url + (args.backend ? `?backend=${args.backend}` : ''));
		await page.getByRole('heading', { name: 'Propensity Lab' }).waitFor();

		const started = performance.now();
		const loaded = page.getByRole('button', { name: 'Continue to goal →' });
		if (args.demo) await page.getByRole('button', { name: 'Try the demo dataset' }).click();
		else await page.getByTestId('events-file').setInputFiles(args.events[0]!);
		await waitOrFail(page, () => loaded.waitFor({ timeout: 600_000 }), 'loading the events');
		if (args.profiles) {
			await page.getByTestId('profiles-file').setInputFiles(args.profiles);
			await waitOrFail(
				page,
				() => page.getByText(/attributes, joined/).waitFor({ timeout: 600_000 }),
				'loading the profiles'
			);
		}
		await loaded.click();
		if (args.goal) {
			await page.getByTestId('goal-file').setInputFiles(args.goal);
			const name = (JSON.parse(readFileSync(args.goal, 'utf8')) as { name?: string }).name ?? '';
			// The goal file applies its mapping, then its goal, then checks it.
			await waitOrFail(
				page,
				() =>
					page.waitForFunction(
						(goalName) => {
							const g = (window as unknown as { propensityLab: ProjectState }).propensityLab.goal;
							return g.spec.name === goalName && !g.checking && g.check !== null;
						},
						name,
						{ timeout: 600_000 }
					),
				'opening the goal file'
			);
		}
		const toTrain = page.getByRole('button', { name: 'Continue to train →' });
		await waitOrFail(
			page,
			() => page.getByTestId('goal-matches').waitFor({ timeout: 600_000 }),
			'checking the goal'
		);
		await toTrain.click();
		await page.getByRole('button', { name: 'Train model' }).click();
		await waitOrFail(
			page,
			() =>
				page
					.getByRole('heading', { name: 'How good is the model?' })
					.waitFor({ timeout: 1_800_000 }),
			'training'
		);
		await page.getByRole('button', { name: 'See scored profiles →' }).click();
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('button', { name: /^Download CSV/ }).click()
		]);
		const csvPath = await download.path();
		const total = performance.now() - started;
		if (args.out) writeFileSync(args.out, readFileSync(csvPath));

		const result = await page.evaluate(() => {
			const p = (window as unknown as { propensityLab: ProjectState }).propensityLab;
			const r = p.run.result!;
			const report = p.data.report!;
			const train = r.counts.filter((c) => c.role === 'train');
			return {
				rows: report.rows,
				profiles: report.profiles,
				eligible: r.counts.find((c) => c.role === 'score')!.eligible,
				positives: train.reduce((s, c) => s + c.positives, 0),
				trainingRows: train.reduce((s, c) => s + c.eligible, 0),
				features: r.cols,
				backend: r.report.backend,
				auc: r.report.auc,
				logloss: r.report.logloss,
				brier: r.report.brier,
				baselineAuc: r.report.baselineAuc,
				epochs: r.report.epochs,
				ms: { ...p.run.timings }
			};
		});
		if (foreign.length) fail(`the page contacted other origins: ${foreign.join(', ')}`);
		const line = {
			...result,
			ms: { ...result.ms, total: Math.round(total) },
			machine: `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB`,
			date: new Date().toISOString().slice(0, 10)
		};
		console.log(JSON.stringify(line));
	} finally {
		await browser.close();
		await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
	}
}

main().catch((e: unknown) => fail(e instanceof Error ? e.message : String(e)));
