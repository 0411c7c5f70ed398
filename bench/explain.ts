// npm run bench:explain -- [--datasets demo,cdnow,grocery,mooc] [--bootstraps 3] [--agreement λ]
// How readable the explanations are, per dataset (issue 16): the app's own pipeline in Node
// (DuckDB-WASM, the goals in bench/, TF.js on WASM) trains, scores and explains, then one JSON
// line per dataset gives its `explain` object:
// - top3Share: median over scored profiles of the share of Σ|c| over all factor groups that the
//   three shown groups carry; top3ShareFeatures: the same for the three largest features, over
//   Σ|c| of all features (what the table showed before groups);
// - contradictions: share of profiles whose shown group sentences join two facts of opposite
//   signs (0 by construction, measured anyway); contradictionsFeatures: share whose top three
//   features hold two members of one group with opposite signs;
// - topGroupStability: how often a profile's top group is the same when the model is trained
//   again on a bootstrap of the training customers (resampled with replacement, seeded).
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeSource } from '../src/lib/db/ingest';
import { buildMatrix, type DataContext } from '../src/lib/db/matrix';
import type { Db } from '../src/lib/db/types';
import { generateDemo } from '../src/lib/engine/demo/generate';
import { featureInfo, type FeatureInfo } from '../src/lib/engine/explain/factors';
import { groupExplainer } from '../src/lib/engine/explain/groups';
import { activityDirection } from '../src/lib/engine/features/groups';
import type { FeatureMatrix } from '../src/lib/engine/features/matrix';
import { parseGoalText } from '../src/lib/engine/goal/read';
import { guessMapping } from '../src/lib/engine/ingest/guess';
import { median } from '../src/lib/engine/metrics/classification';
import { rng } from '../src/lib/engine/random';
import { isReservedColumn, type GoalSpec } from '../src/lib/engine/types';
import { scoreAdditive, trainModels } from '../src/lib/ml/additive';
import { checkTrainable, scoringInput, trainingData } from '../src/lib/ml/prepare';
import { DEFAULT_TRAIN_OPTIONS, type ModelState, type TrainOptions } from '../src/lib/ml/protocol';
import { loadOne, openNodeDb, SHARED } from '../tests/helpers/node-db';
import { demoGoal, openDemo } from '../tests/helpers/demo-db';

