// The project file: everything needed to read a trained model's insights again and to score new
// data with it — goal, feature plan, model, metrics, segments — and never the raw data (no
// event, no customer id). One JSON document; `parseProject` checks an untrusted one whole (its
// goal, its model's fingerprint, every part's shape and range, how the parts fit together) and
// says what is wrong with it, so a file it returns can be drawn and can score.
import * as v from 'valibot';
import type { Cutoff } from '../engine/cutoffs';
import type { FeatureInfo } from '../engine/explain/factors';
import type { MatrixSamples } from '../engine/features/sample';
import { planFeatures, type FeaturePlanInput } from '../engine/features/spec';
import type { NestedColumn } from '../engine/ingest/nested';
import { parseCustomEvents, parseGoalSpec, shown } from '../engine/goal/validate';
import { fingerprint } from '../engine/hash';
import type { AudienceInsights } from '../engine/insights/summary';
import type { LeakageWarning } from '../engine/leakage';
import type { FeatureReference } from '../engine/metrics/drift';
import type { FoldResult } from '../engine/metrics/backtest';
import type { Segment } from '../engine/profiles/filter';
import type { Importance } from '../engine/scored';
import type { CutoffCounts } from '../engine/trainability';
import type { ColumnInfo, EventMapping, GoalSpec } from '../engine/types';
import type { FeatureShape, ModelReport, ModelState } from '../ml/protocol';
import { projectPartsProblem } from './project-check';
import { firstProblem, MODEL_SCHEMA, PROJECT_SCHEMA } from './project-schema';

export const PROJECT_FORMAT = 'propensity-lab-project';
export const PROJECT_VERSION = 1;

/**
 * What score.sql needs of the one event file a model was trained on, beyond its mapping: the
 * columns as the app read them (names and types only), and the largest absolute time where the
 * timestamp is a number of unknown unit (docs/scale-out.md). With it, a saved project writes
 * score.sql without its data.
 */
export interface ScaleOutSource {
	sourceColumns: ColumnInfo[];
	eventColumns: ColumnInfo[];
	profileColumns: ColumnInfo[] | null;
	timestampMagnitude: number;
	/** Columns the file read from nested fields, and how they nest (Source.nested). */
	nested?: NestedColumn[];
	/**
	 * In projects saved before score.sql read nested fields: their names only, which cannot
	 * say how they nest (score.sql asks to train again).
	 */
	nestedColumns?: string[];
}

/** The data a model was trained on or scored: names and a content fingerprint, not the data. */
export interface DataSummary {
	files: string[];
	profileFile: string | null;
	/** `dataFingerprint` of the loaded events. */
	fingerprint: string;
	mapping: EventMapping | null;
	profileIdColumn: string | null;
	/** Events and distinct customers loaded, and the first and last event time (epoch ms). */
	events: number;
	profiles: number;
	start: number;
	end: number;
	/** Absent when several event files were loaded, and in project files from before it was kept. */
	scaleOut?: ScaleOutSource;
}

/** The report without the validation rows (per-customer scores stay out of the file). */
export type SavedReport = Omit<ModelReport, 'validation'>;

export interface SavedBacktest {
	folds: FoldResult[];
	skipped: string[];
	ms: number;
}

/** What a trained model is, apart from any scores of it. */
export interface SavedModel {
	spec: GoalSpec;
	plan: FeaturePlanInput;
	model: ModelState;
	modelId: string;
	report: SavedReport;
	features: FeatureInfo[];
	cutoffs: Cutoff[];
	counts: CutoffCounts[];
	importance: Importance[];
	shapes: FeatureShape[];
	leakage: LeakageWarning[];
	/** Each feature's distribution among the profiles scored at training (for drift checks). */
	reference: FeatureReference[];
	trainedOn: DataSummary;
	/** The audience as scored when the project was saved (aggregates only). */
	insights: AudienceInsights;
	/** The cutoff those insights were scored at. */
	scoredAt: number;
	backtest: SavedBacktest | null;
	/**
	 * The samples of customers the model learned and was validated on, when drawn (absent in
	 * project files from before samples were kept: read as none said).
	 */
	samples?: MatrixSamples;
}

