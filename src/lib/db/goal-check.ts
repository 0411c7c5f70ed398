// The goal step's live feedback: how many events match the goal, the label SQL to read, and per
// cutoff how many profiles are eligible and how many are positive, with the reason and the fix
// when no model could be trained. Uses the very matrix query training uses (without features),
// so what the user sees is what training gets.
import {
	CutoffError,
	DAY_MS,
	planCutoffs,
	startOfUtcDay,
	type CutoffPlan
} from '../engine/cutoffs';
import {
	buildFeatureMatrixQuery,
	compileGoalLabelSql,
	type Partition
} from '../engine/features/matrix';
import { compileCondition } from '../engine/goal/compile';
import { trainabilityProblem, type CutoffCounts } from '../engine/trainability';
import { EVENTS_TABLE, type GoalSpec, type SqlFragment } from '../engine/types';
import { dataRange, type DataContext } from './matrix';
import { firstRow, toRows } from './rows';
import type { Db } from './types';

export interface GoalCheck {
	/** Events (after exclusions) that match the goal condition anywhere in the data. */
	matchingEvents: number;
	/** The label query at the validation cutoff, for people to read. */
	labelSql: SqlFragment;
	validationCutoff: number | null;
	cutoffError: string | null;
	/** Per cutoff, oldest first; null when cutoffs cannot be placed. */
	counts: CutoffCounts[] | null;
	/**
	 * The share of customers `counts` were counted on and scaled up from, on a log too large to
	 * count whole at every edit (null: every customer, exact). The verdict (`problem`) is exact.
	 */
	countsShare: number | null;
	/** Why no model can be trained (and the fix), or null. */
	problem: string | null;
	/** Days of history the goal needs (lookback + window) and days the data covers. */
	neededDays: number;
	dataDays: number;
}

/**
 * Events a goal check counts whole; past it, it counts the customers of one hash partition
 * (about this many events) first. At 10 M events the whole count took 30 s per edit.
 */
export const COUNTED_EVENTS = 1_000_000;

/** Eligible profiles and positives at each cutoff of `plan` (of one partition's customers). */
export async function cutoffCounts(
	db: Db,
	spec: GoalSpec,
	ctx: DataContext,
	plan: CutoffPlan,
	partition?: Partition
): Promise<CutoffCounts[]> {
	const q = buildFeatureMatrixQuery({
		spec,
		eventColumns: ctx.eventColumns,
		profileColumns: ctx.profileColumns,
		cutoffs: plan.cutoffs,
		eventTypes: [],
		features: [],
		...(partition && { partition })
	});
	const rows = toRows(
		await db.query(
			`SELECT __cutoff_idx AS k, count(*) AS eligible, count(*) FILTER (WHERE label = 1) AS positives FROM (${q.sql}) GROUP BY 1`,
			q.params
		)
	);
	return plan.cutoffs.map((c, k) => {
		const r = rows.find((x) => Number(x.k) === k);
		return {
			t: c.t,
			role: c.role,
			eligible: Number(r?.eligible ?? 0),
			positives: Number(r?.positives ?? 0)
		};
	});
}

/**
 * The counts per cutoff, on one partition of customers when the log is past `countedEvents`.
 * Every condition of `trainabilityProblem` holds for all customers when it holds for some, so
 * a partition with no problem means the whole has none, and its counts are scaled up; a
 * partition with a problem is counted again whole, for the exact figures and message.
 */
async function goalCounts(
	db: Db,
	spec: GoalSpec,
	ctx: DataContext,
	plan: CutoffPlan,
	countedEvents: number
): Promise<{ counts: CutoffCounts[]; share: number | null }> {
	const events = Number(firstRow(await db.query(`SELECT count(*) AS n FROM ${EVENTS_TABLE}`)).n);
	const parts = Math.ceil(events / countedEvents);
	if (parts > 1) {
		const some = await cutoffCounts(db, spec, ctx, plan, { index: 0, count: parts });
		if (!trainabilityProblem(some, spec.kind)) {
			const scaled = some.map((c) => ({
				...c,
				eligible: c.eligible * parts,
				positives: c.positives * parts
			}));
			return { counts: scaled, share: 1 / parts };
		}
	}
	return { counts: await cutoffCounts(db, spec, ctx, plan), share: null };
}

export async function checkGoal(
	db: Db,
	spec: GoalSpec,
	ctx: DataContext,
	countedEvents = COUNTED_EVENTS
): Promise<GoalCheck> {
	const cols = ctx.eventColumns;
	const goal = compileCondition(spec.goal, cols);
	const exclude = spec.exclude ? compileCondition(spec.exclude, cols) : null;
	const r = firstRow(
		await db.query(
			`SELECT count(*) AS n FROM ${EVENTS_TABLE} WHERE ${goal.sql}${exclude ? ` AND NOT ${exclude.sql}` : ''}`,
			[...goal.params, ...(exclude?.params ?? [])]
		)
	);
	const range = await dataRange(db);
	const neededDays = spec.lookbackDays + spec.outcomeWindowDays;
	const dataDays = Math.round(
		(startOfUtcDay(range.end) + DAY_MS - startOfUtcDay(range.start)) / DAY_MS
	);
	let plan: CutoffPlan | null = null;
	let cutoffError: string | null = null;
	try {
		plan = planCutoffs({
			dataStart: range.start,
			dataEnd: range.end,
			outcomeWindowDays: spec.outcomeWindowDays,
			lookbackDays: spec.lookbackDays,
			scoringCutoff: spec.scoringCutoff ?? null
		});
	} catch (e) {
		if (!(e instanceof CutoffError)) throw e;
		cutoffError = e.message;
	}
	const counted = plan ? await goalCounts(db, spec, ctx, plan, countedEvents) : null;
	const counts = counted?.counts ?? null;
	return {
		matchingEvents: Number(r.n),
		labelSql: compileGoalLabelSql(spec, cols, plan?.validation ?? range.end),
		validationCutoff: plan?.validation ?? null,
		cutoffError,
		counts,
		countsShare: counted?.share ?? null,
		problem: counts ? trainabilityProblem(counts, spec.kind) : cutoffError,
		neededDays,
		dataDays
	};
}
