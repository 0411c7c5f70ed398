// score.sql: one script that scores every customer of an events table where it lives, with the
// saved feature plan and model, and leaves table `propensity_scores` in the output schema
// (docs/output-schema.md, docs/scale-out.md). The features are the app's own matrix SQL at one
// cutoff (engine/features), the model is model-sql.ts; parameters sit at the top, each with a
// comment. Every value in it is written by the dialect: nothing from the data is pasted raw.
import { DAY_MS, isoDay, startOfUtcDay } from '../cutoffs';
import { buildFeatureMatrixQuery } from '../features/matrix';
import { planFeatures, type FeatureDef, type FeaturePlanInput } from '../features/spec';
import { eligibleAttributes } from '../goal/read';
import { eventsSelectSql, profilesSelectSql } from '../ingest/plan';
import { writeParams } from '../sql/fragment';
import { COL, type ColumnInfo, type EventMapping, type GoalSpec } from '../types';
import type { NestedColumn } from '../ingest/nested';
import type { Dialect } from '../sql/dialect';
import { modelSelect, type ScoringModel } from './model-sql';
import { outputSql } from './output-sql';

export interface ScoreSqlInput {
	dialect: Dialect;
	spec: GoalSpec;
	/** The saved feature plan and the features it gave (FeatureMatrix.plan, .features). */
	plan: FeaturePlanInput;
	features: FeatureDef[];
	/** Columns of the app's events table (canonical and source, as conditions name them). */
	eventColumns: ColumnInfo[];
	/** How the source's columns map to ours, and the source's columns as the app read them. */
	mapping: EventMapping;
	sourceColumns: ColumnInfo[];
	/** For Unix times without a format: the largest absolute value, which tells the unit. */
	timestampMagnitude?: number;
	/** Source columns the app read from nested fields, and how they nest (Source.nested). */
	nested?: NestedColumn[];
	model: ScoringModel;
	modelId: string;
	/** The events: a table name, or (the bench) a relation such as `read_csv('events.csv')`. */
	source: { table: string } | { relation: string };
	/** ISO day the features are built at (events before it), or null: the day after the last event. */
	scoringDate: string | null;
	/**
	 * Default `propensity_scores`, beside the events table where it is named with a schema
	 * (`crm.events` gives `crm.propensity_scores`; BigQuery needs a dataset).
	 */
	outputTable?: string;
	/**
	 * The profile table, where the model or the eligible population reads attributes: its
	 * source, its id column and the columns of the app's profile table.
	 */
	profiles?: {
		source: { table: string } | { relation: string };
		customerId: string;
		columns: ColumnInfo[];
	};
}

export const OUTPUT_TABLE = 'propensity_scores';

/** Whether the model or the eligible population reads profile attributes. */
export function needsProfiles(spec: GoalSpec, features: FeatureDef[]): boolean {
	return (
		features.some((f) => f.stage === 'profile') ||
		(!!spec.eligible && eligibleAttributes(spec.eligible).length > 0)
	);
}

/**
 * The saved plan's features with their SQL in the script's dialect: the same features in the
 * same order as the model was trained on, or an error.
 */
function plannedIn(input: ScoreSqlInput): FeatureDef[] {
	const planned = planFeatures(input.plan, input.dialect);
	const same =
		planned.length === input.features.length &&
		planned.every((f, j) => f.key === input.features[j]!.key);
	if (!same)
		throw new Error(
			'The saved feature plan no longer gives the features this model was trained on: train again, then write score.sql.'
		);
	return planned;
}

/**
 * Why `date` (YYYY-MM-DD) cannot score the data, or null. `range` is the time span (epoch ms) of
 * the events the model was trained on, a sample of the same table: a date on or before its
 * first day leaves features no event to see, and one more than a lookback past its last day
 * leaves every customer without an event in the lookback, so no one would be scored.
 */
export function scoringDateProblem(
	date: string,
	range: { start: number; end: number },
	lookbackDays: number
): string | null {
	const t = Date.parse(date);
	const first = isoDay(range.start);
	const latest = isoDay(startOfUtcDay(range.end) + (lookbackDays + 1) * DAY_MS);
	const choose = `Choose a day after ${first} and up to ${latest}, or leave it empty to score the day after the last event.`;
	if (!isFinite(t)) return `The scoring date "${date}" is not a date (YYYY-MM-DD).`;
	if (t <= startOfUtcDay(range.start))
		return `The scoring date ${date} is not after the first event (${first}): features would see no events. ${choose}`;
	if (date > latest)
		return `The scoring date ${date} is more than the ${lookbackDays}-day lookback after the last event (${isoDay(range.end)}): no customer would have an event to score on. ${choose}`;
	return null;
}

function assertScorable(input: ScoreSqlInput): void {
	if (needsProfiles(input.spec, input.features) && !input.profiles)
		throw new Error(
			'This model reads profile attributes: name the profile table too (with the columns of the profile file the app loaded).'
		);
	if (input.scoringDate !== null && !/^\d{4}-\d{2}-\d{2}$/.test(input.scoringDate))
		throw new Error(`The scoring date "${input.scoringDate}" is not a date (YYYY-MM-DD).`);
	if (input.model.basis.standardiser.means.length !== input.features.length)
		throw new Error('The model and the feature plan do not match: save the project again.');
}

