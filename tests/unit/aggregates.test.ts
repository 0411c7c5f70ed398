import { describe, expect, it } from 'vitest';
import {
	aggWhere,
	countWhere,
	daysWhere,
	distinctWhere,
	firstOfDayColumns,
	firstOfDayFlag
} from '../../src/lib/engine/features/aggregates';
import { DUCKDB as D, POSTGRES } from '../../src/lib/engine/sql/dialects';

describe('feature aggregates', () => {
	it('restrict an aggregate with a CASE inside it, not FILTER, but a distinct one with FILTER', () => {
		expect(countWhere(D, '__e0 AND __age <= ?')).toBe('count_if(__e0 AND __age <= ?)');
		expect(aggWhere(D, 'min', '__age', '__in_lb')).toBe('min(CASE WHEN __in_lb THEN __age END)');
		expect(distinctWhere(D, '__event', '__in_lb')).toBe(
			'count(DISTINCT __event) FILTER (WHERE __in_lb)'
		);
		expect(aggWhere(D, 'bool_or', '__h0', '__age <= ?')).toBe(
			'bool_or(CASE WHEN __age <= ? THEN __h0 END)'
		);
	});
	it('are spelled by the dialect', () => {
		expect(countWhere(POSTGRES, '__in_lb')).toBe('count(*) FILTER (WHERE __in_lb)');
		expect(daysWhere(POSTGRES, '__e3', '__in_lb')).toBe(
			'count(*) FILTER (WHERE __e3 AND __in_lb AND __fdt)'
		);
	});
	it('count days from the first event of each day, per event type or custom event', () => {
		expect(daysWhere(D, null, '__in_lb')).toBe('count_if(__in_lb AND __fd)');
		expect(daysWhere(D, '__e3', '__in_lb')).toBe('count_if(__e3 AND __in_lb AND __fdt)');
		expect(daysWhere(D, '__c1', '__in_lb')).toBe('count_if(__c1 AND __in_lb AND __fd_c1)');
		expect(new Set(['__e0', '__e4'].map(firstOfDayFlag))).toEqual(new Set(['__fdt']));
	});
	it('add only the first-of-day columns a query names', () => {
		const cols = (usedIn: string) =>
			firstOfDayColumns('"id"', '"ev"', ['__c0', '__c1'], usedIn).map((c) => c.split(' AS ')[1]);
		expect(cols('')).toEqual([]);
		expect(cols(daysWhere(D, null, 'x'))).toEqual(['__fd']);
		expect(cols(`${daysWhere(D, '__e1', 'x')} ${daysWhere(D, '__c1', 'x')}`)).toEqual([
			'__fdt',
			'__fd_c1'
		]);
		// One sort serves every flag.
		const all = firstOfDayColumns(
			'"id"',
			'"ev"',
			['__c0'],
			`${daysWhere(D, null, 'x')} ${daysWhere(D, '__e1', 'x')} ${daysWhere(D, '__c0', 'x')}`
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
