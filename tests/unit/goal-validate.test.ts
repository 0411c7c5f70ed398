import { describe, expect, it } from 'vitest';
import { GoalSpecError, parseGoalSpec } from '../../src/lib/engine/goal/validate';

const DESIGN_EXAMPLE = {
	version: 1,
	name: 'Repeat purchase in 90 days',
	data: {
		events: {
			customerId: 'customer_id',
			timestamp: 'date',
			timestampFormat: '%Y%m%d',
			event: null,
			eventName: 'purchase',
			value: 'dollar_value'
		},
		profiles: { customerId: 'customerID' }
	},
	kind: 'conversion',
	goal: { all: [{ field: 'event', op: 'eq', value: 'purchase' }] },
	outcomeWindowDays: 90,
	lookbackDays: 365,
	eligible: { all: [{ had: { all: [] }, withinDays: 365 }] },
	customEvents: [{ name: 'Big order', when: { all: [{ field: 'value', op: 'gte', value: 100 }] } }],
	profileAttributes: ['Contract', 'tenure'],
	scoringCutoff: null
};

describe('parseGoalSpec(json)', () => {
	it('accepts the example of the contract in DESIGN.md', () => {
		const spec = parseGoalSpec(DESIGN_EXAMPLE);
		expect(spec.kind).toBe('conversion');
		expect(spec.data?.events).toMatchObject({
			customerId: 'customer_id',
			event: null,
			eventName: 'purchase'
		});
		expect(spec.data?.profiles).toEqual({ customerId: 'customerID' });
		expect(spec.customEvents).toHaveLength(1);
		expect(spec.eligible).toEqual(DESIGN_EXAMPLE.eligible);
	});

	it('accepts every operator with the value shape it needs', () => {
		const goal = {
			any: [
				{ field: 'a', op: 'eq', value: 1 },
				{ field: 'a', op: 'in', value: [1, 2] },
				{ field: 'a', op: 'between', value: [1, 2] },
				{ field: 'a', op: 'exists' },
				{ field: 'a', op: 'notExists' },
				{ field: 'a', op: 'endsWith', value: 'x' }
			]
		};
		expect(parseGoalSpec({ ...DESIGN_EXAMPLE, goal }).goal).toEqual(goal);
	});

	it.each([
		[{ version: 2 }, '$.version'],
		[{ kind: 'maybe' }, '$.kind'],
		[{ outcomeWindowDays: 0 }, '$.outcomeWindowDays'],
		[{ outcomeWindowDays: 400 }, '$.outcomeWindowDays'],
		[{ goal: { field: 'x', op: 'like', value: 1 } }, '$.goal.op'],
		[{ goal: { all: [{ field: 'x', op: 'in', value: [] }] } }, '$.goal.all[0].value'],
		[{ goal: { all: [{ field: 'x', op: 'between', value: [1] }] } }, '$.goal.all[0].value'],
		[{ eligible: { had: { all: [] } } }, '$.eligible.withinDays'],
		[{ eligible: { sometimes: true } }, '$.eligible'],
		[
			{
				customEvents: [
					{ name: 'A', when: { all: [] } },
					{ name: 'A', when: { all: [] } }
				]
			},
			'$.customEvents[1].name'
		],
		[{ scoringCutoff: 'last tuesday' }, '$.scoringCutoff'],
		[{ scoringCutoff: '1' }, '$.scoringCutoff'],
		[{ scoringCutoff: '2024-02-30' }, '$.scoringCutoff'],
		[{ scoringCutoff: '2024-06-30 10:00' }, '$.scoringCutoff'],
		[{ scoringCutoff: 20240630 }, '$.scoringCutoff'],
		[{ name: 'x'.repeat(201) }, '$.name'],
		[{ name: 42 }, '$.name'],
		[{ goal: { all: [{ field: 'x'.repeat(1001), op: 'exists' }] } }, '$.goal.all[0].field'],
		[{ goal: { all: [{ field: 'x', op: 'eq', value: 'v'.repeat(1001) }] } }, '$.goal.all[0].value'],
		[
			{ goal: { all: [{ field: 'x', op: 'in', value: Array(1001).fill(1) }] } },
			'$.goal.all[0].value'
		],
		[{ goal: { all: [{ field: 'x', op: 'gt', value: Infinity }] } }, '$.goal.all[0].value'],
		[{ goal: { all: Array(1001).fill({ field: 'x', op: 'exists' }) } }, '$.goal.all[999]'],
		[{ customEvents: Array(51).fill({ name: 'A', when: { all: [] } }) }, '$.customEvents'],
		[{ profileAttributes: 'tier' }, '$.profileAttributes'],
		[{ data: { events: { customerId: 'c', timestamp: 't', event: null } } }, '$.data.events']
	])('rejects %j at %s', (patch, path) => {
		const err = (() => {
			try {
				parseGoalSpec({ ...DESIGN_EXAMPLE, ...patch });
			} catch (e) {
				return e;
			}
		})();
		expect(err).toBeInstanceOf(GoalSpecError);
		expect((err as GoalSpecError).path).toBe(path);
	});

	it('accepts ISO dates and timestamps as the scoring cutoff', () => {
		for (const d of [
			'2024-06-30',
			'2024-06-30T00:00',
			'2024-06-30T12:00:00.000Z',
			'2024-06-30T12:00:00+02:00'
		])
			expect(parseGoalSpec({ ...DESIGN_EXAMPLE, scoringCutoff: d }).scoringCutoff).toBe(d);
	});

	it('accepts 20 nested groups and refuses 21, and 200 000 without overflowing the stack', () => {
		const nested = (depth: number, leaf: object = { field: 'event', op: 'exists' }) => {
			let c = leaf;
			for (let i = 0; i < depth; i++) c = i % 2 ? { any: [c] } : { all: [c] };
			return c;
		};
		expect(() => parseGoalSpec({ ...DESIGN_EXAMPLE, goal: nested(20) })).not.toThrow();
		for (const depth of [21, 200, 200_000]) {
			const goal = nested(depth);
			expect(() => parseGoalSpec({ ...DESIGN_EXAMPLE, goal })).toThrow(
				/nested more than 20 groups deep/
			);
		}
		// Eligibility rules and the conditions inside them share the count.
		const eligible = { all: [{ had: nested(20), withinDays: 30 }] };
		expect(() => parseGoalSpec({ ...DESIGN_EXAMPLE, eligible })).toThrow(
			/\$\.eligible\.all\[0\]\.had/
		);
	});

	it('reads optional aggregate goals and exclusions', () => {
		const spec = parseGoalSpec({
			...DESIGN_EXAMPLE,
			minOccurrences: 2,
			minValueSum: 50,
			exclude: { field: 'x', op: 'eq', value: 'test' }
		});
		expect(spec).toMatchObject({
			minOccurrences: 2,
			minValueSum: 50,
			exclude: { field: 'x', op: 'eq', value: 'test' }
		});
	});
});
