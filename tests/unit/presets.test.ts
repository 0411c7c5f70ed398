import { describe, expect, it } from 'vitest';
import { presetSpec } from '../../src/lib/state/goal.svelte';

const XDM = ['web.webpagedetails.pageViews', 'commerce.productViews', 'commerce.purchases'];

describe('presetSpec', () => {
	it('finds the purchase event type, or counts every event of a one-type log', () => {
		expect(presetSpec('purchase30', XDM).goal).toEqual({
			all: [{ field: 'event', op: 'eq', value: 'commerce.purchases' }]
		});
		expect(presetSpec('purchase30', ['purchase']).goal).toEqual({ all: [] });
	});
	it('churn is no activity at all in the window', () => {
		expect(presetSpec('churn30', XDM)).toMatchObject({
			kind: 'churn',
			goal: { all: [] },
			outcomeWindowDays: 30
		});
	});
	it('repeat purchase scores only customers who bought in the lookback', () => {
		expect(presetSpec('repeat90', XDM)).toMatchObject({
			outcomeWindowDays: 90,
			eligible: {
				had: { all: [{ field: 'event', op: 'eq', value: 'commerce.purchases' }] },
				withinDays: 365
			}
		});
	});
	it('high-value order bounds the value and says so in its name', () => {
		const s = presetSpec('highValue30', XDM, 80);
		expect(s.name).toBe('Order of 80 or more in the next 30 days');
		expect(s.goal).toEqual({
			all: [
				{ field: 'event', op: 'eq', value: 'commerce.purchases' },
				{ field: 'value', op: 'gte', value: 80 }
			]
		});
	});
});
