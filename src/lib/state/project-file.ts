// A run's result to and from a project file: the saved model part only, never a profile's
// scores or the data. A result read from a file has no scores until it scores loaded data.
import { NO_FACTORS } from '../engine/explain/profile-factors';
import { NO_GROUPS } from '../engine/explain/profile-groups';
import { dataFingerprint } from '../db/fingerprint';
import type { ScoredProfiles } from '../engine/export/csv';
import { sourceRelation } from '../db/ingest';
import { timestampMagnitude } from '../db/timestamps';
import { needsMagnitude } from '../engine/ingest/plan';
import {
	serialiseProject,
	type DataSummary,
	type SavedModel,
	type ScaleOutSource
} from './project-format';
import type { Segment } from '../engine/profiles/filter';
import type { EventMapping } from '../engine/types';
import type { DataState } from './data.svelte';
import { getDb } from './engines';
import type { RunResult } from './run.svelte';

const NO_PROFILES: ScoredProfiles = {
	customerIds: [],
	probability: new Float32Array(0),
	score: new Uint8Array(0),
	percentile: new Uint8Array(0),
	bucket: [],
	factors: NO_FACTORS,
	groups: NO_GROUPS
};

/** What is loaded, by name and content fingerprint. */
export async function dataSummary(data: DataState): Promise<DataSummary> {
	const report = data.report;
	if (!report) throw new Error('No data is loaded.');
	return {
		files: data.files.map((f) => f.source.fileName),
		profileFile: data.profileSource?.fileName ?? null,
		fingerprint: await dataFingerprint(await getDb()),
		mapping: data.mapping,
		profileIdColumn: data.profileIdColumn,
		events: report.rows,
		profiles: report.profiles,
		start: report.start,
		end: report.end
	};
}

/**
 * What is loaded, as a model trained on it keeps it: with what score.sql needs of the one event
 * file (a model that only scores data never writes score.sql from that data).
 */
export async function trainingDataSummary(data: DataState): Promise<DataSummary> {
	const summary = await dataSummary(data);
	return data.files.length === 1 ? { ...summary, scaleOut: await scaleOutSource(data) } : summary;
}

/** What score.sql needs of the one loaded event file (project-format.ts ScaleOutSource). */
async function scaleOutSource(data: DataState): Promise<ScaleOutSource> {
	const { source, mapping } = data.files[0]!;
	const ts = source.columns.find((c) => c.name === mapping.timestamp);
	const magnitude =
		ts && needsMagnitude(ts, mapping.timestampFormat)
			? await timestampMagnitude(
					await getDb(),
					sourceRelation(source, [mapping.customerId]),
					ts.name
				)
			: 0;
	return {
		sourceColumns: source.columns,
		eventColumns: data.eventColumns,
		profileColumns: data.profileColumns,
		timestampMagnitude: magnitude,
		...(source.nested?.length && { nested: source.nested })
	};
}

/** The part of a result a project file keeps (a project file itself carries more). */
function savedModel(r: SavedModel): SavedModel {
	return {
		spec: r.spec,
		plan: r.plan,
		model: r.model,
		modelId: r.modelId,
		report: r.report,
		features: r.features,
		cutoffs: r.cutoffs,
		counts: r.counts,
		importance: r.importance,
		shapes: r.shapes,
		leakage: r.leakage,
		reference: r.reference,
		trainedOn: r.trainedOn,
		insights: r.insights,
		scoredAt: r.scoredAt,
		backtest: r.backtest,
		...(r.samples && { samples: r.samples })
	};
}

export function projectText(r: RunResult, segments: Segment[], savedAt = new Date()): string {
	return serialiseProject({ ...savedModel(r), savedAt: savedAt.toISOString(), segments });
}

/** A saved model (a project file's, or a result's) without scores: no profiles yet. */
export function unscored(m: SavedModel): RunResult {
	return {
		...savedModel(m),
		profiles: NO_PROFILES,
		order: new Int32Array(0),
		scoredX: new Float32Array(0),
		matrix: null,
		scoredOn: null,
		rescore: null
	};
}

/** What changed between the mapping a model was trained with and the loaded data's. */
export function mappingChanges(before: DataSummary, now: DataSummary): string[] {
	const roles: [keyof EventMapping, string][] = [
		['customerId', 'Customer id'],
		['timestamp', 'Timestamp'],
		['event', 'Event type'],
		['value', 'Value']
	];
	const a = before.mapping;
	const b = now.mapping;
	if (!a || !b) return [];
	const out = roles
		.filter(([k]) => (a[k] ?? null) !== (b[k] ?? null))
		.map(
			([k, label]) => `${label}: column “${a[k] ?? 'none'}” when trained, “${b[k] ?? 'none'}” now.`
		);
	if (before.profileIdColumn !== now.profileIdColumn && before.profileIdColumn)
		out.push(
			`Profile id: column “${before.profileIdColumn}” when trained, “${now.profileIdColumn ?? 'no profile file'}” now.`
		);
	return out;
}
