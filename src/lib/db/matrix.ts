// Builds the feature matrix for a goal: chooses cutoffs from the data's time span, plans the
// features, runs the one matrix query and hands back typed arrays ready to transfer to the ML
// worker. (The goal step's live counts run the same query without features: goal-check.ts.)
import {
	DAY_MS,
	planCutoffs,
	scoringCutoff,
	type Cutoff,
	type CutoffRole
} from '../engine/cutoffs';
import {
	buildFeatureMatrixQuery,
	type FeatureMatrix,
	type Partition
} from '../engine/features/matrix';
import { planFeatures, TOP_EVENT_TYPES, type FeaturePlanInput } from '../engine/features/spec';
import { planProblems } from '../engine/features/plan-check';
import {
	trainingSample,
	TRAINING_ROW_BUDGET,
	VALIDATION_ROW_BUDGET,
	type MatrixSamples
} from '../engine/features/sample';
import { InputError } from './ingest';
import { isNumericType, isTemporalType } from '../engine/goal/compile';
import { quoteIdent } from '../engine/sql/quote';
import {
	COL,
	EVENTS_TABLE,
	isReservedColumn,
	PROFILES_TABLE,
	type ColumnInfo,
	type EligibleRule,
	type GoalSpec
} from '../engine/types';
import { queryMatrixRows, partsFor, ROWS_PER_PART } from './matrix-rows';
import { firstRow, toRows } from './rows';
import type { Db } from './types';

export interface DataContext {
	eventColumns: ColumnInfo[];
	profileColumns: ColumnInfo[] | null;
}

export { TOP_EVENT_TYPES };
const TOP_CATEGORIES = 5;

export async function dataRange(db: Db): Promise<{ start: number; end: number }> {
	const r = firstRow(
		await db.query(
			`SELECT min(${quoteIdent(COL.t)}) AS s, max(${quoteIdent(COL.t)}) AS e FROM ${EVENTS_TABLE}`
		)
	);
	return { start: Number(r.s), end: Number(r.e) };
}

export async function topEventTypes(db: Db, k = TOP_EVENT_TYPES): Promise<string[]> {
	const ev = quoteIdent(COL.event);
	const rows = toRows(
		await db.query(
			`SELECT ${ev} AS e FROM ${EVENTS_TABLE} WHERE ${ev} IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT ${k}`
		)
	);
	return rows.length > 1 ? rows.map((r) => String(r.e)) : [];
}

async function attributeColumns(db: Db, spec: GoalSpec, profileColumns: ColumnInfo[] | null) {
	const wanted = spec.profileAttributes ?? [];
	if (wanted.length === 0) return [];
	if (!profileColumns)
		throw new Error(
			`The goal uses profile attributes (${wanted.join(', ')}) but no profile file is loaded.`
		);
	const out: { column: ColumnInfo; categories: string[] }[] = [];
	for (const name of wanted) {
		const column = profileColumns.find((c) => c.name === name && !isReservedColumn(c.name));
		if (!column) throw new Error(`The profile file has no attribute "${name}".`);
		let categories: string[] = [];
		if (!isNumericType(column.type) && !isTemporalType(column.type)) {
			const c = quoteIdent(name);
			// Categories covering at least 1 % of profiles; rarer ones (and ids, emails) carry no signal.
			const rows = toRows(
				await db.query(
					`SELECT CAST(${c} AS VARCHAR) AS v FROM ${PROFILES_TABLE} WHERE ${c} IS NOT NULL GROUP BY 1 ` +
						`HAVING count(*) >= 0.01 * (SELECT count(*) FROM ${PROFILES_TABLE}) ORDER BY count(*) DESC, 1 LIMIT ${TOP_CATEGORIES}`
				)
			);
			categories = rows.map((r) => String(r.v));
		}
		out.push({ column, categories });
	}
	return out;
}

/**
 * Told before each customer partition of the matrix query (`done` of `parts` finished), so the
 * caller can show progress with an estimate and stop between parts by throwing.
 */
export type PartsProgress = (done: number, parts: number) => void;

/** What the features of a goal are planned from, read from the loaded data. */
export async function featurePlanInput(
	db: Db,
	spec: GoalSpec,
	ctx: DataContext
): Promise<FeaturePlanInput> {
	return {
		lookbackDays: spec.lookbackDays,
		eventTypes: await topEventTypes(db),
		customEvents: spec.customEvents ?? [],
		...(await eventTraits(db)),
		attributes: await attributeColumns(db, spec, ctx.profileColumns),
		...(spec.names?.length && { names: spec.names })
	};
}

