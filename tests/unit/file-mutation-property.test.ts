// Property (issue 13): a valid project file or goal file, damaged at random (seeded, so every run
// tries the same files), is either refused with a message, never an uncaught error, leaving
// whatever is open exactly as it was, or accepted as something that reads back the same when
// saved again (as IndexedDB keeps a project) and stays within the limits. The counts of files
// tried, refused and accepted, and of the kinds of refusal, are asserted so it cannot pass idle.
import { describe, expect, it } from 'vitest';
import { sentences } from '../../src/lib/engine/explain/factors';
import { fingerprint } from '../../src/lib/engine/hash';
import { goalFragment } from '../../src/lib/engine/goal/link';
import { GOAL_LIMITS } from '../../src/lib/engine/goal/limits';
import { goalDataProblems, parseGoalText } from '../../src/lib/engine/goal/read';
import { GoalSpecError } from '../../src/lib/engine/goal/validate';
import type { Condition, GoalSpec } from '../../src/lib/engine/types';
import {
	parseProject,
	ProjectFileError,
	serialiseProject
} from '../../src/lib/state/project-format';
import { ProjectState } from '../../src/lib/state/project.svelte';
import { GOAL_DATA, loadedGoalState, RICH_GOAL } from '../helpers/goal-fixture';
import { Mutator, type Json } from '../helpers/mutate';
import { projectFixture } from '../helpers/project-fixture';

/**
 * A damaged copy of `text`: one to three changes to its JSON, now and then to its text. Half the
 * changes fall within one top-level part picked first, so small parts (the goal, the cutoffs)
 * are damaged as often as large ones (the model's weights).
 */
function damage(text: string, m: Mutator, resign = false): string {
	const doc = JSON.parse(text) as Json;
	const obj = doc as Record<string, Json>;
	const parts = Object.values(obj).filter((x) => x !== null && typeof x === 'object');
	for (let k = 1 + m.int(3); k > 0; k--) m.mutate(m.next() < 0.5 ? m.pick(parts) : doc);
	// Signed again, a changed model gets past its fingerprint to the checks of its shape.
	if (resign && 'model' in obj) obj.modelId = fingerprint(JSON.stringify(obj.model));
	const out = JSON.stringify(doc);
	return m.next() < 0.1 ? m.mutateText(out) : out;
}

function depthOf(c: Condition): number {
	let deepest = 0;
	const stack: [Condition, number][] = [[c, 0]];
	while (stack.length) {
		const [node, d] = stack.pop()!;
		deepest = Math.max(deepest, d);
		const parts = 'all' in node ? node.all : 'any' in node ? node.any : [];
		for (const p of parts) stack.push([p, d + 1]);
	}
	return deepest;
}

function kindOf(message: string): string {
	if (/not valid JSON/.test(message)) return 'json';
	if (/fingerprint/.test(message)) return 'fingerprint';
	if (/goal is invalid/.test(message)) return 'goal';
	if (/damaged: model|its model is incomplete/.test(message)) return 'model shape';
	if (/damaged: [\w.]+: expected/.test(message)) return 'shape';
	if (/damaged/.test(message)) return 'relation';
	return 'other';
}