/** The feature query at the scoring cutoff, over `propensity_events` (as CTE `events`). */
function featuresSql(input: ScoreSqlInput): string {
	const d = input.dialect;
	const q = buildFeatureMatrixQuery({
		dialect: d,
		spec: input.spec,
		eventColumns: input.eventColumns,
		profileColumns: input.profiles?.columns ?? null,
		cutoffs: [{ t: 0, role: 'score' }],
		eventTypes: input.plan.eventTypes,
		features: plannedIn(input),
		isCutoffInSql: true
	});
	// The first parameter is the cutoff (cutoffsCte comes first): read from propensity_cutoff.
	if (q.params[0] !== 0 || q.params[1] !== 'score') throw new Error('unexpected feature query');
	let k = 0;
	const sql = writeParams(q, (p) =>
		k++ === 0 ? '(SELECT __cutoff_t FROM propensity_cutoff)' : d.literal(p)
	);
	if (!sql.startsWith('WITH ')) throw new Error('unexpected feature query');
	const tables = ['events AS (SELECT * FROM propensity_events)'];
	if (input.profiles) tables.push('profiles AS (SELECT * FROM propensity_profiles)');
	return `WITH ${tables.join(', ')},\n${sql.slice('WITH '.length)}`;
}

/**
 * The events source with each nested field the app flattened as a column of its flat name
 * (`commerce.order.priceTotal`), read from the table's nested columns by the dialect.
 */
function flattened(input: ScoreSqlInput): string {
	const d = input.dialect;
	const nested = input.nested ?? [];
	if (!nested.length) return 'propensity_source';
	const types = new Map(input.sourceColumns.map((c) => [c.name, c.type]));
	const reads = nested.map(
		(c) => `${d.nestedField(c.steps, types.get(c.name) ?? 'VARCHAR')} AS ${d.ident(c.name)}`
	);
	return `(SELECT *, ${reads.join(', ')} FROM propensity_source) AS __flattened`;
}

/** `propensity_scores`, in the events table's schema (not in DuckDB, whose tables may be files). */
export function defaultOutputTable(
	d: Dialect,
	source: { table: string } | { relation: string }
): string {
	if (d.name === 'duckdb' || !('table' in source)) return OUTPUT_TABLE;
	const parts = source.table.split('.');
	return [...parts.slice(0, -1), OUTPUT_TABLE].join('.');
}

export function scoreSql(input: ScoreSqlInput): string {
	assertScorable(input);
	const d = input.dialect;
	const relation = (s: { table: string } | { relation: string }) =>
		'table' in s ? d.table(s.table) : s.relation;
	const source = relation(input.source);
	const p = input.profiles;
	const out = d.table(input.outputTable ?? defaultOutputTable(d, input.source));
	const date =
		input.scoringDate === null ? d.cast('NULL', 'DATE') : `DATE ${d.literal(input.scoringDate)}`;
	const cols = input.features.length;
	const header = [
		`-- Propensity scores for every customer: ${input.spec.name.replace(/\s+/g, ' ')} (${input.spec.kind}), model ${input.modelId}.`,
		`-- Written by Propensity Lab for ${d.title}. Run the whole file ${d.howToRun};`,
		`-- it leaves table ${out}`,
		'-- (docs/output-schema.md). Features see only events before the scoring date.',
		'--',
		'-- Parameters:',
		'-- 1. The events table (one row per event), with the columns the app mapped.',
		d.createView('propensity_source', `SELECT * FROM ${source}`),
		...(p
			? [
					`--    The profile table (one row per customer; on repeated ids one row is taken).`,
					d.createView('propensity_profile_source', `SELECT * FROM ${relation(p.source)}`)
				]
			: []),
		'-- 2. The scoring date (YYYY-MM-DD): features see the events before it. NULL: the day',
		'--    after the last event, as the app scores.',
		d.createTable('propensity_params', `SELECT ${date} AS scoring_date`, true),
		`-- 3. The output table: ${out}, in the last statement.`,
		''
	];
	const canonical = eventsSelectSql(
		flattened(input),
		input.mapping,
		input.sourceColumns,
		input.timestampMagnitude ?? 0,
		d
	);
	const preamble = d.preamble();
	const [id, t] = [d.ident(COL.customerId), d.ident(COL.t)];
	const lastDay = `(${d.intDiv(`max(${t})`, '86400000')} + 1) * 86400000`;
	return [
		...header,
		...(preamble.length ? [...preamble, ''] : []),
		'-- The events in our columns; rows without a customer id or a readable time are left out, as the app does.',
		d.createView(
			'propensity_events',
			`SELECT ${d.cast('0', 'SMALLINT')} AS __file, * FROM (${canonical}) AS __mapped ` +
				`WHERE ${id} IS NOT NULL AND ${t} IS NOT NULL`
		),
		...(p
			? [
					d.createView(
						'propensity_profiles',
						profilesSelectSql('propensity_profile_source', p.customerId, d)
					)
				]
			: []),
		'-- The scoring cutoff in epoch milliseconds (the start of a UTC day).',
		d.createTable(
			'propensity_cutoff',
			`SELECT coalesce((SELECT ${d.epochMs(d.cast('scoring_date', 'TIMESTAMP'))} FROM propensity_params), ` +
				`(SELECT ${lastDay} FROM propensity_events)) AS __cutoff_t`,
			true
		),
		'',
		`-- The ${cols} features of the saved plan, for every eligible customer at the scoring date.`,
		d.createTable('propensity_features', featuresSql(input), true),
		'',
		`-- The model (${input.model.basis.owner.length} basis columns): each feature's contribution and the calibrated probability.`,
		d.createTable(
			'propensity_scored',
			modelSelect(d, input.model, cols, 'propensity_features'),
			true
		),
		'',
		'-- Score, percentile and bucket over everyone scored, and the three largest factors.',
		d.createTable(
			out,
			outputSql(d, { features: input.features, kind: input.spec.kind, modelId: input.modelId }),
			false
		),
		''
	].join('\n');
}