/** Whether the events carry values, and times of day (not only dates). */
async function eventTraits(db: Db): Promise<{ hasValue: boolean; hasTime: boolean }> {
	const tCol = quoteIdent(COL.t);
	const has = firstRow(
		await db.query(
			`SELECT count(${quoteIdent(COL.value)}) > 0 AS v, coalesce(bool_or(${tCol} % 86400000 <> 0), FALSE) AS h FROM ${EVENTS_TABLE}`
		)
	);
	return { hasValue: Boolean(has.v), hasTime: Boolean(has.h) };
}

/** Which of the event types a model knows the loaded data lacks. */
export async function missingEventTypes(db: Db, types: string[]): Promise<string[]> {
	if (!types.length) return [];
	const ev = quoteIdent(COL.event);
	const present = toRows(
		await db.query(
			`SELECT DISTINCT ${ev} AS e FROM ${EVENTS_TABLE} WHERE ${ev} IN (${types.map(() => '?').join(', ')})`,
			types
		)
	).map((r) => String(r.e));
	return types.filter((t) => !present.includes(t));
}

/**
 * At most how many rows each cutoff can give: the customers whose first event is before it and
 * whose last is within the horizon before it: the lookback (or a longer eligibility window), or
 * the shorter window within which the eligibility rule needs an event. Exact but for customers
 * with a gap longer than the horizon; one pass over the events, so it is cheap next to the matrix.
 */
export async function cutoffRowsBound(
	db: Db,
	spec: GoalSpec,
	cutoffs: Cutoff[]
): Promise<number[]> {
	if (cutoffs.length === 0) return [];
	const seen = Math.max(spec.lookbackDays, ...eligibleWindows(spec.eligible));
	const horizon = Math.min(seen, spec.eligible ? neededWithin(spec.eligible) : seen) * DAY_MS;
	const counts = cutoffs.map(
		(_, i) => `count_if(first_t < ? AND last_t >= CAST(? AS BIGINT) - ${horizon}) AS n${i}`
	);
	const t = quoteIdent(COL.t);
	const r = firstRow(
		await db.query(
			`SELECT ${counts.join(', ')} FROM (SELECT min(${t}) AS first_t, max(${t}) AS last_t FROM ${EVENTS_TABLE} GROUP BY ${quoteIdent(COL.customerId)})`,
			cutoffs.flatMap((c) => [c.t, c.t])
		)
	);
	return cutoffs.map((_, i) => Number(r[`n${i}`]));
}

/** The part of `bounds` (one per cutoff) that belongs to the cutoffs of `role`. */
function rowsOfRole(bounds: number[], cutoffs: Cutoff[], role: CutoffRole): number {
	return bounds.reduce((sum, n, i) => sum + (cutoffs[i]!.role === role ? n : 0), 0);
}

/** At most how many rows the cutoffs of `role` can give (see cutoffRowsBound). */
export async function roleRowsBound(
	db: Db,
	spec: GoalSpec,
	cutoffs: Cutoff[],
	role: CutoffRole
): Promise<number> {
	return rowsOfRole(await cutoffRowsBound(db, spec, cutoffs), cutoffs, role);
}

/** At most how many rows the training cutoffs can give (see cutoffRowsBound). */
export function trainingRowsBound(db: Db, spec: GoalSpec, cutoffs: Cutoff[]): Promise<number> {
	return roleRowsBound(db, spec, cutoffs, 'train');
}

const NO_SAMPLES: MatrixSamples = { train: null, validation: null };

/** At most how many rows the matrix holds, with the samples drawn. */
function matrixRowsBound(bounds: number[], cutoffs: Cutoff[], samples: MatrixSamples): number {
	const share = (i: number) => {
		const role = cutoffs[i]!.role;
		return role === 'score' ? 1 : (samples[role]?.share ?? 1);
	};
	return bounds.reduce((sum, n, i) => sum + n * share(i), 0);
}

/** The `withinDays` of every had / had-not rule. */
function eligibleWindows(rule: EligibleRule | null | undefined): number[] {
	if (!rule) return [];
	if ('all' in rule) return rule.all.flatMap(eligibleWindows);
	if ('any' in rule) return rule.any.flatMap(eligibleWindows);
	return 'withinDays' in rule ? [rule.withinDays] : [];
}

/**
 * Within how many days before a cutoff a customer must have had some event for `rule` to hold
 * (Infinity where it may hold without one: a had-not rule, an attribute, an empty rule).
 */
