import { describe, expect, it } from 'vitest';
import { goalDataProblems, parseGoalText } from '../../src/lib/engine/goal/read';
import { GoalSpecError } from '../../src/lib/engine/goal/validate';
import { GOAL_DATA, loadedGoalState, RICH_GOAL } from '../helpers/goal-fixture';

const problems = (patch: object) =>
	goalDataProblems(parseGoalText(JSON.stringify({ ...RICH_GOAL, ...patch })), GOAL_DATA);

describe('goal files against the loaded data', () => {
	it('accept a goal whose every column exists and whose cutoff lies within the events', () => {
		expect(problems({})).toEqual([]);
		expect(problems({ scoringCutoff: '2024-07-01T00:00:00Z' })).toEqual([]);
	});

	it('name a column that does not exist, and the columns there are', () => {
		const [p] = problems({ goal: { all: [{ field: 'colour', op: 'eq', value: 'red' }] } });
		expect(p).toMatch(/names the column “colour”, which the loaded events do not have/);
		expect(p).toMatch(/“event”, “value” or one of “sku”, “web”, “customer_id”, “ts”/);
		expect(p).not.toMatch(/__/);
	});

	it('find unknown columns in exclusions, custom events, eligibility and attributes', () => {
		const out = problems({
			exclude: { field: 'x1', op: 'exists' },
			customEvents: [{ name: 'A', when: { field: 'x2', op: 'exists' } }],
			eligible: {
				any: [
					{ notHad: { field: 'x3', op: 'exists' }, withinDays: 30 },
					{ attribute: 'x4', op: 'eq', value: 1 }
				]
			},
			profileAttributes: ['x5']
		});
		for (const name of ['x1', 'x2', 'x3']) expect(out.join(' ')).toContain(`column “${name}”`);
		for (const name of ['x4', 'x5']) expect(out.join(' ')).toContain(`attribute “${name}”`);
	});

	it('check profile attributes only when a profile file is loaded', () => {
		const spec = parseGoalText(JSON.stringify({ ...RICH_GOAL, profileAttributes: ['x5'] }));
		expect(goalDataProblems(spec, { ...GOAL_DATA, profileColumns: null })).toEqual([]);
	});

	it('find a mapping or profile id naming columns no file has', () => {
		const [m] = problems({ data: { events: { ...RICH_GOAL.data.events, value: 'price' } } });
		expect(m).toMatch(/column mapping names “price”, which no loaded event file has/);
		const [p] = problems({ data: { ...RICH_GOAL.data, profiles: { customerId: 'id' } } });
		expect(p).toMatch(/profile id column “id” is not in the profile file/);
	});

	it('refuse a scoring cutoff outside the events, saying the span', () => {
		for (const cutoff of ['2023-06-01', '2024-01-01', '2024-07-02', '2099-01-01']) {
			const [p] = problems({ scoringCutoff: cutoff });
			expect(p).toMatch(
				/outside the loaded events, which run from 2024-01-01 to 2024-06-30: use a date from 2024-01-02 to 2024-07-01/
			);
		}
	});

	it('refuse a scoring cutoff of "1" and other non-dates before the data is even looked at', () => {
		for (const cutoff of [
			'1',
			'2024',
			'2024-02-30',
			'30/06/2024',
			'2024-06-30 12:00',
			'1800-01-01'
		])
			expect(() => problems({ scoringCutoff: cutoff })).toThrow(
				/\$\.scoringCutoff: expected an ISO date/
			);
	});
});

describe('opening a goal file in the Goal step', () => {
	it.each([
		[
			'a column that does not exist',
			{ goal: { field: 'colour', op: 'eq', value: 'red' } },
			/does not fit the loaded data.*“colour”/
		],
		[
			'a cutoff outside the data',
			{ scoringCutoff: '2030-01-01' },
			/does not fit the loaded data.*scoring cutoff 2030-01-01/
		],
		[
			'a name of 300,000 characters',
			{ name: 'x'.repeat(300_000) },
			/cannot be used.*name is 300,000 characters long; a goal name can have at most 200/
		],
		[
			'a name of a million characters',
			{ name: 'x'.repeat(1_000_000) },
			/cannot be used.*characters long/
		],
		[
			'a condition nested 200 deep',
			{ goal: nested(200) },
			/cannot be used.*nested more than 20 groups deep/
		]
	])('refuses %s and keeps the goal and the data as they were', async (_, patch, message) => {
		const { goal, data } = loadedGoalState();
		const before = JSON.stringify(goal.spec);
		const files = data.files;
		expect(await goal.importJson(JSON.stringify({ ...RICH_GOAL, ...patch }))).toBe(false);
		expect(goal.refusal).toMatch(message);
		expect(goal.refusal).toMatch(/so the goal was not changed/);
		expect(JSON.stringify(goal.spec)).toBe(before);
		expect(data.files).toBe(files);
		expect(data.mapping).toEqual(RICH_GOAL.data.events);
	});

	it('refuses a goal file too large to be one before reading it', async () => {
		const { goal } = loadedGoalState();
		let read = false;
		const file = {
			name: 'big.json',
			size: 50e6,
			text: () => ((read = true), Promise.resolve('{}'))
		};
		expect(await goal.openFile(file)).toBe(false);
		expect(read).toBe(false);
		expect(goal.refusal).toMatch(/big\.json cannot be used.*50\.0 MB it is too large/);
	});

	it('says a truncated goal file is cut short', () => {
		const text = JSON.stringify(RICH_GOAL);
		for (const n of [1, 10, text.length / 2, text.length - 1])
			expect(() => parseGoalText(text.slice(0, n))).toThrow(GoalSpecError);
	});
});

function nested(depth: number): object {
	let c: object = { field: 'event', op: 'eq', value: 'purchase' };
	for (let i = 0; i < depth; i++) c = { all: [c] };
	return c;
}
