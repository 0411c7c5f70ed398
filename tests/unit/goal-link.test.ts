import { describe, expect, it } from 'vitest';
import { goalFragment, goalFromFragment, readGoalLink } from '../../src/lib/engine/goal/link';
import { ProjectState } from '../../src/lib/state/project.svelte';
import { RICH_GOAL } from '../helpers/goal-fixture';

describe('goal links', () => {
	it('carry a goal spec through the URL fragment unchanged, unicode included', () => {
		const json = JSON.stringify({ version: 1, name: 'Achat > 50 € — «VIP»', kind: 'churn' });
		const hash = goalFragment(json);
		expect(hash).toMatch(/^#goal=[A-Za-z0-9_-]+$/);
		expect(goalFromFragment(hash)).toBe(json);
		expect(goalFromFragment(hash.slice(1))).toBe(json);
	});
	it('say nothing about fragments without a goal', () => {
		expect(goalFromFragment('')).toBeNull();
		expect(goalFromFragment('#section-2')).toBeNull();
	});
	it('say a link is damaged when its goal cannot be decoded', () => {
		const hash = goalFragment(JSON.stringify({ name: 'été' }));
		expect(() => goalFromFragment('#goal=@@@')).toThrow(/damaged/);
		// Cut in the middle of a multi-byte character: not valid UTF-8.
		expect(() => goalFromFragment(hash.slice(0, hash.length - 4))).toThrow(/damaged/);
	});
	it('are read whole and checked as goal files are', () => {
		const link = readGoalLink(goalFragment(JSON.stringify(RICH_GOAL)));
		expect(link?.spec.name).toBe(RICH_GOAL.name);
		expect(readGoalLink('#section-2')).toBeNull();
		const long = goalFragment(JSON.stringify({ ...RICH_GOAL, name: 'x'.repeat(1_000) }));
		expect(() => readGoalLink(long)).toThrow(
			/not a valid goal .*\$\.name: the name is 1,000 characters/
		);
		expect(() => readGoalLink(goalFragment('{"name":"a"}'))).toThrow(/not a valid goal/);
	});

	it('cut short anywhere are refused, never taken as an unnamed goal', () => {
		const hash = goalFragment(JSON.stringify(RICH_GOAL));
		const start = '#goal='.length;
		let refused = 0;
		for (let n = start; n < hash.length; n++) {
			const project = new ProjectState();
			project.openLink(hash.slice(0, n));
			expect(project.linkedGoal).toBeNull();
			expect(project.linkedGoalName).toBeNull();
			expect(project.linkNotice).toMatch(
				/^The goal link could not be read: the goal in this link is damaged.*Ask for the link again/
			);
			refused++;
		}
		expect(refused).toBe(hash.length - start);
		const whole = new ProjectState();
		whole.openLink(hash);
		expect(whole.linkedGoalName).toBe(RICH_GOAL.name);
		expect(whole.linkNotice).toBeNull();
	});

	it('refuse a fragment too long to hold a goal before decoding it', () => {
		expect(() => goalFromFragment('#goal=' + 'A'.repeat(4_000_001))).toThrow(/too long/);
	});
});