function neededWithin(rule: EligibleRule): number {
	if ('all' in rule) return Math.min(Infinity, ...rule.all.map(neededWithin));
	if ('any' in rule) return rule.any.length ? Math.max(...rule.any.map(neededWithin)) : Infinity;
	return 'had' in rule ? rule.withinDays : Infinity;
}

export interface MatrixOptions {
	onPart?: PartsProgress;
	/** Training rows before a training sample is drawn (engine/features/sample.ts). */
	budget?: number;
	/** Validation rows before the validation cutoff is sampled. */
	validationBudget?: number;
	/** Matrix rows per customer partition (matrix-rows.ts). */
	rowsPerPart?: number;
}

/**
 * The feature matrix of a goal: every cutoff, with a sample of customers where the training or
 * the validation cutoffs would give more rows than their budgets (see engine/features/sample.ts),
 * built in customer partitions of about `rowsPerPart` rows (see matrix-rows.ts).
 */
export async function buildMatrix(
	db: Db,
	spec: GoalSpec,
	ctx: DataContext,
	options: MatrixOptions = {}
): Promise<FeatureMatrix> {
	const cutoffs = await goalCutoffs(db, spec);
	const bounds = await cutoffRowsBound(db, spec, cutoffs);
	const samples = {
		train: trainingSample(
			rowsOfRole(bounds, cutoffs, 'train'),
			options.budget ?? TRAINING_ROW_BUDGET
		),
		validation: trainingSample(
			rowsOfRole(bounds, cutoffs, 'validation'),
			options.validationBudget ?? VALIDATION_ROW_BUDGET
		)
	};
	const plan = await featurePlanInput(db, spec, ctx);
	return runMatrixQuery(db, spec, ctx, cutoffs, plan, bounds, samples, options);
}

/** The cutoffs of a goal on the loaded events (planCutoffs over the data's time span). */
export async function goalCutoffs(db: Db, spec: GoalSpec): Promise<Cutoff[]> {
	const range = await dataRange(db);
	return planCutoffs({
		dataStart: range.start,
		dataEnd: range.end,
		outcomeWindowDays: spec.outcomeWindowDays,
		lookbackDays: spec.lookbackDays,
		scoringCutoff: spec.scoringCutoff ?? null
	}).cutoffs;
}

/**
 * The matrix of the scoring cutoff only, with the features a saved model was trained on (its
 * plan, not one read from this data), so the model can score newer data without retraining.
 */
export async function buildScoringMatrix(
	db: Db,
	spec: GoalSpec,
	plan: FeaturePlanInput,
	ctx: DataContext,
	onPart?: PartsProgress
): Promise<FeatureMatrix> {
	const problems = planProblems(plan, ctx, (await eventTraits(db)).hasValue);
	if (problems.length)
		throw new InputError(`The saved model cannot score this data: ${problems.join(' ')}`);
	const range = await dataRange(db);
	const t = scoringCutoff(range.end, spec.scoringCutoff);
	try {
		const cutoffs: Cutoff[] = [{ t, role: 'score' }];
		const bounds = await cutoffRowsBound(db, spec, cutoffs);
		return await runMatrixQuery(db, spec, ctx, cutoffs, plan, bounds, NO_SAMPLES, { onPart });
	} catch (e) {
		// The goal and custom events name columns; a file without them fails to compile here.
		throw new InputError(
			`The saved model cannot score this data: ${e instanceof Error ? e.message : String(e)}`
		);
	}
}

async function runMatrixQuery(
	db: Db,
	spec: GoalSpec,
	ctx: DataContext,
	cutoffs: Cutoff[],
	plan: FeaturePlanInput,
	bounds: number[],
	samples: MatrixSamples,
	options: MatrixOptions
): Promise<FeatureMatrix> {
	const features = planFeatures(plan);
	const parts = partsFor(
		matrixRowsBound(bounds, cutoffs, samples),
		options.rowsPerPart ?? ROWS_PER_PART
	);
	const query = (partition: Partition | undefined) =>
		buildFeatureMatrixQuery({
			spec,
			eventColumns: ctx.eventColumns,
			profileColumns: ctx.profileColumns,
			cutoffs,
			eventTypes: plan.eventTypes,
			features,
			...(samples.train && { sampleShare: samples.train.share }),
			...(samples.validation && { validationShare: samples.validation.share }),
			...(partition && { partition })
		});
	const m = await queryMatrixRows(db, query, parts, features.length, options.onPart);
	return {
		plan,
		features,
		cutoffs,
		...m,
		cols: features.length,
		sample: samples.train,
		validationSample: samples.validation
	};
}
