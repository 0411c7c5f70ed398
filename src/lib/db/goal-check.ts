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
import { buildFeatureMatrixQuery, compileGoalLabelSql } from '../engine/features/matrix';
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
	/** Why no model can be trained (and the fix), or null. */
	problem: string | null;
	/** Days of history the goal needs (lookback + window) and days the data covers. */
	neededDays: number;
	dataDays: number;
}

/** Eligible profiles and positives at each cutoff of `plan`. */
export async function cutoffCounts(
	db: Db,
	spec: GoalSpec,
	ctx: DataContext,
	plan: CutoffPlan
): Promise<CutoffCounts[]> {
	const q = buildFeatureMatrixQuery({
		spec,
		eventColumns: ctx.eventColumns,
		profileColumns: ctx.profileColumns,
		cutoffs: plan.cutoffs,
		eventTypes: [],
		features: []
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

export async function checkGoal(db: Db, spec: GoalSpec, ctx: DataContext): Promise<GoalCheck> {
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
	const counts = plan ? await cutoffCounts(db, spec, ctx, plan) : null;
	return {
		matchingEvents: Number(r.n),
		labelSql: compileGoalLabelSql(spec, cols, plan?.validation ?? range.end),
		validationCutoff: plan?.validation ?? null,
		cutoffError,
		counts,
		problem: counts ? trainabilityProblem(counts, spec.kind) : cutoffError,
		neededDays,
		dataDays
	};
}
