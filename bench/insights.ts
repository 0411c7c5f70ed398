// npm run bench:insights -- [--profiles 1000000] [--features 60]
// Times what the Insights step computes from the scored rows, on a synthetic audience of the
// given size: the summary (buckets, histogram, drivers and value distributions per bucket,
// reason segments), the targeting helper's setup and queries, the score columns, and what the
// ML worker describes of the rows after training (shape grids, drift reference). The
// charts draw only these fixed-size summaries, so their draw time does not grow with the
// audience (the browser bench reports draw times). Also the profiles' top factors with their
// sentences, and the CSV export's text. Prints one JSON line.
import { NO_GROUPS } from '../src/lib/engine/explain/profile-groups';
import { NO_FACTORS } from '../src/lib/engine/explain/profile-factors';
import os from 'node:os';
import type { FeatureInfo } from '../src/lib/engine/explain/factors';
import { shapeGrid } from '../src/lib/engine/explain/shape';
import { eachColumn } from '../src/lib/engine/insights/drivers';
import { audienceInsights } from '../src/lib/engine/insights/summary';
import { featureReferences } from '../src/lib/engine/metrics/drift';
import { bestCount, selectedCount, targeting } from '../src/lib/engine/insights/targeting';
import { rng } from '../src/lib/engine/random';
import { byProbability, scoredProfiles } from '../src/lib/engine/scored';
import { scoreColumns } from '../src/lib/engine/scores';
import { scoresCsvParts } from '../src/lib/engine/export/csv';

function arg(name: string, fallback: number): number {
	const i = process.argv.indexOf(`--${name}`);
	return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

function time<T>(f: () => T): [T, number] {
	const t = performance.now();
	const out = f();
	return [out, Math.round(performance.now() - t)];
}

const n = arg('profiles', 1_000_000);
const cols = arg('features', 60);
const next = rng(1);
const features: FeatureInfo[] = Array.from({ length: cols }, (_, j) => ({
	key: `f${j}`,
	name: `Feature ${j}`,
	unit: j % 10 === 9 ? 'flag' : 'events',
	kind: j % 10 === 9 ? 'attribute' : 'count',
	noun: { one: 'event', many: 'events' },
	group: { key: `g${j % 12}`, name: `Group ${j % 12}` },
	windowDays: 30,
	transform: 'log1p'
}));
// Counts with many zeros, flags, and contributions that grow with the value.
const x = new Float32Array(n * cols);
const contributions = new Float32Array(n * cols);
const logit = new Float64Array(n).fill(-2);
for (let i = 0; i < n; i++)
	for (let j = 0; j < cols; j++) {
		const u = next();
		const v = j % 10 === 9 ? (u < 0.3 ? 1 : 0) : u < 0.5 ? 0 : Math.floor(-Math.log(next()) * 5);
		const c = (((j % 7) - 3) / 20) * Math.log1p(v);
		x[i * cols + j] = v;
		contributions[i * cols + j] = c;
		logit[i]! += c;
	}
const probability = Float32Array.from(logit, (z) => 1 / (1 + Math.exp(-z)));

const [columns, scoreMs] = time(() => scoreColumns(probability));
const profiles = {
	customerIds: Array.from({ length: n }, (_, i) => `c${i}`),
	probability,
	...columns,
	factors: NO_FACTORS,
	groups: NO_GROUPS
};
const [order, orderMs] = time(() => byProbability(profiles));
// Each profile's top three factors with their sentences (main thread, once per scoring; no pause
// between slices here, so this is the work itself).
const ids = profiles.customerIds;
const [scoring, factorsMs] = time(() =>
	scoredProfiles(ids, features, x, probability, contributions, { columns })
);
const scored = await scoring;
// The CSV export's text (the page also makes a Blob of each part): its rows, factors and groups
// with their sentences, every cell through csvField.
const exportCtx = {
	propensityType: 'conversion' as const,
	scoreDate: '2026-01-01',
	modelId: '0123456789abcdef'
};
const [csvMb, csvMs] = time(() => {
	let chars = 0;
	for (const part of scoresCsvParts(scored, order, exportCtx)) chars += part.length;
	return +(chars / 1e6).toFixed(1);
});
const [summary, summaryMs] = time(() => audienceInsights(features, x, contributions, profiles));
const [t, targetingMs] = time(() =>
	targeting(probability, columns.score, columns.percentile, order)
);
const [, queryMs] = time(() => {
	for (let p = 1; p <= 100; p++) selectedCount(t, 'percentile', p);
});
const [, bestMs] = time(() => bestCount(t, 100, 10));
// What the ML worker describes of the rows after training: the shapes' grids and the drift
// reference of every feature.
const [, gridsMs] = time(() => eachColumn(x, cols, n, (_, values) => shapeGrid(values)));
const [, referenceMs] = time(() => featureReferences(x, n, cols));

console.log(
	JSON.stringify({
		profiles: n,
		features: cols,
		segments: summary.segments.length,
		distributions: Object.keys(summary.distributions).length,
		csvMb,
		ms: {
			scoreColumns: scoreMs,
			order: orderMs,
			factors: factorsMs,
			csvExport: csvMs,
			summary: summaryMs,
			targetingSetup: targetingMs,
			hundredSliderQueries: queryMs,
			bestCount: bestMs,
			shapeGrids: gridsMs,
			driftReference: referenceMs
		},
		machine: `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'cpu'}`,
		date: new Date().toISOString().slice(0, 10)
	})
);
