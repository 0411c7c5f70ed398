// The Goal step's state: the goal spec being edited, presets, import/export of the JSON contract,
// and the debounced live check (matching events, compiled SQL, whether cutoffs fit the data).
import { checkGoal, type GoalCheck } from '../db/goal-check';
import { displaySql } from '../engine/sql/fragment';
import { GOAL_LIMITS } from '../engine/goal/limits';
import { goalDataProblems, parseGoalText, type GoalData } from '../engine/goal/read';
import { compileCondition } from '../engine/goal/compile';
import { quoteIdent } from '../engine/sql/quote';
import {
	COL,
	EVENTS_TABLE,
	type ColumnInfo,
	type Comparison,
	type EventMapping,
	type GoalSpec
} from '../engine/types';
import { errorMessage, type DataState } from './data.svelte';
import { getDb, goalCountedEvents } from './engines';

export type PresetId = 'purchase30' | 'churn30' | 'repeat90' | 'highValue30';

export const PRESETS: { id: PresetId; label: string }[] = [
	{ id: 'purchase30', label: 'Purchase in the next 30 days' },
	{ id: 'churn30', label: 'Churn: no activity in the next 30 days' },
	{ id: 'repeat90', label: 'Repeat purchase in the next 90 days' },
	{ id: 'highValue30', label: 'High-value order in the next 30 days' }
];

/** The event type that means "purchase" in this data, if there is one. */
function purchaseType(eventTypes: string[]): string | null {
	if (eventTypes.length <= 1) return null;
	return eventTypes.find((t) => /purchase|order|transaction|buy/i.test(t)) ?? null;
}

/**
 * The spec of a preset. `highValue` is the order value that counts as high (the app uses the
 * 75th percentile of purchase values); without one, the high-value preset has no value bound.
 */
export function presetSpec(id: PresetId, eventTypes: string[], highValue?: number): GoalSpec {
	const purchase = purchaseType(eventTypes);
	const isPurchase: Comparison[] = purchase ? [{ field: 'event', op: 'eq', value: purchase }] : [];
	const base = {
		version: 1 as const,
		lookbackDays: 180,
		eligible: null,
		customEvents: [],
		profileAttributes: []
	};
	switch (id) {
		case 'purchase30':
			return {
				...base,
				name: 'Purchase in the next 30 days',
				kind: 'conversion',
				goal: { all: isPurchase },
				outcomeWindowDays: 30
			};
		case 'churn30':
			return {
				...base,
				name: 'Churn: no activity in the next 30 days',
				kind: 'churn',
				goal: { all: [] },
				outcomeWindowDays: 30
			};
		case 'repeat90':
			// Repeat: among customers who bought in the lookback, who buys again.
			return {
				...base,
				name: 'Repeat purchase in the next 90 days',
				kind: 'conversion',
				goal: { all: isPurchase },
				outcomeWindowDays: 90,
				lookbackDays: 365,
				eligible: { had: { all: isPurchase }, withinDays: 365 }
			};
		case 'highValue30':
			return {
				...base,
				name:
					highValue !== undefined
						? `Order of ${highValue} or more in the next 30 days`
						: 'High-value order in the next 30 days',
				kind: 'conversion',
				goal: {
					all: [
						...isPurchase,
						...(highValue !== undefined
							? [{ field: 'value', op: 'gte' as const, value: highValue }]
							: [])
					]
				},
				outcomeWindowDays: 30
			};
	}
}

/** A round number near the 75th percentile of purchase values, or undefined without values. */
async function highValueThreshold(
	spec: GoalSpec,
	eventColumns: ColumnInfo[]
): Promise<number | undefined> {
	const goal = compileCondition(spec.goal, eventColumns);
	const t = await (
		await getDb()
	).query(
		`SELECT quantile_cont(${quoteIdent(COL.value)}, 0.75) AS q FROM ${EVENTS_TABLE} WHERE ${goal.sql} AND ${quoteIdent(COL.value)} IS NOT NULL`,
		goal.params
	);
	const q = Number(t.get(0)?.q);
	if (!isFinite(q) || q <= 0) return undefined;
	const step = 10 ** Math.floor(Math.log10(q));
	return Math.round(q / step) * step;
}

export class GoalState {
	spec = $state<GoalSpec>(presetSpec('purchase30', []));
	check = $state.raw<GoalCheck | null>(null);
	checking = $state(false);
	error = $state<string | null>(null);
	/**
	 * Why the goal file or link last opened was refused (the goal stayed as it was). Kept apart
	 * from `error`, which each check replaces; cleared by the next goal opened, or dismissed.
	 */
	refusal = $state<string | null>(null);
	#timer: ReturnType<typeof setTimeout> | null = null;
	#generation = 0;

	constructor(private data: DataState) {}

	get sql(): string {
		return this.check ? displaySql(this.check.labelSql) : '';
	}

	async usePreset(id: PresetId, keepAttributes = true): Promise<void> {
		const types = this.data.report?.eventTypes.map((e) => e.event) ?? [];
		let spec = presetSpec(id, types);
		if (id === 'highValue30' && this.data.isLoaded) {
			const threshold = await highValueThreshold(spec, this.data.eventColumns).catch(
				() => undefined
			);
			spec = presetSpec(id, types, threshold);
		}
		// Profile attributes chosen before stay chosen (unless the data changed).
		this.refusal = null;
		this.spec = {
			...spec,
			profileAttributes: keepAttributes ? (this.spec.profileAttributes ?? []) : []
		};
		this.scheduleCheck();
	}

	/** Replaces the spec (from the editor), then checks it after a pause in typing. */
	update(patch: Partial<GoalSpec>): void {
		this.spec = { ...this.spec, ...patch };
		this.scheduleCheck();
	}

