// The feature matrix computed the plain way, event by event in JavaScript, from the definitions
// in engine/features/spec.ts: the reference the app's SQL must match (to 1e-9), however that SQL
// is shaped. Per-event conditions (the goal, custom events, eligibility rules) are evaluated by
// the app's condition compiler; everything about windows, cutoffs and aggregates is here.
import { numberColumn, stringColumn } from '../../src/lib/db/rows';
import type { Db } from '../../src/lib/db/types';
import type { Cutoff } from '../../src/lib/engine/cutoffs';
import type { FeatureDef, FeaturePlanInput } from '../../src/lib/engine/features/spec';
import { compileCondition } from '../../src/lib/engine/goal/compile';
import { joinFrags } from '../../src/lib/engine/sql/fragment';
import type { ColumnInfo, EligibleRule, GoalSpec } from '../../src/lib/engine/types';

const DAY = 86_400_000;

interface Ev {
	t: number;
	event: string | null;
	value: number;
	goal: boolean;
	custom: boolean[];
	had: boolean[];
}

/** Reference rows keyed `${cutoffIndex}|${customerId}`: the label and every `hist` feature by key. */
export type ReferenceRows = Map<string, { label: number | null; x: Map<string, number> }>;

type TimedRule = Extract<EligibleRule, { withinDays: number }>;

function hadRules(rule: EligibleRule | null | undefined, out: TimedRule[] = []): TimedRule[] {
	if (!rule) return out;
	if ('all' in rule) rule.all.forEach((r) => hadRules(r, out));
	else if ('any' in rule) rule.any.forEach((r) => hadRules(r, out));
	else if ('had' in rule || 'notHad' in rule) out.push(rule);
	return out;
}

async function readEvents(db: Db, spec: GoalSpec, columns: ColumnInfo[]) {
	const conds = [
		compileCondition(spec.goal, columns),
		...(spec.customEvents ?? []).map((c) => compileCondition(c.when, columns)),
		...hadRules(spec.eligible).map((h) => compileCondition('had' in h ? h.had : h.notHad, columns))
	];
	const flags = joinFrags(
		conds.map((c, i) => ({ sql: `coalesce(${c.sql}, FALSE)::INT AS k${i}`, params: c.params })),
		', '
	);
	const exclude = spec.exclude ? compileCondition(spec.exclude, columns) : null;
	const t = await db.query(
		`SELECT __customer_id AS id, __t AS t, __event AS e, __value AS v, ${flags.sql} FROM events` +
			(exclude ? ` WHERE NOT coalesce(${exclude.sql}, FALSE)` : ''),
		[...flags.params, ...(exclude?.params ?? [])]
	);
	const ids = stringColumn(t, 'id');
	const ts = numberColumn(t, 't');
	const values = numberColumn(t, 'v');
	const events = t.getChild('e')!;
	const k = conds.map((_, i) => numberColumn(t, `k${i}`));
	const customs = (spec.customEvents ?? []).length;
	const byCustomer = new Map<string, Ev[]>();
	for (let i = 0; i < t.numRows; i++) {
		const e = events.get(i) as string | null;
		const list = byCustomer.get(ids[i]!) ?? [];
		if (!list.length) byCustomer.set(ids[i]!, list);
		list.push({
			t: ts[i]!,
			event: e,
			value: values[i]!,
			goal: k[0]![i] === 1,
			custom: Array.from({ length: customs }, (_, c) => k[1 + c]![i] === 1),
			had: k.slice(1 + customs).map((col) => col[i] === 1)
		});
	}
	return byCustomer;
}

function eligibleBy(rule: EligibleRule, hist: Ev[], c: number, counter: { i: number }): boolean {
	if ('all' in rule) return rule.all.every((r) => eligibleBy(r, hist, c, counter));
	if ('any' in rule) {
		// Every rule is visited, so the had-rule counter stays in step with `hadRules`.
		const results = rule.any.map((r) => eligibleBy(r, hist, c, counter));
		return results.some(Boolean);
	}
	if ('had' in rule || 'notHad' in rule) {
		const k = counter.i++;
		const had = hist.some((e) => e.had[k] && (c - e.t) / DAY <= rule.withinDays);
		return 'had' in rule ? had : !had;
	}
	throw new Error('the reference does not evaluate profile attribute rules');
}

function mean(xs: number[]): number {
	return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
}