export interface ProjectFile extends SavedModel {
	format: typeof PROJECT_FORMAT;
	version: typeof PROJECT_VERSION;
	savedAt: string;
	segments: Segment[];
}

export class ProjectFileError extends Error {
	/** What is wrong, without the advice (for messages that give their own). */
	readonly problem: string;
	constructor(message: string, problem = message) {
		super(message);
		this.name = 'ProjectFileError';
		this.problem = problem;
	}
}

/** The project as JSON; a report's validation rows (per-customer scores) are left out. */
export function serialiseProject(p: Omit<ProjectFile, 'format' | 'version'>): string {
	// eslint-disable-next-line @typescript-eslint/no-unused-vars -- dropped on purpose
	const { validation, ...report } = p.report as SavedReport & { validation?: unknown };
	return JSON.stringify({ format: PROJECT_FORMAT, version: PROJECT_VERSION, ...p, report });
}

type Json = Record<string, unknown>;

function isObject(x: unknown): x is Json {
	return typeof x === 'object' && x !== null && !Array.isArray(x);
}

const DAMAGED = 'This project file is damaged';

function damaged(what: string): never {
	throw new ProjectFileError(
		`${DAMAGED}: ${what}. Save the project again and reopen it.`,
		`it is damaged: ${what}`
	);
}

function need(ok: boolean, what: string): void {
	if (!ok) damaged(what);
}

/** The model, checked: its shape, then the fingerprint it was saved with. */
function checkModel(p: Json): ModelState {
	const m = v.safeParse(MODEL_SCHEMA, p.model);
	if (!m.success) damaged(`its model is incomplete (model.${firstProblem(m.issues)})`);
	need(
		fingerprint(JSON.stringify(p.model)) === p.modelId,
		'its model does not match the fingerprint it was saved with (it was changed or cut short)'
	);
	// The model as saved, not valibot's copy: its key order is what the fingerprint covers.
	return p.model as ModelState;
}

/** A project file's text, checked; throws a ProjectFileError that says what is wrong. */
export function parseProject(text: string): ProjectFile {
	let p: unknown;
	try {
		p = JSON.parse(text);
	} catch {
		throw new ProjectFileError(
			`${DAMAGED}: it is not valid JSON (it may be cut short). Save the project again and reopen it.`,
			'it is damaged: it is not valid JSON (it may be cut short)'
		);
	}
	if (!isObject(p) || p.format !== PROJECT_FORMAT)
		throw new ProjectFileError(
			'This is not a Propensity Lab project file. Open a file made with “Save project” (it ends in .propensity.json).'
		);
	if (typeof p.version === 'number' && p.version > PROJECT_VERSION)
		throw new ProjectFileError(
			`This project was saved by a newer version of Propensity Lab (project format ${p.version}; ` +
				`this page reads format ${PROJECT_VERSION}). Open it with the newer version.`
		);
	need(p.version === PROJECT_VERSION, `its format version ${shown(p.version)} is unknown`);
	let spec: GoalSpec;
	let customEvents: FeaturePlanInput['customEvents'] = [];
	try {
		spec = parseGoalSpec(p.spec);
		if (isObject(p.plan))
			customEvents = parseCustomEvents(p.plan.customEvents, 'plan.customEvents');
	} catch (e) {
		damaged(`its goal is invalid (${e instanceof Error ? e.message : String(e)})`);
	}
	const model = checkModel(p);
	const parts = v.safeParse(PROJECT_SCHEMA, p);
	if (!parts.success) damaged(firstProblem(parts.issues));
	const checked = { ...parts.output, plan: { ...parts.output.plan, customEvents } };
	const problem = projectPartsProblem(checked, model);
	if (problem) damaged(problem);
	// The plan makes these features (checked above); each one's group is the plan's.
	const planned = planFeatures(checked.plan);
	const features = checked.features.map((f, j) => ({ ...f, group: planned[j]!.group }));
	return { format: PROJECT_FORMAT, version: PROJECT_VERSION, ...checked, features, spec, model };
}
