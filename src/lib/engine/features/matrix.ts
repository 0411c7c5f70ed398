// Builds the one query that yields the feature matrix: one row per (eligible profile, cutoff)
// with its label (NULL at the scoring cutoff) and every feature of `planFeatures`. Features see
// only events with t < cutoff; labels only cutoff <= t < cutoff + window. Times are epoch ms.
import { compileComparison, compileCondition, resolveField } from '../goal/compile';
import { DAY_MS, type Cutoff, type CutoffRole } from '../cutoffs';
import type { Dialect } from '../sql/dialect';
import { DUCKDB } from '../sql/duckdb';
import { frag, joinFrags } from '../sql/fragment';
import { intLiteral, quoteIdent } from '../sql/quote';
import {
	COL,
	EVENTS_TABLE,
	PROFILES_TABLE,
	type ColumnInfo,
	type Condition,
	type EligibleRule,
	type GoalSpec,
	type SqlFragment
} from '../types';
import { aggWhere, countWhere, firstOfDayColumns } from './aggregates';
import { inSample, type TrainingSample } from './sample';
import { customEventFlag, eventTypeFlag, type FeatureDef, type FeaturePlanInput } from './spec';

/** The matrix query's result as typed arrays, ready to transfer to the ML worker. */
export interface FeatureMatrix {
	/** What `features` were planned from (kept with a model, to build the same ones again). */
	plan: FeaturePlanInput;
	features: FeatureDef[];
	cutoffs: Cutoff[];
	/** Per row: index into `cutoffs`. */
	cutoffIndex: Int32Array;
	customerIds: string[];
	/** Per row: 1/0, or -1 at the scoring cutoff (unknown yet). */
	labels: Int8Array;
	/** Row-major rows × cols raw feature values (NaN = missing). */
	x: Float32Array;
	rows: number;
	cols: number;
	/** The training sample, when the training cutoffs' rows are a sample of customers' (null: all). */
	sample: TrainingSample | null;
	/** The validation cutoff's sample of customers, past its own budget (null: all). */
	validationSample: TrainingSample | null;
}

export interface MatrixQueryInput {
	spec: GoalSpec;
	/** Columns of the `events` table (canonical and source). */
	eventColumns: ColumnInfo[];
	/** Columns of the `profiles` table, or null when no profile file is loaded. */
	profileColumns: ColumnInfo[] | null;
	cutoffs: Cutoff[];
	eventTypes: string[];
	features: FeatureDef[];
	/** Share of customers whose rows are built at the training cutoffs (absent: all). */
	sampleShare?: number;
	/** Share of customers whose rows are built at the validation cutoff (absent: all). */
	validationShare?: number;
	/** Only the customers of one hash partition (absent: all); see db/matrix-rows.ts. */
	partition?: Partition;
	/**
	 * Read the first cutoff of each role from the `cutoffs` CTE instead of writing it in as a
	 * number: for a script whose scoring date is a parameter (scale-out/score-sql.ts).
	 */
	isCutoffInSql?: boolean;
	/**
	 * How the engine spells the query (default: the app's DuckDB); `features` must have been
	 * planned in the same dialect. Samples and partitions are the app's own, DuckDB only.
	 */
	dialect?: Dialect;
}

export interface Partition {
	index: number;
	count: number;
}

/** Whether a customer is in partition `p`: a hash of the id other than the sample's. */
function inPartition(p: Partition): SqlFragment {
	return frag(
		`hash(${quoteIdent(COL.customerId)}, 1) % ${intLiteral(p.count)} = ${intLiteral(p.index)}`
	);
}

/** Output column names: `__cutoff_idx`, `customer_id`, `label`, then `f0`…`f{n-1}`. */
export function featureColumn(j: number): string {
	return `f${j}`;
}

interface HadRule {
	cond: Condition;
	withinDays: number;
}

/** Collects the time-bounded rules (each becomes a flag per event and an aggregate per profile). */
function collectHad(rule: EligibleRule | null | undefined, out: HadRule[] = []): HadRule[] {
	if (!rule) return out;
	if ('all' in rule) rule.all.forEach((r) => collectHad(r, out));
	else if ('any' in rule) rule.any.forEach((r) => collectHad(r, out));
	else if ('had' in rule) out.push({ cond: rule.had, withinDays: rule.withinDays });
	else if ('notHad' in rule) out.push({ cond: rule.notHad, withinDays: rule.withinDays });
	return out;
}

