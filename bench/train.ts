// npm run bench:train -- [--rows 1000000] [--features 60] [--out <dir>]
// Training time at scale: a seeded synthetic matrix (skewed counts, recencies with missing
// values, 0/1 flags; labels from an additive signal plus an interaction the model cannot
// represent), trained by the app's own trainModels on TF.js's WASM backend (the backend the app
// picks on a machine without a GPU), in Node. The matrix is written as the app's training-matrix
// CSV, XGBoost fits the same rows through bench/reference.py, and one JSON line compares them.
// (The event-log bench cannot reach a million training rows yet: DuckDB-WASM's feature query
// runs out of its 3.1 GiB at about 5M events; see docs/BENCHMARKS.md.)
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { matrixCsvParts } from '../src/lib/engine/export/matrix';
import type { FeatureMatrix } from '../src/lib/engine/features/matrix';
import type { FeatureDef } from '../src/lib/engine/features/spec';
import { rng } from '../src/lib/engine/random';
import { trainModels } from '../src/lib/ml/additive';
import { trainingData } from '../src/lib/ml/prepare';
import { DEFAULT_TRAIN_OPTIONS } from '../src/lib/ml/protocol';

function arg(name: string, fallback: string): string {
	const i = process.argv.indexOf(`--${name}`);
	return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const rows = Number(arg('rows', '1000000'));
const cols = Number(arg('features', '60'));
const out = arg('out', '/tmp/bench-train');
const DAY = 86_400_000;

function synthetic(): FeatureMatrix {
	const next = rng(7);
	const x = new Float32Array(rows * cols);
	const labels = new Int8Array(rows);
	const cutoffIndex = new Int32Array(rows);
	const weights = Array.from({ length: cols }, () => (next() - 0.5) * 0.6);
	for (let i = 0; i < rows; i++) {
		let z = -1.5;
		for (let j = 0; j < cols; j++) {
			const kind = j % 3;
			const u = next();
			let v: number;
			if (kind === 0) v = Math.floor(-Math.log(1 - u) * 3);
			else if (kind === 1) v = u < 0.1 ? NaN : Math.floor(u * 365);
			else v = u < 0.3 ? 1 : 0;
			x[i * cols + j] = v;
			const s = kind === 0 ? Math.log1p(v) : kind === 1 ? (isNaN(v) ? 0.5 : Math.sqrt(v / 365)) : v;
			z += weights[j]! * s * 2;
		}
		z += 0.5 * Math.log1p(x[i * cols]!) * x[i * cols + 2]!;
		labels[i] = next() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
		cutoffIndex[i] = i % 5 === 0 ? 1 : 0;
	}
	const features = Array.from(
		{ length: cols },
		(_, j) =>
			({
				key: `f${j}`,
				transform: j % 3 === 0 ? 'log1p' : 'none'
			}) as FeatureDef
	);
	return {
		plan: { lookbackDays: 180, eventTypes: [], customEvents: [], hasValue: false, attributes: [] },
		sample: null,
		validationSample: null,
		features,
		cutoffs: [
			{ t: 100 * DAY, role: 'train' },
			{ t: 130 * DAY, role: 'validation' }
		],
		cutoffIndex,
		customerIds: Array.from({ length: rows }, (_, i) => `c${i}`),
		labels,
		x,
		rows,
		cols
	};
}

async function main() {
	await tf.setBackend('wasm');
	await tf.ready();
	const m = synthetic();
	mkdirSync(out, { recursive: true });
	const file = createWriteStream(path.join(out, 'matrix.csv'));
	for (const part of matrixCsvParts(m))
		if (!file.write(part))
			await new Promise<void>((resolve) => file.once('drain', () => resolve()));
	await new Promise<void>((resolve) => file.end(() => resolve()));

	const data = await trainingData(m, 'conversion');
	const started = performance.now();
	const { report } = await trainModels(data, DEFAULT_TRAIN_OPTIONS, 'wasm');
	const trainMs = Math.round(performance.now() - started);

	let reference: unknown = 'not run: apt-get install -y python3-sklearn python3-xgboost';
	let ratio: number | null = null;
	try {
		const line = execFileSync('/usr/bin/python3', ['bench/reference.py', out, '--xgb-only'], {
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore']
		});
		const r = JSON.parse(line.trim().split('\n').at(-1)!) as { xgbDefault: { fitMs: number } };
		reference = r;
		ratio = +(trainMs / r.xgbDefault.fitMs).toFixed(2);
	} catch {
		/* reference stays the reason */
	}
	console.log(
		JSON.stringify({
			rows,
			features: cols,
			backend: 'wasm (Node)',
			trainMs,
			auc: report.auc,
			variant: report.variant,
			comparison: report.comparison,
			reference,
			/** Our training time over XGBoost's default fit time on the same rows. */
			ratioVsXgboost: ratio,
			machine: `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB`,
			date: new Date().toISOString().slice(0, 10)
		})
	);
}

main().catch((e: unknown) => {
	console.error(`bench:train: ${e instanceof Error ? e.message : String(e)}`);
	process.exit(1);
});