/** One `hist` feature of one customer at cutoff `c`, from the events of its category. */
function feature(f: FeatureDef, all: Ev[], of: Ev[], c: number, L: number): number {
	const age = (e: Ev) => (c - e.t) / DAY;
	const inLb = of.filter((e) => c - e.t <= L * DAY);
	const allLb = all.filter((e) => c - e.t <= L * DAY);
	const days = (xs: Ev[]) => [...new Set(xs.map((e) => Math.floor(e.t / DAY)))];
	const values = inLb.map((e) => e.value).filter((v) => !isNaN(v));
	switch (f.kind) {
		case 'count':
			return of.filter((e) => age(e) <= f.windowDays!).length;
		case 'daysSince':
			return inLb.length ? Math.min(...inLb.map(age)) : f.capDays!;
		case 'tenure':
			return inLb.length ? Math.max(...inLb.map(age)) : 0;
		case 'activeDays':
			return days(inLb).length;
		case 'trend':
			return (
				of.filter((e) => age(e) <= 30).length - of.filter((e) => age(e) > 30 && age(e) <= 60).length
			);
		case 'valueMean':
			return mean(values);
		case 'valueSum':
			return values.reduce((a, b) => a + b, 0);
		case 'distinctTypes':
			return new Set(allLb.map((e) => e.event).filter((e) => e !== null)).size;
		case 'gap':
		case 'overdue': {
			const d = days(allLb);
			if (d.length < 2) return f.kind === 'gap' ? L : NaN;
			const gap = (Math.max(...d) - Math.min(...d)) / (d.length - 1);
			return f.kind === 'gap' ? gap : Math.min(...allLb.map(age)) / gap;
		}
		case 'share':
			return mean(
				allLb.map((e) => {
					const d = new Date(e.t);
					const yes = f.key === 'weekend_share' ? d.getUTCDay() % 6 === 0 : d.getUTCHours() >= 18;
					return yes ? 1 : 0;
				})
			);
		default:
			throw new Error(`the reference has no rule for feature kind ${f.kind}`);
	}
}

/** Which events a feature counts: all of them, one event type's, or one custom event's. */
function categoryOf(f: FeatureDef, plan: FeaturePlanInput): (e: Ev) => boolean {
	const type = plan.eventTypes.find((t) => f.key.startsWith(`type:${t}:`));
	if (type !== undefined) return (e) => e.event === type;
	const c = plan.customEvents.findIndex((ce) => f.key.startsWith(`custom:${ce.name}:`));
	if (c >= 0) return (e) => e.custom[c]!;
	return () => true;
}

export async function referenceMatrix(
	db: Db,
	spec: GoalSpec,
	columns: ColumnInfo[],
	cutoffs: Cutoff[],
	plan: FeaturePlanInput,
	features: FeatureDef[]
): Promise<ReferenceRows> {
	const byCustomer = await readEvents(db, spec, columns);
	const L = spec.lookbackDays;
	const horizon = Math.max(L, ...hadRules(spec.eligible).map((h) => h.withinDays));
	const hist = features.filter((f) => f.stage === 'hist');
	const categories = hist.map((f) => categoryOf(f, plan));
	const out: ReferenceRows = new Map();
	cutoffs.forEach(({ t: c, role }, k) => {
		for (const [id, events] of byCustomer) {
			const seen = events.filter((e) => e.t < c && e.t >= c - horizon * DAY);
			// A profile with no event within the horizon (the lookback, or a longer eligibility
			// rule's window) has no row at that cutoff, whatever its rules say.
			if (seen.length === 0) continue;
			const eligible = spec.eligible
				? eligibleBy(spec.eligible, seen, c, { i: 0 })
				: seen.some((e) => c - e.t <= L * DAY);
			if (!eligible) continue;
			const goal = events.filter(
				(e) => e.goal && e.t >= c && e.t < c + spec.outcomeWindowDays * DAY
			);
			const met =
				goal.length >= (spec.minOccurrences ?? 1) &&
				(spec.minValueSum === undefined ||
					goal.reduce((a, e) => a + (isNaN(e.value) ? 0 : e.value), 0) >= spec.minValueSum);
			const label = role === 'score' ? null : (spec.kind === 'conversion') === met ? 1 : 0;
			const x = new Map<string, number>();
			hist.forEach((f, j) => x.set(f.key, feature(f, seen, seen.filter(categories[j]!), c, L)));
			out.set(`${k}|${id}`, { label, x });
		}
	});
	return out;
}