function compileEligible(
	d: Dialect,
	rule: EligibleRule,
	profileColumns: ColumnInfo[] | null,
	counter: { i: number }
): SqlFragment {
	if ('all' in rule || 'any' in rule) {
		const isAll = 'all' in rule;
		const parts = isAll ? rule.all : rule.any;
		if (parts.length === 0) return frag(isAll ? 'TRUE' : 'FALSE');
		const joined = joinFrags(
			parts.map((r) => compileEligible(d, r, profileColumns, counter)),
			isAll ? ' AND ' : ' OR '
		);
		return frag(`(${joined.sql})`, joined.params);
	}
	if ('had' in rule) return frag(`f.__elig${counter.i++}`);
	if ('notHad' in rule) return frag(`NOT f.__elig${counter.i++}`);
	if (!profileColumns)
		throw new Error(
			`The eligible population uses the profile attribute "${rule.attribute}", but no profile file is loaded. Load one, or remove that rule.`
		);
	const field = resolveField(rule.attribute, profileColumns, 'p', d);
	const cmp = compileComparison(field, rule, rule.attribute, d);
	return frag(`coalesce(${cmp.sql}, FALSE)`, cmp.params);
}

function cutoffsCte(d: Dialect, cutoffs: Cutoff[]): SqlFragment {
	const rows = cutoffs.map((_, i) => [String(i), d.cast('?', 'BIGINT'), '?']);
	return frag(
		`cutoffs AS (${d.values(['__cutoff_idx', '__cutoff_t', '__role'], rows)})`,
		cutoffs.flatMap((c) => [c.t, c.role])
	);
}

/**
 * The events some row of the matrix needs: those from `horizonDays` before the first cutoff of
 * each role on (features before a cutoff, labels after it), of that role's sampled customers.
 * The rest (older history, and unsampled customers' events that only the sampled cutoffs would
 * see) never reach a row, and leaving them out before the first-of-day sort halves it when the
 * training cutoffs are sampled. Bounds are whole days, so each kept day is kept whole.
 */
function neededEvents(d: Dialect, input: MatrixQueryInput, horizonDays: number): SqlFragment {
	const shares = new Map(sampledRoles(input));
	const roles = [...new Set(input.cutoffs.map((c) => c.role))];
	const terms = roles.map((role) => {
		const first = Math.min(...input.cutoffs.filter((c) => c.role === role).map((c) => c.t));
		const since = input.isCutoffInSql
			? frag(
					`${d.ident(COL.t)} >= (SELECT min(__cutoff_t) FROM cutoffs WHERE __role = '${role}') - ${intLiteral(horizonDays * DAY_MS)}`
				)
			: frag(`${d.ident(COL.t)} >= ${intLiteral(first - horizonDays * DAY_MS)}`);
		const share = shares.get(role);
		if (share === undefined) return since;
		const sample = inSample(EVENTS_TABLE, share);
		return frag(`(${since.sql} AND ${sample.sql})`, sample.params);
	});
	const any = joinFrags(terms, ' OR ');
	return frag(`(${any.sql})`, any.params);
}

/** Per-event flags, computed once before the join with cutoffs. */
function eventsCte(
	d: Dialect,
	input: MatrixQueryInput,
	had: HadRule[],
	horizonDays: number
): SqlFragment {
	const { spec, eventColumns: cols } = input;
	const flags: SqlFragment[] = [
		frag(
			`${d.ident(COL.customerId)}, ${d.ident(COL.t)}, ${d.ident(COL.event)}, ${d.ident(COL.value)}`
		)
	];
	const add = (cond: SqlFragment, name: string) =>
		flags.push(frag(`${cond.sql} AS ${name}`, cond.params));
	add(compileCondition(spec.goal, cols, '', d), '__goal');
	input.eventTypes.forEach((type, i) =>
		add(frag(`coalesce(${d.ident(COL.event)} = ?, FALSE)`, [type]), eventTypeFlag(i))
	);
	(spec.customEvents ?? []).forEach((ce, i) =>
		add(compileCondition(ce.when, cols, '', d), customEventFlag(i))
	);
	had.forEach((h, i) => add(compileCondition(h.cond, cols, '', d), `__h${i}`));
	flags.push(frag(`${d.intDiv(d.ident(COL.t), String(DAY_MS))} AS __day`));
	const select = joinFrags(flags, ', ');
	const exclude = spec.exclude ? compileCondition(spec.exclude, cols, '', d) : null;
	const where = joinFrags(
		[
			...(exclude ? [frag(`NOT (${exclude.sql})`, exclude.params)] : []),
			...(input.partition ? [inPartition(input.partition)] : []),
			...(input.cutoffs.length ? [neededEvents(d, input, horizonDays)] : [])
		],
		' AND '
	);
	const firsts = firstOfDayColumns(
		d.ident(COL.customerId),
		input.eventTypes.length ? d.ident(COL.event) : null,
		(spec.customEvents ?? []).map((_, i) => customEventFlag(i)),
		input.features.map((f) => f.sql.sql).join('\n')
	);
	return frag(
		`ev_flags AS (SELECT ${select.sql} FROM ${EVENTS_TABLE}${where.sql ? ` WHERE ${where.sql}` : ''}), ` +
			`ev AS (SELECT *${firsts.map((f) => `, ${f}`).join('')} FROM ev_flags)`,
		[...select.params, ...where.params]
	);
}

