import { describe, expect, it } from 'vitest';
import {
	aggWhere,
	countWhere,
	daysWhere,
	distinctWhere,
	firstOfDayColumns,
	firstOfDayFlag
} from '../../src/lib/engine/features/aggregates';

describe('feature aggregates', () => {
	it('restrict an aggregate with a CASE inside it, not FILTER, but a distinct one with FILTER', () => {
		expect(countWhere('__e0 AND __age <= ?')).toBe('count_if(__e0 AND __age <= ?)');
		expect(aggWhere('min', '__age', '__in_lb')).toBe('min(CASE WHEN __in_lb THEN __age END)');
		expect(distinctWhere('__event', '__in_lb')).toBe(
			'count(DISTINCT __event) FILTER (WHERE __in_lb)'
		);
	});
	it('count days from the first event of each day, per event type or custom event', () => {
		expect(daysWhere(null, '__in_lb')).toBe('count_if(__in_lb AND __fd)');
		expect(daysWhere('__e3', '__in_lb')).toBe('count_if(__e3 AND __in_lb AND __fdt)');
		expect(daysWhere('__c1', '__in_lb')).toBe('count_if(__c1 AND __in_lb AND __fd_c1)');
		expect(new Set(['__e0', '__e4'].map(firstOfDayFlag))).toEqual(new Set(['__fdt']));
	});
	it('add only the first-of-day columns a query names', () => {
		const cols = (usedIn: string) =>
			firstOfDayColumns('"id"', '"ev"', ['__c0', '__c1'], usedIn).map((c) => c.split(' AS ')[1]);
		expect(cols('')).toEqual([]);
		expect(cols(daysWhere(null, 'x'))).toEqual(['__fd']);
		expect(cols(`${daysWhere('__e1', 'x')} ${daysWhere('__c1', 'x')}`)).toEqual([
			'__fdt',
			'__fd_c1'
		]);
		// One sort serves every flag.
		const all = firstOfDayColumns(
			'"id"',
			'"ev"',
			['__c0'],
			`${daysWhere(null, 'x')} ${daysWhere('__e1', 'x')} ${daysWhere('__c0', 'x')}`
		);
		expect(all).toHaveLength(3);
		const orders = new Set(
			all.flatMap((c) =>
				[...c.matchAll(/OVER \((PARTITION BY [^)]*? ORDER BY __day, "ev")/g)].map((m) => m[1])
			)
		);
		expect(orders).toEqual(new Set(['PARTITION BY "id" ORDER BY __day, "ev"']));
	});
});
