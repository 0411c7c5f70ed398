// Files made from a trained run: the model card and the training matrix (the scores' exports,
// which show progress, are in RunState).
import { isoDay } from '../engine/cutoffs';
import { matrixCsvParts } from '../engine/export/matrix';
import type { FeatureMatrix } from '../engine/features/matrix';
import { modelCard } from '../engine/export/model-card';
import { VARIANT_LABEL } from '../ml/protocol';
import type { RunResult } from './run.svelte';

export interface ResultFile {
	blob: Blob;
	fileName: string;
}

/** A name as a file-name part ("Purchase in the next 30 days" → "purchase-in-the-next-30-days"). */
export function slugOf(name: string): string {
	return name
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');
}

/** The goal's name as a file-name part. */
export function slug(r: RunResult): string {
	return slugOf(r.spec.name) || 'scores';
}

/** The model card (Markdown): goal, data, cutoffs, measures, drivers, limits. */
export function modelCardFile(r: RunResult): ResultFile {
	const v = r.report;
	const d = r.trainedOn;
	const card = modelCard({
		spec: r.spec,
		data: { files: d.files, rows: d.events, profiles: d.profiles, start: d.start, end: d.end },
		cutoffs: r.counts,
		model: {
			name: VARIANT_LABEL[v.variant].name,
			compared: v.comparison.map((c) => ({ name: VARIANT_LABEL[c.variant].name, auc: c.auc })),
			backend: v.backend.toUpperCase(),
			trainRows: v.trainRows,
			trainPositives: v.trainPositives,
			sample: r.samples?.train ?? null,
			validationSample: r.samples?.validation ?? null
		},
		validation: {
			rows: v.validationRows,
			positives: v.validationPositives,
			auc: v.auc,
			aucInterval: v.aucInterval,
			baselineAuc: v.baselineAuc,
			logloss: v.logloss,
			brier: v.brier,
			ece: v.ece,
			topDecileLift: v.curves.lift.model[0]?.lift ?? NaN,
			calibration: v.curves.calibration
		},
		importance: r.importance,
		...(r.insights.groups && {
			groups: r.insights.groups.importance.map((g) => ({
				name: g.name,
				meanAbs: g.meanAbs,
				features: r.features.filter((f) => f.group.key === g.key).map((f) => f.name)
			}))
		}),
		buckets: r.insights.buckets,
		leakage: r.leakage.map((w) => w.message),
		generated: Date.now()
	});
	return {
		blob: new Blob([card], { type: 'text/markdown' }),
		fileName: `model-card-${slug(r)}-${isoDay(r.cutoffs.at(-1)!.t)}.md`
	};
}

/** The training, validation and scoring rows with their labels, as CSV. */
export function matrixFile(r: RunResult, matrix: FeatureMatrix): ResultFile {
	return {
		blob: new Blob(matrixCsvParts(matrix), { type: 'text/csv' }),
		fileName: `matrix-${slug(r)}-${isoDay(r.cutoffs.at(-1)!.t)}.csv`
	};
}