/** The cutoff roles whose rows are a sample of customers, each with its share. */
function sampledRoles(input: MatrixQueryInput): [CutoffRole, number][] {
	const roles: [CutoffRole, number | undefined][] = [
		['train', input.sampleShare],
		['validation', input.validationShare]
	];
	return roles.filter((r): r is [CutoffRole, number] => r[1] !== undefined);
}

export function buildFeatureMatrixQuery(input: MatrixQueryInput): SqlFragment {
	const { spec, features } = input;
	const d = input.dialect ?? DUCKDB;
	const had = collectHad(spec.eligible);
	const horizonDays = Math.max(spec.lookbackDays, ...had.map((h) => h.withinDays));
	// A sample keeps the other customers' events out of its cutoffs' rows: those cutoffs join only
	// the sampled customers' events (before the join, so the join itself shrinks with the share),
	// the others every event.
	const samples = sampledRoles(input);
	const join = (cutoffs: string, events: SqlFragment): SqlFragment =>
		frag(
			`SELECT c.__cutoff_idx, e.*, ${d.days('(c.__cutoff_t - e.__t)')} AS __age, ` +
				`(c.__cutoff_t - e.__t) <= ? AS __in_lb ` +
				`FROM ${cutoffs} c JOIN ${events.sql} e ON e.__t < c.__cutoff_t AND e.__t >= c.__cutoff_t - ?`,
			[spec.lookbackDays * DAY_MS, ...events.params, horizonDays * DAY_MS]
		);
	const whole = samples.map(([role]) => `'${role}'`).join(', ');
	const parts = [
		join(whole ? `(SELECT * FROM cutoffs WHERE __role NOT IN (${whole}))` : 'cutoffs', frag('ev')),
		...samples.map(([role, share]) => {
			const sample = inSample('ev', share);
			return join(
				`(SELECT * FROM cutoffs WHERE __role = '${role}')`,
				frag(`(SELECT * FROM ev WHERE ${sample.sql})`, sample.params)
			);
		})
	];
	const union = joinFrags(parts, ' UNION ALL ');
	const hist = frag(`hist AS (${union.sql})`, union.params);
	const aggregates: SqlFragment[] = [frag(`${countWhere(d, '__in_lb')} AS __n_lb`)];
	had.forEach((h, i) =>
		aggregates.push(
			frag(`coalesce(${aggWhere(d, 'bool_or', `__h${i}`, '__age <= ?')}, FALSE) AS __elig${i}`, [
				h.withinDays
			])
		)
	);
	features.forEach((f, j) => {
		if (f.stage === 'hist')
			aggregates.push(frag(`${f.sql.sql} AS ${featureColumn(j)}`, f.sql.params));
	});
	const aggs = joinFrags(aggregates, ', ');
	const feat = frag(
		`feat AS (SELECT __cutoff_idx, ${d.ident(COL.customerId)}, ${aggs.sql} FROM hist ` +
			`GROUP BY __cutoff_idx, ${d.ident(COL.customerId)})`,
		aggs.params
	);
	const labSamples = samples.map(([role, share]) => {
		const sample = inSample('e', share);
		return frag(` AND (c.__role <> '${role}' OR ${sample.sql})`, sample.params);
	});
	const labWhere = joinFrags(labSamples, '');
	const lab = frag(
		`lab AS (SELECT c.__cutoff_idx, e.${d.ident(COL.customerId)}, count(*) AS __n, sum(e.__value) AS __v ` +
			`FROM cutoffs c JOIN ev e ON e.__t >= c.__cutoff_t AND e.__t < c.__cutoff_t + ? ` +
			`WHERE c.__role <> 'score' AND e.__goal${labWhere.sql} GROUP BY c.__cutoff_idx, e.${d.ident(COL.customerId)})`,
		[spec.outcomeWindowDays * DAY_MS, ...labWhere.params]
	);
	const met = frag(
		`coalesce(l.__n, 0) >= ?` +
			(spec.minValueSum !== undefined ? ` AND coalesce(l.__v, 0) >= ?` : ''),
		spec.minValueSum !== undefined
			? [spec.minOccurrences ?? 1, spec.minValueSum]
			: [spec.minOccurrences ?? 1]
	);
	const [yes, no] = spec.kind === 'conversion' ? [1, 0] : [0, 1];
	const outputs: SqlFragment[] = [
		frag(`f.__cutoff_idx, f.${d.ident(COL.customerId)} AS customer_id`),
		frag(
			`CASE WHEN c.__role = 'score' THEN NULL WHEN ${met.sql} THEN ${yes} ELSE ${no} END AS label`,
			met.params
		)
	];
	features.forEach((f, j) => {
		const expr = f.stage === 'hist' ? frag(`f.${featureColumn(j)}`) : f.sql;
		outputs.push(frag(`${d.cast(expr.sql, 'DOUBLE')} AS ${featureColumn(j)}`, expr.params));
	});
	const usesProfiles = input.profileColumns !== null;
	const eligible = spec.eligible
		? compileEligible(d, spec.eligible, input.profileColumns, { i: 0 })
		: frag('f.__n_lb > 0');
	const select = joinFrags(outputs, ', ');
	const main = frag(
		`SELECT ${select.sql} FROM feat f JOIN cutoffs c ON c.__cutoff_idx = f.__cutoff_idx ` +
			`LEFT JOIN lab l ON l.__cutoff_idx = f.__cutoff_idx AND l.${d.ident(COL.customerId)} = f.${d.ident(COL.customerId)}` +
			(usesProfiles
				? ` LEFT JOIN ${PROFILES_TABLE} p ON p.${d.ident(COL.customerId)} = f.${d.ident(COL.customerId)}`
				: '') +
			` WHERE ${eligible.sql} ORDER BY f.__cutoff_idx, customer_id`,
		[...select.params, ...eligible.params]
	);
	const ctes = joinFrags(
		[cutoffsCte(d, input.cutoffs), eventsCte(d, input, had, horizonDays), hist, feat, lab],
		',\n'
	);
	return frag(`WITH ${ctes.sql}\n${main.sql}`, [...ctes.params, ...main.params]);
}

