// The project: data, goal and run state, and which of the five steps is open. Each step is
// reachable only when the one before has what it needs; going back loses nothing.
import { yieldToPage } from '../engine/slices';
import { contactKindOf } from '../engine/contacts';
import { DestinationState } from './destinations.svelte';
import { createContext } from 'svelte';
import { DataState, errorMessage } from './data.svelte';
import { GoalState } from './goal.svelte';
import { InsightsState } from './insights.svelte';
import { ProfilesState } from './profiles.svelte';
import { readGoalLink, type LinkedGoal } from '../engine/goal/link';
import { RunState, type RunResult } from './run.svelte';
import { parseProject, ProjectFileError, type ProjectFile } from './project-format';
import { projectText, unscored } from './project-file';
import { forgetProject, keepProject, latestProject } from './project-store';
import { slug, type ResultFile } from './result-files';

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
	destination = new DestinationState(this.data);
	step = $state<StepId>('data');
	/** A goal from a shared link (checked), applied once data is loaded. */
	linkedGoal = $state.raw<LinkedGoal | null>(null);
	/** What became of the link's goal, for the Goal step. */
	linkNotice = $state<string | null>(null);
	/** The project file just opened or restored, in words; or why one could not be opened. */
	projectNotice = $state<string | null>(null);
	projectError = $state<string | null>(null);
	/** Why the project kept from the last visit could not be restored (it can be forgotten). */
	storedProjectError = $state<string | null>(null);

	/** Reads a goal from the page's URL fragment (`#goal=…`), if it carries one; a bad one says so. */
	openLink(hash: string): void {
		try {
			this.linkedGoal = readGoalLink(hash);
		} catch (e) {
			this.linkNotice = `The goal link could not be read: ${errorMessage(e)}. Ask for the link again, or for the goal file.`;
		}
	}

	/** The link's name for the goal it carries (for the Data step), or null. */
	get linkedGoalName(): string | null {
		return this.linkedGoal?.spec.name ?? null;
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
		const { generateDemoBytes } = await import('../engine/demo/generate');
		const demo = await generateDemoBytes({}, yieldToPage);
		const events = { name: 'demo-events.csv', contents: demo.events };
		if (!(await this.data.openEvents([events]))) return;
		// The goal is set as soon as the events are in (the Goal step opens then), and the
		// profile attributes join it once the profiles are: unless the user has changed the goal
		// meanwhile (a preset picked while the profiles loaded was overwritten by the default).
		this.#afterNewData(false);
		const preset = this.goal.spec;
		await this.data.openProfiles({ name: 'demo-profiles.csv', contents: demo.profiles }, 'ecid');
		if (!this.run.result && this.goal.spec === preset)
			this.goal.update({
				profileAttributes: this.data.attributeColumns
					.filter((c) => contactKindOf(c.name) === null)
					.map((c) => c.name)
			});
		// A shared link's goal may name profile attributes: it is applied with the profiles in.
		if (this.linkedGoal) void this.#applyLinkedGoal(this.linkedGoal);
	}

	/**
	 * A goal for new data: a trained model's (the model stays, to score the new data without
	 * retraining; its old scores go), else the default preset; a shared link's goal wins.
	 */
	#afterNewData(applyLink = true): void {
		this.goal.forgetCheck();
		const kept = this.run.result;
		if (kept) {
			this.run.result = unscored(kept);
			void this.#adoptModelGoal(kept);
		} else {
			void this.goal.usePreset('purchase30', false);
		}
		if (applyLink && this.linkedGoal) void this.#applyLinkedGoal(this.linkedGoal);
		void this.run.prepareBackend();
	}

	/** The model's goal, with the column mapping it was trained with where the data has those columns. */
	async #adoptModelGoal(r: RunResult): Promise<void> {
		// eslint-disable-next-line @typescript-eslint/no-unused-vars -- replaced by the trained mapping
		const { data, ...spec } = r.spec;
		const { mapping, profileIdColumn } = r.trainedOn;
		const withData =
			mapping && this.data.fitsAny(mapping)
				? {
						...spec,
						data: {
							events: mapping,
							...(profileIdColumn ? { profiles: { customerId: profileIdColumn } } : {})
						}
					}
				: spec;
		await this.goal.importJson(JSON.stringify(withData), 'model');
	}

	/** Opens a project file; a bad one sets `projectError` and changes nothing. */
	async openProject(file: { name: string; text(): Promise<string> }): Promise<boolean> {
		this.projectError = null;
		if (this.run.isRunning) {
			this.projectError =
				'Wait for the running work to finish, or cancel it, before opening a project.';
			return false;
		}
		let p: ProjectFile;
		try {
			p = parseProject(await file.text());
		} catch (e) {
			this.projectError = `${file.name}: ${errorMessage(e)}`;
			return false;
		}
		await this.#useProject(p);
		this.projectNotice = `Opened the project “${p.spec.name}” from ${file.name} (saved ${savedDay(p)}). ${NEXT_STEP}`;
		return true;
	}

	/**
	 * Restores the project kept from the last visit, if any (before any data is loaded). One that
	 * cannot be read sets `storedProjectError` and is kept until the user forgets it; start-up
	 * goes on either way. `read` gives the kept text (this browser's IndexedDB).
	 */
	async restoreLatest(read: () => Promise<string | null> = latestProject): Promise<void> {
		try {
			// Typed as text, but IndexedDB gives back whatever was put there.
			const text: unknown = await read();
			if (text === null || text === undefined || this.run.result) return;
			if (typeof text !== 'string') throw new Error('what is kept is not a project file');
			const p = parseProject(text);
			await this.#useProject(p);
			this.projectNotice = `Restored your last project, “${p.spec.name}” (saved ${savedDay(p)}). ${NEXT_STEP}`;
		} catch (e) {
			const problem = e instanceof ProjectFileError ? e.problem : errorMessage(e);
			this.storedProjectError = `The project kept from your last visit could not be restored: ${problem.replace(/\.?$/, '.')}`;
		}
	}

	/** Forgets the kept project that could not be restored. */
	async forgetStoredProject(): Promise<void> {
		this.storedProjectError = null;
		if (!this.run.result) await forgetProject();
	}

	async #useProject(p: ProjectFile): Promise<void> {
		const r = unscored(p);
		this.run.result = r;
		this.run.error = null;
		this.run.notice = null;
		this.profiles.segments = p.segments;
		this.profiles.clearFilter();
		this.insights.driver = null;
		this.insights.shape = null;
		if (this.data.isLoaded) await this.#adoptModelGoal(r);
		this.step = 'insights';
	}

	/** The project as a file: goal, model, metrics, segments; never the data or any score. */
	saveProject(): ResultFile | null {
		const r = this.run.result;
		if (!r) return null;
		return {
			blob: new Blob([projectText(r, $state.snapshot(this.profiles.segments))], {
				type: 'application/json'
			}),
			fileName: `${slug(r)}.propensity.json`
		};
	}

	/** Keeps the project in this browser for the next visit (after each change to it). */
	async persist(): Promise<void> {
		const r = this.run.result;
		if (r) await keepProject(projectText(r, $state.snapshot(this.profiles.segments)));
	}

	/** Closes the model and its segments, and forgets the kept project; loaded data stays. */
	async closeProject(): Promise<void> {
		if (this.run.isRunning) return;
		this.run.result = null;
		this.profiles.segments = [];
		this.projectNotice = null;
		this.projectError = null;
		await forgetProject();
		this.step = 'data';
	}

	/** A refused link's goal leaves the goal as it was; the Goal step says why (`goal.refusal`). */
	async #applyLinkedGoal(link: LinkedGoal): Promise<void> {
		this.linkedGoal = null;
		this.linkNotice = (await this.goal.importJson(link.text, 'link'))
			? `This goal came from a link: “${this.goal.spec.name}”.`
			: null;
	}
}

const NEXT_STEP =
	'Its insights are below; to score customers with it, load a newer event file (and the profile file, if it used one), then choose “Score with the saved model” in the Train step.';

function savedDay(p: ProjectFile): string {
	return p.savedAt.slice(0, 16).replace('T', ' ') + ' UTC';
}

export const [getProject, setProject] = createContext<ProjectState>();