	/**
	 * New data: the last check counted the old data, so it is not shown while the new one runs,
	 * and a check still running on the old data is dropped.
	 */
	forgetCheck(): void {
		this.#generation++;
		this.check = null;
		this.error = null;
		this.checking = false;
	}

	scheduleCheck(delayMs = 250): void {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = setTimeout(() => void this.runCheck(), delayMs);
	}

	/** Runs the check now; a newer check makes an older one's result be dropped. */
	async runCheck(): Promise<void> {
		if (!this.data.isLoaded) return;
		const generation = ++this.#generation;
		this.checking = true;
		try {
			const result = await checkGoal(
				await getDb(),
				this.spec,
				{ eventColumns: this.data.eventColumns, profileColumns: this.data.profileColumns },
				goalCountedEvents()
			);
			if (generation !== this.#generation) return;
			this.check = result;
			this.error = null;
		} catch (e) {
			if (generation !== this.#generation) return;
			this.check = null;
			this.error = errorMessage(e);
		} finally {
			if (generation === this.#generation) this.checking = false;
		}
	}

	/** The loaded data, as a goal from outside is checked against it. */
	#goalData(): GoalData | null {
		const report = this.data.report;
		if (!report) return null;
		return {
			eventColumns: this.data.eventColumns,
			fileColumns: this.data.files.map((f) => f.source.columns.map((c) => c.name)),
			profileColumns: this.data.profileSource?.columns.map((c) => c.name) ?? null,
			start: report.start,
			end: report.end
		};
	}

	/**
	 * Opens a goal spec (the JSON contract: a goal file, a link's goal). It is checked whole first
	 * — its shape and limits, and against the loaded data every column it names and its scoring
	 * cutoff — and refused, with `refusal` saying why and nothing changed, unless all of it fits.
	 * Its `data.events` mapping, when present, is then applied to the loaded events. `from` says
	 * where it came from, for messages. Returns whether it was applied and checks.
	 */
	async importJson(text: string, from: GoalSource = 'file'): Promise<boolean> {
		const { who, fix } = GOAL_SOURCES[from];
		let spec: GoalSpec;
		try {
			spec = parseGoalText(text);
		} catch (e) {
			this.refusal = `${who} cannot be used, so the goal was not changed. ${sentence(errorMessage(e))} ${fix}`;
			return false;
		}
		const data = this.#goalData();
		const problems = data ? goalDataProblems(spec, data) : [];
		if (problems.length) {
			this.refusal = `${who} does not fit the loaded data, so the goal was not changed. ${problems.join(' ')}`;
			return false;
		}
		const mapping = spec.data?.events;
		if (mapping && this.data.isLoaded && !sameMapping(mapping, this.data.mapping)) {
			if (!(await this.data.applyMappingToAll(mapping))) {
				this.refusal = `${who} does not fit the loaded data, so the goal was not changed. Its column mapping: ${this.data.error}`;
				return false;
			}
		}
		const profileId = spec.data?.profiles?.customerId;
		if (profileId && this.data.profileSource && profileId !== this.data.profileIdColumn)
			await this.data.setProfileId(profileId);
		this.spec = spec;
		this.refusal = null;
		this.error = null;
		await this.runCheck();
		return this.error === null;
	}

	/** Opens a goal file; one too large to be a goal is refused before it is read. */
	async openFile(file: { name: string; size: number; text(): Promise<string> }): Promise<boolean> {
		// A character takes at most 4 bytes: a larger file cannot hold a goal within the limit.
		if (file.size > 4 * GOAL_LIMITS.textChars) {
			this.refusal = `${file.name} cannot be used, so the goal was not changed: at ${(file.size / 1e6).toFixed(1)} MB it is too large to be a goal file. Open a goal file made with “Save goal file”.`;
			return false;
		}
		let text: string;
		try {
			text = await file.text();
		} catch (e) {
			this.refusal = `${file.name} could not be read (${errorMessage(e)}), so the goal was not changed.`;
			return false;
		}
		return this.importJson(text);
	}

	/** The spec with the current mapping, as a file others can read (DESIGN.md contract). */
	exportJson(): string {
		const data: GoalSpec['data'] = {};
		if (this.data.mapping) data.events = this.data.mapping;
		if (this.data.profileIdColumn) data.profiles = { customerId: this.data.profileIdColumn };
		return JSON.stringify({ ...this.spec, data }, null, 2);
	}
}

/** Where a goal spec being opened came from, for what refusals say. */
export type GoalSource = 'file' | 'link' | 'model';

const GOAL_SOURCES: Record<GoalSource, { who: string; fix: string }> = {
	file: {
		who: 'This goal file',
		fix: 'Correct it (or save it again with “Save goal file”) and open it again.'
	},
	link: { who: 'The goal in this link', fix: 'Ask for the link again, or for the goal file.' },
	model: {
		who: 'The saved model’s goal',
		fix: 'Open the project file again, or save it again from where it was trained.'
	}
};

/** A validator's message as a sentence: "goal spec $.name: too long" → "At $.name: too long." */
function sentence(message: string): string {
	const s = message.replace(/^goal spec /, 'At ');
	return s.charAt(0).toUpperCase() + s.slice(1) + (/[.!?]$/.test(s) ? '' : '.');
}

function sameMapping(a: EventMapping, b: EventMapping | null): boolean {
	if (!b) return false;
	const norm = (m: EventMapping) =>
		JSON.stringify([
			m.customerId,
			m.timestamp,
			m.timestampFormat ?? null,
			m.event ?? null,
			m.event ? null : (m.eventName ?? null),
			m.value ?? null,
			m.value ? (m.valueTimes ?? null) : null
		]);
	return norm(a) === norm(b);
}
