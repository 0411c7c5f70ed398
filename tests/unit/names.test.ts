// Friendly names for columns and event types, and the names a user gives them in a goal.
import { describe, expect, it } from 'vitest';
import { friendlyName } from '../../src/lib/engine/explain/names';
import { eventNoun } from '../../src/lib/engine/explain/nouns';
import { parseGoalSpec } from '../../src/lib/engine/goal/validate';

describe('friendlyName(column)', () => {
	it.each([
		['signupDate', 'Sign-up date'],
		['loyaltyTier', 'Loyalty tier'],
		['loyalty_tier', 'Loyalty tier'],
		['marketingOptIn', 'Marketing opt-in'],
		['total_orders', 'Total orders'],
		['HTTPStatusCode', 'HTTP status code'],
		['customer-segment', 'Customer segment'],
		['country', 'Country'],
		['_acme.loyalty.tier', 'Loyalty tier'],
		['_acme.profile.lifetimeValue', 'Lifetime value'],
		['person.birthDate', 'Birth date'],
		['homeAddress.countryCode', 'Country'],
		['user_id', 'User ID'],
		// What a person typed stays as they typed it.
		['Plan (2024)', 'Plan (2024)'],
		['=HYPERLINK("x")', '=HYPERLINK("x")']
	])('%s → %s', (raw, name) => expect(friendlyName(raw)).toBe(name));
});

describe('eventNoun(event type)', () => {
	it('names XDM types, puts identifiers in words and quotes anything else', () => {
		expect(eventNoun('commerce.productListAdds').many).toBe('cart adds');
		expect(eventNoun('page_close').many).toBe('page close events');
		expect(eventNoun('video').one).toBe('video event');
		expect(eventNoun('Sign up!').many).toBe('"Sign up!" events');
		expect(eventNoun('=cmd|x').one).toBe('"=cmd|x" event');
	});
});

describe('a goal’s names', () => {
	const goal = {
		version: 1,
		name: 'g',
		kind: 'conversion',
		goal: { all: [] },
		outcomeWindowDays: 30,
		lookbackDays: 90
	};
	it('keeps each name, trimmed, and leaves a goal without names as it was', () => {
		const spec = parseGoalSpec({
			...goal,
			names: [
				{ kind: 'event', key: 'add_to_cart', name: ' Basket add ' },
				{ kind: 'attribute', key: '__proto__', name: 'Odd column' }
			]
		});
		expect(spec.names).toEqual([
			{ kind: 'event', key: 'add_to_cart', name: 'Basket add' },
			{ kind: 'attribute', key: '__proto__', name: 'Odd column' }
		]);
		expect('names' in parseGoalSpec(goal)).toBe(false);
	});
	it.each([
		[
			[{ kind: 'column', key: 'a', name: 'A' }],
			/\$\.names\[0\]\.kind: expected "event" or "attribute"/
		],
		[
			[{ kind: 'event', key: 'a', name: '   ' }],
			/\$\.names\[0\]\.name: expected a name that is not only spaces/
		],
		[
			[
				{ kind: 'event', key: 'a', name: 'A' },
				{ kind: 'event', key: 'a', name: 'B' }
			],
			/\$\.names\[1\]: names the event “a” twice/
		],
		[{ a: 1 }, /\$\.names: expected a list/],
		[[{ kind: 'event', key: 'a', name: 'x'.repeat(201) }], /at most 200/]
	])('refuses %j, saying where', (names, message) => {
		expect(() => parseGoalSpec({ ...goal, names })).toThrow(message);
	});
});
