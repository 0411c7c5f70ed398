// Turns untrusted JSON (a goal file, a goal link, a saved project, the UI's draft) into a
// GoalSpec, or throws a GoalSpecError that names the offending path and says what was expected.
// Sizes are bounded (GOAL_LIMITS): nesting is counted before any recursion, so no input can
// overflow the stack, and no name can be long enough to break a download.
import {
	OPERATORS,
	type Comparison,
	type Condition,
	type CustomEvent,
	type EligibleRule,
	type EventMapping,
	type GoalSpec,
	type Operator,
	type Rename,
	type Scalar
} from '../types';
import { GOAL_LIMITS, isIsoDate } from './limits';

export class GoalSpecError extends Error {
	constructor(
		readonly path: string,
		problem: string
	) {
		super(`goal spec ${path}: ${problem}`);
		this.name = 'GoalSpecError';
	}
}

type Json = unknown;

/** Counts the conditions parsed so far, so a spec cannot hold more than GOAL_LIMITS.conditions. */
interface Budget {
	nodes: number;
}

function isObject(x: Json): x is Record<string, Json> {
	return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isScalar(x: Json): x is Scalar {
	return (
		(typeof x === 'string' && x.length <= GOAL_LIMITS.textValueChars) ||
		typeof x === 'boolean' ||
		(typeof x === 'number' && isFinite(x))
	);
}

const SCALAR = `a number, true/false, or a text of at most ${GOAL_LIMITS.textValueChars} characters`;

/** A value as a message shows it: short, and "nothing" for a missing one. */
export function shown(x: Json): string {
	if (x === undefined) return 'nothing (it is missing)';
	const s = JSON.stringify(x);
	return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

function req<T>(ok: boolean, path: string, problem: string, value: T): T {
	if (!ok) throw new GoalSpecError(path, problem);
	return value;
}

function str(x: Json, path: string, max: number = GOAL_LIMITS.textValueChars): string {
	req(typeof x === 'string' && x.length > 0, path, 'expected a non-empty string', null);
	return req(
		(x as string).length <= max,
		path,
		`is ${(x as string).length.toLocaleString('en')} characters long; at most ${max} are allowed`,
		x as string
	);
}

function optStr(x: Json, path: string): string | null {
	return x === undefined || x === null ? null : str(x, path);
}

function intIn(x: Json, path: string, lo: number, hi: number): number {
	const ok = typeof x === 'number' && Number.isInteger(x) && x >= lo && x <= hi;
	return req(ok, path, `expected a whole number from ${lo} to ${hi}, got ${shown(x)}`, x as number);
}

function num(x: Json, path: string): number {
	return req(typeof x === 'number' && isFinite(x), path, 'expected a number', x as number);
}

export function parseComparisonValue(op: Operator, value: Json, path: string): Comparison['value'] {
	switch (op) {
		case 'exists':
		case 'notExists':
			return undefined;
		case 'in':
		case 'nin': {
			const max = GOAL_LIMITS.listValues;
			const ok =
				Array.isArray(value) && value.length > 0 && value.length <= max && value.every(isScalar);
			return req(
				ok,
				path,
				`"${op}" needs a list of 1 to ${max} values, each ${SCALAR}`,
				value as Scalar[]
			);
		}
		case 'between': {
			const ok = Array.isArray(value) && value.length === 2 && value.every(isScalar);
			return req(ok, path, '"between" needs [low, high] (both inclusive)', value as Scalar[]);
		}
		default:
			return req(isScalar(value), path, `"${op}" needs one value: ${SCALAR}`, value as Scalar);
	}
}

function operator(x: Json, path: string): Operator {
	const ok = typeof x === 'string' && (OPERATORS as readonly string[]).includes(x);
	return req(
		ok,
		path,
		`${x === undefined ? 'no operator' : `unknown operator ${shown(x)}`}; use one of ${OPERATORS.join(' ')}`,
		x as Operator
	);
}

/** Counts one condition or group; refuses one nested too deep before its parts are read. */
function enter(budget: Budget, depth: number, path: string): void {
	if (++budget.nodes > GOAL_LIMITS.conditions)
		throw new GoalSpecError(
			path,
			`the goal has more than ${GOAL_LIMITS.conditions} conditions; simplify it`
		);
	if (depth > GOAL_LIMITS.depth)
		throw new GoalSpecError(
			path,
			`conditions are nested more than ${GOAL_LIMITS.depth} groups deep; flatten the all/any groups`
		);
}

/** The list of an all/any group, checked. */
function groupList(x: Record<string, Json>, path: string): { key: 'all' | 'any'; list: Json[] } {
	const key = 'all' in x ? 'all' : 'any';
	const list = x[key];
	if (!Array.isArray(list)) throw new GoalSpecError(`${path}.${key}`, 'expected a list');
	return { key, list: list as Json[] };
}

/** `depth` is the number of all/any groups around `x`; `budget` counts conditions parsed. */
export function parseCondition(
	x: Json,
	path: string,
	depth = 0,
	budget: Budget = { nodes: 0 }
): Condition {
	if (!isObject(x)) throw new GoalSpecError(path, 'expected a condition object');
	if ('all' in x || 'any' in x) {
		enter(budget, depth + 1, path);
		const { key, list } = groupList(x, path);
		const parts = list.map((c, i) => parseCondition(c, `${path}.${key}[${i}]`, depth + 1, budget));
		return key === 'all' ? { all: parts } : { any: parts };
	}
	enter(budget, depth, path);
	const field = str(x.field, `${path}.field`);
	const op = operator(x.op, `${path}.op`);
	const value = parseComparisonValue(op, x.value, `${path}.value`);
	return value === undefined ? { field, op } : { field, op, value };
}

function parseEligible(x: Json, path: string, depth: number, budget: Budget): EligibleRule {
	if (!isObject(x)) throw new GoalSpecError(path, 'expected an eligibility rule object');
	if ('all' in x || 'any' in x) {
		enter(budget, depth + 1, path);
		const { key, list } = groupList(x, path);
		const parts = list.map((r, i) => parseEligible(r, `${path}.${key}[${i}]`, depth + 1, budget));
		return key === 'all' ? { all: parts } : { any: parts };
	}
	enter(budget, depth, path);
	if ('had' in x || 'notHad' in x) {
		const key = 'had' in x ? 'had' : 'notHad';
		const cond = parseCondition(x[key], `${path}.${key}`, depth, budget);
		const withinDays = intIn(x.withinDays, `${path}.withinDays`, 1, 3650);
		return key === 'had' ? { had: cond, withinDays } : { notHad: cond, withinDays };
	}
	if ('attribute' in x) {
		const attribute = str(x.attribute, `${path}.attribute`);
		const op = operator(x.op, `${path}.op`);
		const value = parseComparisonValue(op, x.value, `${path}.value`);
		return value === undefined ? { attribute, op } : { attribute, op, value };
	}
	throw new GoalSpecError(path, 'expected "all", "any", "had", "notHad" or "attribute"');
}

function parseMapping(x: Json, path: string): EventMapping {
	if (!isObject(x)) throw new GoalSpecError(path, 'expected an object');
	const event = optStr(x.event, `${path}.event`);
	const eventName = optStr(x.eventName, `${path}.eventName`);
	if (event === null && eventName === null)
		throw new GoalSpecError(
			path,
			'set "event" to a column, or "eventName" when every row is one event'
		);
	return {
		customerId: str(x.customerId, `${path}.customerId`),
		timestamp: str(x.timestamp, `${path}.timestamp`),
		timestampFormat: optStr(x.timestampFormat, `${path}.timestampFormat`),
		event,
		eventName,
		value: optStr(x.value, `${path}.value`),
		valueTimes: optStr(x.valueTimes, `${path}.valueTimes`)
	};
}

/** A list of custom events (a goal's, or a saved feature plan's), names unique. */
export function parseCustomEvents(
	x: Json,
	path: string,
	budget: Budget = { nodes: 0 }
): CustomEvent[] {
	if (x === undefined || x === null) return [];
	const max = GOAL_LIMITS.customEvents;
	if (!Array.isArray(x) || x.length > max)
		throw new GoalSpecError(path, `expected a list of at most ${max} custom events`);
	const events = x.map((c: Json, i) => {
		if (!isObject(c)) throw new GoalSpecError(`${path}[${i}]`, 'expected { name, when }');
		return {
			name: str(c.name, `${path}[${i}].name`),
			when: parseCondition(c.when, `${path}[${i}].when`, 0, budget)
		};
	});
	const names = new Set<string>();
	for (const [i, e] of events.entries()) {
		if (names.has(e.name))
			throw new GoalSpecError(`${path}[${i}].name`, `"${e.name}" is used twice`);
		names.add(e.name);
	}
	return events;
}

function isoDate(x: Json, path: string): string | null {
	if (x === undefined || x === null) return null;
	const s = str(x, path, 40);
	return req(
		isIsoDate(s),
		path,
		`expected an ISO date like 2024-06-30 (or 2024-06-30T00:00:00Z), got "${s}"`,
		s
	);
}

function goalName(x: Json): string {
	if (x === undefined || x === null) return 'Untitled goal';
	req(typeof x === 'string', '$.name', 'expected a text', null);
	const n = (x as string).length;
	return req(
		n <= GOAL_LIMITS.nameChars,
		'$.name',
		`the name is ${n.toLocaleString('en')} characters long; a goal name can have at most ${GOAL_LIMITS.nameChars}`,
		x as string
	);
}

function profileAttributes(x: Json): string[] {
	if (x === undefined || x === null) return [];
	const max = GOAL_LIMITS.profileAttributes;
	if (!Array.isArray(x) || x.length > max)
		throw new GoalSpecError('$.profileAttributes', `expected a list of at most ${max} columns`);
	return x.map((a: Json, i) => str(a, `$.profileAttributes[${i}]`));
}

/** The user's names for event types and attributes: each kind and key at most once. */
function names(x: Json): Rename[] {
	if (x === undefined || x === null) return [];
	const max = GOAL_LIMITS.names;
	if (!Array.isArray(x) || x.length > max)
		throw new GoalSpecError('$.names', `expected a list of at most ${max} names`);
	const seen = new Set<string>();
	return x.map((item: Json, i) => {
		const at = `$.names[${i}]`;
		req(isObject(item), at, 'expected an object with kind, key and name', null);
		const r = item as Record<string, Json>;
		const kind = req(
			r.kind === 'event' || r.kind === 'attribute',
			`${at}.kind`,
			'expected "event" or "attribute"',
			r.kind as Rename['kind']
		);
		const key = str(r.key, `${at}.key`);
		const name = str(r.name, `${at}.name`, GOAL_LIMITS.nameChars).trim();
		req(name.length > 0, `${at}.name`, 'expected a name that is not only spaces', null);
		req(!seen.has(`${kind}\u0000${key}`), at, `names the ${kind} “${key}” twice`, null);
		seen.add(`${kind}\u0000${key}`);
		return { kind, key, name };
	});
}

/** Parses and checks a goal spec (version 1). Unknown keys are ignored so newer files still open. */
export function parseGoalSpec(x: Json): GoalSpec {
	if (!isObject(x)) throw new GoalSpecError('$', 'expected a JSON object');
	const budget: Budget = { nodes: 0 };
	req(x.version === 1, '$.version', `expected 1, got ${shown(x.version)}`, null);
	const kind = req(
		x.kind === 'conversion' || x.kind === 'churn',
		'$.kind',
		'expected "conversion" (will occur) or "churn" (will not occur)',
		x.kind as GoalSpec['kind']
	);
	let data: GoalSpec['data'];
	if (isObject(x.data)) {
		data = {};
		if (x.data.events !== undefined && x.data.events !== null)
			data.events = parseMapping(x.data.events, '$.data.events');
		if (isObject(x.data.profiles))
			data.profiles = { customerId: str(x.data.profiles.customerId, '$.data.profiles.customerId') };
	}
	const spec: GoalSpec = {
		version: 1,
		name: goalName(x.name),
		kind,
		goal: parseCondition(x.goal, '$.goal', 0, budget),
		outcomeWindowDays: intIn(x.outcomeWindowDays, '$.outcomeWindowDays', 1, 365),
		lookbackDays: intIn(x.lookbackDays ?? 365, '$.lookbackDays', 7, 3650),
		customEvents: parseCustomEvents(x.customEvents, '$.customEvents', budget),
		profileAttributes: profileAttributes(x.profileAttributes),
		eligible:
			x.eligible === undefined || x.eligible === null
				? null
				: parseEligible(x.eligible, '$.eligible', 0, budget),
		exclude:
			x.exclude === undefined || x.exclude === null
				? null
				: parseCondition(x.exclude, '$.exclude', 0, budget),
		scoringCutoff: isoDate(x.scoringCutoff, '$.scoringCutoff')
	};
	if (data) spec.data = data;
	const renames = names(x.names);
	if (renames.length) spec.names = renames;
	if (x.minOccurrences !== undefined)
		spec.minOccurrences = intIn(x.minOccurrences, '$.minOccurrences', 1, 1e6);
	if (x.minValueSum !== undefined && x.minValueSum !== null)
		spec.minValueSum = num(x.minValueSum, '$.minValueSum');
	return spec;
}
