import { describe, expect, it } from 'vitest';
import { guessMapping } from '../../src/lib/engine/ingest/guess';
import type { ColumnInfo } from '../../src/lib/engine/types';

const c = (name: string, type = 'VARCHAR'): ColumnInfo => ({ name, type });

describe('guessMapping(columns, sample)', () => {
	it('prefers XDM names', () => {
		const m = guessMapping([
			c('timestamp', 'TIMESTAMP'),
			c('ecid'),
			c('eventType'),
			c('commerce.order.priceTotal', 'DOUBLE'),
			c('device.type')
		]);
		expect(m).toEqual({
			customerId: 'ecid',
			timestamp: 'timestamp',
			timestampFormat: null,
			event: 'eventType',
			eventName: null,
			value: 'commerce.order.priceTotal',
			valueTimes: null
		});
	});
	it('knows common export names', () => {
		const m = guessMapping([
			c('InvoiceNo'),
			c('StockCode'),
			c('Quantity', 'BIGINT'),
			c('InvoiceDate', 'TIMESTAMP'),
			c('UnitPrice', 'DOUBLE'),
			c('CustomerID', 'BIGINT')
		]);
		expect(m).toMatchObject({
			customerId: 'CustomerID',
			timestamp: 'InvoiceDate',
			event: null,
			eventName: 'purchase',
			value: 'UnitPrice',
			valueTimes: 'Quantity'
		});
	});
	it('recognises YYYYMMDD integers as dates and sets their format', () => {
		const m = guessMapping(
			[c('customer_id', 'BIGINT'), c('date', 'BIGINT'), c('dollar_value', 'DOUBLE')],
			[{ customer_id: 1, date: 19970101, dollar_value: 3 }]
		);
		expect(m).toMatchObject({
			timestamp: 'date',
			timestampFormat: '%Y%m%d',
			customerId: 'customer_id',
			value: 'dollar_value'
		});
	});
	it('finds a text timestamp by its values when the name says nothing', () => {
		const m = guessMapping(
			[c('who'), c('at'), c('what')],
			[{ who: 'u1', at: '2024-05-01 10:00:00', what: 'login' }]
		);
		expect(m.timestamp).toBe('at');
	});
	it('leaves the timestamp empty when no column holds times', () => {
		expect(guessMapping([c('user'), c('what')], [{ user: 'a', what: 'b' }]).timestamp).toBe('');
	});
	it('does not give one column two roles', () => {
		const m = guessMapping([c('user_id'), c('event_time', 'TIMESTAMP'), c('event_name')]);
		expect(new Set([m.customerId, m.timestamp, m.event]).size).toBe(3);
	});
	it('takes Unix times (seconds, milliseconds, with fractions) as the timestamp, as JSON gives them', () => {
		for (const values of [
			[1704067200, 1706745600],
			[1704067200123, 1706745600456],
			[1704067200.25, 1706745600.5]
		]) {
			const m = guessMapping(
				[c('user_id', 'BIGINT'), c('event'), c('occurred', 'DOUBLE'), c('amount', 'DOUBLE')],
				values.map((v, i) => ({ user_id: i, event: 'buy', occurred: v, amount: 3 }))
			);
			expect(m, String(values)).toMatchObject({
				customerId: 'user_id',
				timestamp: 'occurred',
				timestampFormat: null,
				value: 'amount'
			});
		}
	});
	it('does not take small numbers or ten-digit ids for Unix times', () => {
		const m = guessMapping([c('id', 'BIGINT'), c('qty', 'BIGINT')], [{ id: 1704067200, qty: 3 }]);
		expect(m.timestamp).toBe('');
	});
});