function arg(name: string, fallback: string): string {
	const i = process.argv.indexOf(`--${name}`);
	return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const DATASETS: Record<string, { file: string; goal: string }> = {
	cdnow: { file: 'cdnow/CDNOW_master.txt', goal: 'bench/cdnow.goal.json' },
	grocery: { file: 'grocery_btydplus/groceryElog.csv', goal: 'bench/grocery.goal.json' },
	mooc: { file: 'kddcup2015-mooc-daily/events_long.csv.gz', goal: 'bench/mooc.goal.json' }
};

/** A dataset loaded as the page loads it, with the goal it is benched with. */
async function open(name: string): Promise<{ db: Db; ctx: DataContext; spec: GoalSpec }> {
	if (name === 'demo') {
		// The app's demo as the page loads it, with every profile attribute.
		const { db, ctx } = await openDemo(generateDemo());
		const attributes = (ctx.profileColumns ?? [])
			.map((c) => c.name)
			.filter((c) => c !== 'ecid' && !isReservedColumn(c));
		return { db, ctx, spec: { ...demoGoal, profileAttributes: attributes } };
	}
	const db = await openNodeDb();
	const d = DATASETS[name];
	if (!d) throw new Error(`unknown dataset ${name}: use demo, ${Object.keys(DATASETS).join(', ')}`);
	const spec = parseGoalText(readFileSync(d.goal, 'utf8'));
	const bytes = readFileSync(path.join(SHARED, d.file));
	const registered = d.file.endsWith('.gz') ? 'upload_0.csv.gz' : 'upload_0.csv';
	await db.registerFile(registered, bytes);
	const src = await describeSource(db, path.basename(d.file), registered, bytes.length);
	const mapping = spec.data?.events ?? guessMapping(src.columns, src.preview);
	const { columns } = await loadOne(db, src, mapping);
	return { db, ctx: { eventColumns: columns, profileColumns: null }, spec };
}

/**
 * The matrix with its training customers drawn with replacement (each draw brings all of that
 * customer's training rows); validation and scoring rows as they are.
 */
function bootstrap(m: FeatureMatrix, seed: number): FeatureMatrix {
	const next = rng(seed);
	const isTrain = (i: number) => m.cutoffs[m.cutoffIndex[i]!]!.role === 'train';
	const rowsOf = new Map<string, number[]>();
	const keep: number[] = [];
	for (let i = 0; i < m.rows; i++) {
		if (!isTrain(i)) continue;
		const list = rowsOf.get(m.customerIds[i]!) ?? [];
		list.push(i);
		rowsOf.set(m.customerIds[i]!, list);
	}
	const customers = [...rowsOf.values()];
	for (let k = 0; k < customers.length; k++)
		keep.push(...customers[Math.floor(next() * customers.length)]!);
	for (let i = 0; i < m.rows; i++) if (!isTrain(i)) keep.push(i);
	keep.sort((a, b) => m.cutoffIndex[a]! - m.cutoffIndex[b]! || a - b);
	const x = new Float32Array(keep.length * m.cols);
	keep.forEach((i, r) => x.set(m.x.subarray(i * m.cols, (i + 1) * m.cols), r * m.cols));
	return {
		...m,
		x,
		rows: keep.length,
		labels: Int8Array.from(keep, (i) => m.labels[i]!),
		cutoffIndex: Int32Array.from(keep, (i) => m.cutoffIndex[i]!),
		customerIds: keep.map((i) => m.customerIds[i]!)
	};
}

async function train(m: FeatureMatrix, kind: GoalSpec['kind'], opts: Partial<TrainOptions>) {
	return trainModels(await trainingData(m, kind), { ...DEFAULT_TRAIN_OPTIONS, ...opts }, 'wasm');
}

/** Each scored row's top group (index), by the app's rule: largest |sum|, the earlier on ties. */
function topGroups(features: FeatureInfo[], model: ModelState, x: Float32Array, rows: number) {
	const scored = scoreAdditive(model, { x: x.slice(), rows, cols: features.length });
	const explain = groupExplainer(features);
	return Int32Array.from({ length: rows }, (_, r) => explain.topIndex(scored.contributions, r));
}

/** The explain measures of one trained model on the scoring rows. */
function measures(features: FeatureInfo[], model: ModelState, x: Float32Array, rows: number) {
	const cols = features.length;
	const scored = scoreAdditive(model, { x: x.slice(), rows, cols });
	const c = scored.contributions;
	const explain = groupExplainer(features);
	const share: number[] = [];
	const shareFeatures: number[] = [];
	let contradictions = 0;
	let contradictionsFeatures = 0;
	for (let r = 0; r < rows; r++) {
		const sums = Array.from(explain.sums(c, r), Math.abs).sort((a, b) => b - a);
		const total = sums.reduce((a, b) => a + b, 0);
		share.push(total > 0 ? (sums[0]! + (sums[1] ?? 0) + (sums[2] ?? 0)) / total : 1);
		const order = Array.from({ length: cols }, (_, j) => j).sort(
			(a, b) => Math.abs(c[r * cols + b]!) - Math.abs(c[r * cols + a]!) || a - b
		);
		const abs = order.map((j) => Math.abs(c[r * cols + j]!));
		const totalF = abs.reduce((a, b) => a + b, 0);
		shareFeatures.push(totalF > 0 ? (abs[0]! + (abs[1] ?? 0) + (abs[2] ?? 0)) / totalF : 1);
		const top = order.slice(0, 3);
		const fights = top.some((a, i) =>
			top.some(
				(b, k) =>
					k > i &&
					features[a]!.group.key === features[b]!.group.key &&
					Math.sign(c[r * cols + a]!) * Math.sign(c[r * cols + b]!) < 0
			)
		);
		if (fights) contradictionsFeatures++;
		// The facts each shown group's sentence joins, and their signs.
		const shown = explain.top(x, c, r, 3);
		for (const g of shown) {
			const gi = explain.grouping.groups.findIndex((x) => x.key === g.key);
			const facts = explain.facts(x, c, r, gi);
			const signs = new Set(facts.map((j) => Math.sign(c[r * cols + j]!)).filter((s) => s));
			if (signs.size > 1) {
				contradictions++;
				break;
			}
		}
	}
	// Groups whose features' overall slopes (signed by their direction) point both ways.
	const slope = new Map<string, Set<number>>();
	model.basis.kinds.forEach((k, col) => {
		const j = model.basis.owner[col]!;
		const dir = activityDirection(features[j]!.kind);
		const w = model.weights[col]!;
		if (k !== 'linear' || !dir || Math.abs(w) < 1e-6) return;
		const key = features[j]!.group.key;
		slope.set(key, (slope.get(key) ?? new Set()).add(Math.sign(dir * w)));
	});
	const directed = [...slope.values()];
	return {
		slopeConflicts: directed.length
			? +(directed.filter((s) => s.size > 1).length / directed.length).toFixed(4)
			: 0,
		top3Share: +median(share).toFixed(4),
		top3ShareFeatures: +median(shareFeatures).toFixed(4),
		contradictions: +(contradictions / rows).toFixed(4),
		contradictionsFeatures: +(contradictionsFeatures / rows).toFixed(4),
		groups: explain.grouping.groups.length
	};
}

async function main() {
	await tf.setBackend('wasm');
	await tf.ready();
	const names = arg('datasets', 'demo,cdnow,grocery,mooc').split(',');
	const bootstraps = Number(arg('bootstraps', '3'));
	const opts: Partial<TrainOptions> = { agreement: Number(arg('agreement', '0')) };
	for (const name of names) {
		const started = performance.now();
		const { db, ctx, spec } = await open(name);
		const m = await buildMatrix(db, spec, ctx);
		checkTrainable(m, spec.kind);
		const features = m.features.map(featureInfo);
		const { model, report } = await train(m, spec.kind, opts);
		const { input } = await scoringInput(m);
		const explain = measures(features, model, input.x, input.rows);
		const base = topGroups(features, model, input.x, input.rows);
		const stability: number[] = [];
		for (let b = 0; b < bootstraps; b++) {
			const again = await train(bootstrap(m, 1000 + b), spec.kind, opts);
			const tops = topGroups(features, again.model, input.x, input.rows);
			stability.push(base.reduce((s, g, r) => s + (g === tops[r] ? 1 : 0), 0) / input.rows);
		}
		console.log(
			JSON.stringify({
				dataset: name,
				profiles: input.rows,
				features: features.length,
				agreement: opts.agreement,
				auc: +report.auc.toFixed(4),
				variant: report.variant,
				explain: {
					...explain,
					topGroupStability: +(stability.reduce((a, b) => a + b, 0) / stability.length).toFixed(4),
					topGroupStabilityMin: +Math.min(...stability).toFixed(4),
					bootstraps
				},
				ms: Math.round(performance.now() - started),
				machine: `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'cpu'}`,
				date: new Date().toISOString().slice(0, 10)
			})
		);
	}
}

main().catch((e: unknown) => {
	console.error(`bench:explain: ${e instanceof Error ? e.message : String(e)}`);
	process.exit(1);
});
