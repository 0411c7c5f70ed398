// The Goal step's state: the goal spec being edited, presets, import/export of the JSON contract,
// and the debounced live check (matching events, compiled SQL, whether cutoffs fit the data).
import { checkGoal, type GoalCheck } from '../db/goal-check';
import { displaySql } from '../engine/sql/fragment';
import { parseGoalSpec } from '../engine/goal/validate';
import type { EventMapping, GoalSpec } from '../engine/types';
import { errorMessage, type DataState } from './data.svelte';
import { getDb } from './engines';

export type PresetId = 'purchase30' | 'churn30' | 'repeat90';

export const PRESETS: { id: PresetId; label: string }[] = [
	{ id: 'purchase30', label: 'Purchase in the next 30 days' },
	{ id: 'churn30', label: 'Churn: no activity in the next 30 days' },
	{ id: 'repeat90', label: 'Purchase in the next 90 days' }
];

/** The event type that means "purchase" in this data, if there is one. */
function purchaseType(eventTypes: string[]): string | null {
	if (eventTypes.length <= 1) return null;
	return eventTypes.find((t) => /purchase|order|transaction|buy/i.test(t)) ?? null;
}

export function presetSpec(id: PresetId, eventTypes: string[]): GoalSpec {
	const purchase = purchaseType(eventTypes);
	const purchaseGoal: GoalSpec['goal'] = purchase
		? { all: [{ field: 'event', op: 'eq', value: purchase }] }
		: { all: [] };
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
				goal: purchaseGoal,
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
			return {
				...base,
				name: 'Purchase in the next 90 days',
				kind: 'conversion',
				goal: purchaseGoal,
				outcomeWindowDays: 90,
				lookbackDays: 365
			};
	}
}

export class GoalState {
	spec = $state<GoalSpec>(presetSpec('purchase30', []));
	check = $state.raw<GoalCheck | null>(null);
	checking = $state(false);
	error = $state<string | null>(null);
	#timer: ReturnType<typeof setTimeout> | null = null;
	#generation = 0;

	constructor(private data: DataState) {}

	get sql(): string {
		return this.check ? displaySql(this.check.labelSql) : '';
	}

	usePreset(id: PresetId): void {
		this.spec = presetSpec(id, this.data.report?.eventTypes.map((e) => e.event) ?? []);
		this.scheduleCheck();
	}

	/** Replaces the spec (from the editor), then checks it after a pause in typing. */
	update(patch: Partial<GoalSpec>): void {
		this.spec = { ...this.spec, ...patch };
		this.scheduleCheck();
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
			const result = await checkGoal(await getDb(), this.spec, {
				eventColumns: this.data.eventColumns,
				profileColumns: this.data.profileColumns
			});
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

	/**
	 * Opens a goal spec file (the JSON contract). Its `data.events` mapping, when present, is
	 * applied to the loaded events. Returns false, with `error` set, when the file is invalid.
	 */
	async importJson(text: string): Promise<boolean> {
		let spec: GoalSpec;
		try {
			spec = parseGoalSpec(JSON.parse(text));
		} catch (e) {
			this.error = `This goal file cannot be used: ${errorMessage(e)}`;
			return false;
		}
		const mapping = spec.data?.events;
		if (mapping && this.data.isLoaded && !sameMapping(mapping, this.data.mapping)) {
			if (!(await this.data.applyMappingToAll(mapping))) {
				this.error = `The goal file's column mapping does not fit the loaded data: ${this.data.error}`;
				return false;
			}
		}
		const profileId = spec.data?.profiles?.customerId;
		if (profileId && this.data.profileSource && profileId !== this.data.profileIdColumn)
			await this.data.setProfileId(profileId);
		this.spec = spec;
		this.error = null;
		await this.runCheck();
		return this.error === null;
	}

	/** The spec with the current mapping, as a file others can read (DESIGN.md contract). */
	exportJson(): string {
		const data: GoalSpec['data'] = {};
		if (this.data.mapping) data.events = this.data.mapping;
		if (this.data.profileIdColumn) data.profiles = { customerId: this.data.profileIdColumn };
		return JSON.stringify({ ...this.spec, data }, null, 2);
	}
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
