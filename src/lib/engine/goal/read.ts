// A goal from outside (a goal file, a goal link): its text parsed and checked, then checked
// against the loaded data — every column it names exists, its scoring cutoff lies within the
// events — so a goal that does not fit is refused whole, before anything open changes.
import { DAY_MS, isoDay, startOfUtcDay } from '../cutoffs';
import type { ColumnInfo, Condition, EligibleRule, GoalSpec } from '../types';
import { resolveField, UnknownFieldError } from './compile';
import { GOAL_LIMITS } from './limits';
import { GoalSpecError, parseGoalSpec } from './validate';

/** What a goal is checked against: the loaded data, by column names and time span. */
export interface GoalData {
	/** The loaded events' columns (source names, role columns included). */
	eventColumns: ColumnInfo[];
	/** Per loaded event file, its column names. */
	fileColumns: string[][];
	/** The profile file's column names, or null when none is loaded. */
	profileColumns: string[] | null;
	/** First and last event time (epoch ms). */
	start: number;
	end: number;
}

/** A goal file's or link's text, parsed and checked; throws a GoalSpecError. */
export function parseGoalText(text: string): GoalSpec {
	if (text.length > GOAL_LIMITS.textChars)
		throw new GoalSpecError(
			'$',
			`it is ${text.length.toLocaleString('en')} characters long; a goal has at most ${GOAL_LIMITS.textChars.toLocaleString('en')}`
		);
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		throw new GoalSpecError('$', 'it is not complete JSON (was it cut short?)');
	}
	return parseGoalSpec(json);
}

/** Up to 30 names, quoted, for a message. */
function listed(names: string[]): string {
	const shown = names.slice(0, 30).map((n) => `“${n}”`);
	const more = names.length - shown.length;
	return shown.join(', ') + (more > 0 ? ` and ${more} more` : '') || 'none';
}

function conditionFields(c: Condition, out: string[]): void {
	if ('all' in c) c.all.forEach((p) => conditionFields(p, out));
	else if ('any' in c) c.any.forEach((p) => conditionFields(p, out));
	else out.push(c.field);
}

function eligibleNames(r: EligibleRule, fields: string[], attributes: string[]): void {
	if ('all' in r) r.all.forEach((p) => eligibleNames(p, fields, attributes));
	else if ('any' in r) r.any.forEach((p) => eligibleNames(p, fields, attributes));
	else if ('had' in r) conditionFields(r.had, fields);
	else if ('notHad' in r) conditionFields(r.notHad, fields);
	else attributes.push(r.attribute);
}

/** The profile attributes an eligible population's rules read. */
export function eligibleAttributes(r: EligibleRule): string[] {
	const attributes: string[] = [];
	eligibleNames(r, [], attributes);
	return attributes;
}

/**
 * What keeps `spec` from fitting the loaded data, one sentence each (empty when it fits).
 * Profile attributes are checked only when a profile file is loaded.
 */
export function goalDataProblems(spec: GoalSpec, data: GoalData): string[] {
	const problems: string[] = [];
	const mapping = spec.data?.events;
	if (mapping) {
		const named = [
			mapping.customerId,
			mapping.timestamp,
			mapping.event,
			mapping.value,
			mapping.valueTimes
		].filter((c): c is string => !!c);
		if (!data.fileColumns.some((cols) => named.every((c) => cols.includes(c)))) {
			const all = [...new Set(data.fileColumns.flat())];
			const missing = named.filter((c) => !all.includes(c));
			problems.push(
				missing.length
					? `Its column mapping names ${listed(missing)}, which no loaded event file has (the columns there are ${listed(all)}).`
					: `Its column mapping names ${listed(named)}, which no one loaded event file has together.`
			);
		}
	}
	const fields: string[] = [];
	const attributes: string[] = [...(spec.profileAttributes ?? [])];
	conditionFields(spec.goal, fields);
	if (spec.exclude) conditionFields(spec.exclude, fields);
	for (const e of spec.customEvents ?? []) conditionFields(e.when, fields);
	if (spec.eligible) eligibleNames(spec.eligible, fields, attributes);
	const eventNames = data.eventColumns.map((c) => c.name).filter((n) => !n.startsWith('__'));
	for (const field of new Set(fields)) {
		try {
			resolveField(field, data.eventColumns);
		} catch (e) {
			if (!(e instanceof UnknownFieldError)) throw e;
			problems.push(
				`It names the column “${field}”, which the loaded events do not have (use “event”, “value” or one of ${listed(eventNames)}).`
			);
		}
	}
	const profiles = data.profileColumns;
	const profileId = spec.data?.profiles?.customerId;
	if (profiles && profileId && !profiles.includes(profileId))
		problems.push(
			`Its profile id column “${profileId}” is not in the profile file (its columns are ${listed(profiles)}).`
		);
	if (profiles)
		for (const a of new Set(attributes))
			if (!profiles.includes(a))
				problems.push(
					`It uses the profile attribute “${a}”, which the profile file does not have (its columns are ${listed(profiles)}).`
				);
	const cutoff = spec.scoringCutoff;
	if (cutoff) {
		const t = startOfUtcDay(Date.parse(cutoff));
		const first = startOfUtcDay(data.start) + DAY_MS;
		const last = startOfUtcDay(data.end) + DAY_MS;
		if (!(t >= first && t <= last))
			problems.push(
				`Its scoring cutoff ${cutoff} is outside the loaded events, which run from ${isoDay(data.start)} to ${isoDay(data.end)}: use a date from ${isoDay(first)} to ${isoDay(last)}, or none to score at the end of the data.`
			);
	}
	return problems;
}