describe('damaged project files', () => {
	const TRIES = 300;
	const valid = serialiseProject(projectFixture());

	it('are refused with a message and change nothing open, or read back the same', async () => {
		const project = new ProjectState();
		expect(await project.openProject({ name: 'valid.json', text: async () => valid })).toBe(true);
		const open = project.run.result;
		const segments = project.profiles.segments;
		const goal = JSON.stringify(project.goal.spec);
		const kinds = new Map<string, number>();
		let refused = 0;
		let accepted = 0;
		for (let seed = 1; seed <= TRIES; seed++) {
			const m = new Mutator(seed);
			const text = damage(valid, m, seed % 2 === 0);
			const why = `seed ${seed}: ${m.log.join('; ')}`;
			let message: string | null = null;
			try {
				const p = parseProject(text);
				expect(parseProject(serialiseProject(p)), why).toEqual(p);
				const say = sentences(p.features);
				p.features.forEach((_, j) => expect(typeof say(j, 3), why).toBe('string'));
				accepted++;
			} catch (e) {
				if (!(e instanceof ProjectFileError)) throw new Error(`${why}: ${String(e)}`, { cause: e });
				message = e.message;
			}
			if (message === null) continue;
			refused++;
			kinds.set(kindOf(message), (kinds.get(kindOf(message)) ?? 0) + 1);
			expect(message, why).toMatch(
				/^This (project file is damaged: |is not a Propensity|project was saved by a newer)/
			);
			expect(message, why).not.toMatch(/undefined|\[object |TypeError|Cannot read/);
			const step = project.step;
			const ok = await project.openProject({ name: 'damaged.json', text: async () => text });
			expect(ok, why).toBe(false);
			expect(project.projectError, why).toBe(`damaged.json: ${message}`);
			expect(project.run.result, why).toBe(open);
			expect(project.profiles.segments, why).toBe(segments);
			expect(project.step, why).toBe(step);
			expect(JSON.stringify(project.goal.spec), why).toBe(goal);
		}
		expect(refused + accepted).toBe(TRIES);
		expect(refused).toBeGreaterThanOrEqual(TRIES * 0.6);
		expect(accepted).toBeGreaterThanOrEqual(TRIES * 0.1);
		// Every line of defence was reached, not only the first one.
		for (const kind of ['json', 'fingerprint', 'goal', 'model shape', 'shape', 'relation'])
			expect(
				kinds.get(kind) ?? 0,
				`${kind} refusals of ${JSON.stringify([...kinds])}`
			).toBeGreaterThanOrEqual(5);
		expect(kinds.get('other') ?? 0).toBe(0);
	}, 60_000);

	it('kept in this browser never break start-up, and can be forgotten', async () => {
		const good = new ProjectState();
		await good.restoreLatest(async () => valid);
		expect(good.run.result?.spec.name).toBe('Buyers in 30 days');
		expect(good.storedProjectError).toBeNull();
		for (const kept of [{ spec: 1 }, 42, '', '{}']) {
			const project = new ProjectState();
			await project.restoreLatest(async () => kept as string);
			expect(project.run.result).toBeNull();
			expect(project.storedProjectError).toMatch(
				/^The project kept from your last visit could not be restored: /
			);
		}
		let restored = 0;
		let refused = 0;
		for (let seed = 1; seed <= 100; seed++) {
			const m = new Mutator(10_000 + seed);
			const text = damage(valid, m, true);
			const project = new ProjectState();
			await project.restoreLatest(async () => text);
			if (project.run.result) {
				restored++;
				continue;
			}
			refused++;
			expect(project.storedProjectError).toMatch(
				/^The project kept from your last visit could not be restored: .+\.$/
			);
			expect(project.step).toBe('data');
			await project.forgetStoredProject();
			expect(project.storedProjectError).toBeNull();
		}
		expect(refused).toBeGreaterThanOrEqual(50);
		expect(restored + refused).toBe(100);
	}, 60_000);
});

describe('damaged goal files and links', () => {
	const TRIES = 1000;
	const bases = [
		JSON.stringify(RICH_GOAL),
		JSON.stringify({ ...RICH_GOAL, data: undefined, eligible: null })
	];

	it('are refused with a message and change nothing open, or stay within the limits and the data', async () => {
		let refusedByShape = 0;
		let refusedByData = 0;
		let accepted = 0;
		let linksRead = 0;
		for (let seed = 1; seed <= TRIES; seed++) {
			const m = new Mutator(seed);
			const text = damage(m.pick(bases), m);
			const why = `seed ${seed}: ${m.log.join('; ')}`;
			let spec: GoalSpec | null = null;
			let problems: string[] = [];
			try {
				spec = parseGoalText(text);
				problems = goalDataProblems(spec, GOAL_DATA);
			} catch (e) {
				if (!(e instanceof GoalSpecError)) throw new Error(`${why}: ${String(e)}`, { cause: e });
				refusedByShape++;
			}
			const link = new ProjectState();
			link.openLink(goalFragment(text));
			expect(link.linkedGoal !== null, why).toBe(spec !== null);
			if (link.linkedGoal) linksRead++;
			else
				expect(link.linkNotice, why).toMatch(
					/^The goal link could not be read: the goal in this link is/
				);
			if (spec && !problems.length) {
				accepted++;
				expect(parseGoalText(JSON.stringify(spec)), why).toEqual(spec);
				expect(spec.name.length).toBeLessThanOrEqual(GOAL_LIMITS.nameChars);
				expect(depthOf(spec.goal)).toBeLessThanOrEqual(GOAL_LIMITS.depth);
				if (spec.scoringCutoff) {
					const t = Date.parse(spec.scoringCutoff);
					expect(t > GOAL_DATA.start && t <= GOAL_DATA.end + 86_400_000, why).toBe(true);
				}
				continue;
			}
			if (spec) refusedByData++;
			const { goal, data } = loadedGoalState();
			const before = JSON.stringify(goal.spec);
			const files = data.files;
			expect(await goal.importJson(text), why).toBe(false);
			expect(goal.refusal, why).toMatch(/so the goal was not changed\. \S/);
			expect(goal.refusal, why).not.toMatch(/undefined|\[object |TypeError|Cannot read/);
			expect(JSON.stringify(goal.spec), why).toBe(before);
			expect(data.files, why).toBe(files);
		}
		expect(refusedByShape + refusedByData + accepted).toBe(TRIES);
		expect(refusedByShape).toBeGreaterThanOrEqual(TRIES * 0.3);
		expect(refusedByData).toBeGreaterThanOrEqual(TRIES * 0.03);
		expect(accepted).toBeGreaterThanOrEqual(TRIES * 0.1);
		expect(linksRead).toBe(refusedByData + accepted);
	}, 60_000);
});
