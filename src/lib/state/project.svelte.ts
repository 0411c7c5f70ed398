// The project: data, goal and run state, and which of the five steps is open. Each step is
// reachable only when the one before has what it needs; going back loses nothing.
import { createContext } from 'svelte';
import { DataState, errorMessage } from './data.svelte';
import { GoalState } from './goal.svelte';
import { InsightsState } from './insights.svelte';
import { ProfilesState } from './profiles.svelte';
import { goalFromFragment } from '../engine/goal/link';
import { RunState } from './run.svelte';

export type StepId = 'data' | 'goal' | 'train' | 'insights' | 'profiles';

export const STEPS: { id: StepId; label: string; needs: string }[] = [
	{ id: 'data', label: 'Data', needs: '' },
	{ id: 'goal', label: 'Goal', needs: 'Load an event log first.' },
	{ id: 'train', label: 'Train', needs: 'Load an event log first.' },
	{ id: 'insights', label: 'Insights', needs: 'Train a model first.' },
	{ id: 'profiles', label: 'Profiles & export', needs: 'Train a model first.' }
];

export class ProjectState {
	data = new DataState();
	goal = new GoalState(this.data);
	run = new RunState(this.data);
	insights = new InsightsState();
	profiles = new ProfilesState();
	step = $state<StepId>('data');
	/** A goal spec (JSON text) from a shared link, applied once data is loaded. */
	linkedGoal = $state<string | null>(null);
	/** What became of the link's goal, for the Goal step. */
	linkNotice = $state<string | null>(null);

	/** Reads a goal from the page's URL fragment (`#goal=…`), if it carries one. */
	openLink(hash: string): void {
		try {
			this.linkedGoal = goalFromFragment(hash);
		} catch (e) {
			this.linkNotice = `The goal link could not be read: ${errorMessage(e)}.`;
		}
	}

	/** The link's name for the goal it carries (for the Data step), or null. */
	get linkedGoalName(): string | null {
		if (!this.linkedGoal) return null;
		try {
			const name = (JSON.parse(this.linkedGoal) as { name?: unknown }).name;
			return typeof name === 'string' ? name : 'unnamed goal';
		} catch {
			return 'unnamed goal';
		}
	}

	isReachable(step: StepId): boolean {
		if (step === 'data') return true;
		if (step === 'goal' || step === 'train') return this.data.isLoaded;
		return this.run.result !== null;
	}

	go(step: StepId): void {
		if (!this.isReachable(step)) return;
		this.step = step;
		// The data may have changed since the goal was last checked.
		if (step === 'goal') this.goal.scheduleCheck(0);
	}

	/** New event files invalidate the model trained on the old ones; `append` adds to them. */
	async openEventFiles(files: File[], append = false): Promise<void> {
		if (files.length && (await this.data.openEvents(files, append))) this.#afterNewData();
	}

	async loadDemo(): Promise<void> {
		this.data.busy = 'Generating the demo dataset…';
		const { generateDemo } = await import('../engine/demo/generate');
		const demo = generateDemo();
		const enc = new TextEncoder();
		const events = { name: 'demo-events.csv', contents: enc.encode(demo.eventsCsv) };
		if (!(await this.data.openEvents([events]))) return;
		await this.data.openProfiles(
			{ name: 'demo-profiles.csv', contents: enc.encode(demo.profilesCsv) },
			'ecid'
		);
		this.#afterNewData(this.data.attributeColumns.map((c) => c.name));
	}

	/** A fresh goal for new data: the default preset, or the goal a link carried. */
	#afterNewData(profileAttributes: string[] = []): void {
		this.run.result = null;
		void this.goal.usePreset('purchase30', false);
		if (profileAttributes.length) this.goal.update({ profileAttributes });
		if (this.linkedGoal) void this.#applyLinkedGoal(this.linkedGoal);
		void this.run.prepareBackend();
	}

	async #applyLinkedGoal(text: string): Promise<void> {
		this.linkedGoal = null;
		this.linkNotice = (await this.goal.importJson(text))
			? `This goal came from a link: “${this.goal.spec.name}”.`
			: null;
	}
}

export const [getProject, setProject] = createContext<ProjectState>();