/**
 * The label query for one cutoff, as the user reads it in the goal step: which profiles meet
 * the goal in [cutoff, cutoff + window). Parameters: the cutoff (epoch ms), twice, and the window.
 */
export function compileGoalLabelSql(
	spec: GoalSpec,
	eventColumns: ColumnInfo[],
	cutoff: number
): SqlFragment {
	const goal = compileCondition(spec.goal, eventColumns);
	const exclude = spec.exclude ? compileCondition(spec.exclude, eventColumns) : null;
	const having = frag(
		`count(*) >= ?` +
			(spec.minValueSum !== undefined
				? ` AND coalesce(sum(${quoteIdent(COL.value)}), 0) >= ?`
				: ''),
		spec.minValueSum !== undefined
			? [spec.minOccurrences ?? 1, spec.minValueSum]
			: [spec.minOccurrences ?? 1]
	);
	const id = quoteIdent(COL.customerId);
	const t = quoteIdent(COL.t);
	return frag(
		`SELECT ${id} AS customer_id, count(*) AS goal_events, sum(${quoteIdent(COL.value)}) AS goal_value\n` +
			`FROM ${EVENTS_TABLE}\n` +
			`WHERE ${t} >= ? AND ${t} < ? + ?\n  AND ${goal.sql}` +
			(exclude ? `\n  AND NOT ${exclude.sql}` : '') +
			`\nGROUP BY 1\nHAVING ${having.sql}`,
		[
			cutoff,
			cutoff,
			spec.outcomeWindowDays * DAY_MS,
			...goal.params,
			...(exclude?.params ?? []),
			...having.params
		]
	);
}
