// Guesses which source columns play the roles of customer id, timestamp, event type and value,
// from their names (XDM names first, then common export names) and their DuckDB types.
import { isNumericType, isTemporalType } from '../goal/compile';
import type { ColumnInfo, EventMapping } from '../types';

const norm = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

// Ordered by preference; compared after `norm`.
const ID_NAMES = [
	'identitymapecidid',
	'identitymapecid',
	'ecid',
	'identitymapemailid',
	'customerid',
	'customer',
	'custid',
	'cust',
	'userid',
	'user',
	'householdid',
	'household',
	'clientid',
	'accountid',
	'memberid',
	'personid',
	'visitorid',
	'profileid',
	'enrollmentid',
	'shopperid',
	'buyerid',
	'id'
];
const TS_NAMES = [
	'timestamp',
	'eventtime',
	'eventtimestamp',
	'ts',
	'time',
	'datetime',
	'invoicedate',
	'orderdate',
	'eventdate',
	'createdat',
	'occurredat',
	'transactiondate',
	'purchasedate',
	'date',
	'day'
];
const EVENT_NAMES = [
	'eventtype',
	'event',
	'eventname',
	'eventaction',
	'action',
	'activity',
	'type',
	'name',
	'category'
];
const VALUE_NAMES = [
	'commerceorderpricetotal',
	'commercepurchasesvalue',
	'revenue',
	'value',
	'amount',
	'dollarvalue',
	'salesvalue',
	'ordervalue',
	'pricetotal',
	'total',
	'spend',
	'sales'
];
// When no column holds an amount, value = unit price × quantity (e.g. Online Retail exports).
const PRICE_NAMES = ['unitprice', 'price', 'itemprice', 'priceeach'];
const QUANTITY_NAMES = ['quantity', 'qty', 'units', 'numberofitems', 'count'];

function byName(
	columns: ColumnInfo[],
	names: string[],
	accept: (c: ColumnInfo) => boolean
): ColumnInfo | undefined {
	for (const n of names) {
		const hit = columns.find((c) => norm(c.name) === n && accept(c));
		if (hit) return hit;
	}
	for (const n of names.filter((x) => x.length > 3)) {
		const hit = columns.find((c) => norm(c.name).includes(n) && accept(c));
		if (hit) return hit;
	}
	return undefined;
}

const isText = (c: ColumnInfo) => /^VARCHAR/i.test(c.type);

/** Integer dates such as 19970101 (YYYYMMDD). */
function looksLikeYmd(values: unknown[]): boolean {
	const nums = values.filter((v) => v !== null && v !== undefined).map(Number);
	return (
		nums.length > 0 &&
		nums.every(
			(v) => Number.isInteger(v) && v >= 19000101 && v <= 21001231 && v % 100 >= 1 && v % 100 <= 31
		)
	);
}

/**
 * @param sample a few rows of the source, keyed by column name (used to recognise YYYYMMDD
 *   integers and text timestamps).
 */
export function guessMapping(
	columns: ColumnInfo[],
	sample: Record<string, unknown>[] = []
): EventMapping {
	const taken = new Set<string>();
	const free = (accept: (c: ColumnInfo) => boolean) => (c: ColumnInfo) =>
		!taken.has(c.name) && accept(c);
	const valuesOf = (c: ColumnInfo) => sample.map((r) => r[c.name]);
	const tsLike = (c: ColumnInfo) =>
		isTemporalType(c.type) ||
		(isNumericType(c.type) && looksLikeYmd(valuesOf(c))) ||
		(isText(c) && valuesOf(c).some((v) => typeof v === 'string' && !isNaN(Date.parse(v))));
	const ts =
		byName(columns, TS_NAMES, free(tsLike)) ??
		columns.find(free((c) => isTemporalType(c.type))) ??
		columns.find(free(tsLike));
	if (ts) taken.add(ts.name);
	const id =
		byName(
			columns,
			ID_NAMES,
			free(() => true)
		) ?? columns.find(free(() => true));
	if (id) taken.add(id.name);
	const event = byName(columns, EVENT_NAMES, free(isText));
	if (event) taken.add(event.name);
	const numeric = free((c) => isNumericType(c.type));
	const amount = byName(columns, VALUE_NAMES, numeric);
	const price = amount ? undefined : byName(columns, PRICE_NAMES, numeric);
	const quantity = price
		? byName(columns, QUANTITY_NAMES, (c) => numeric(c) && c !== price)
		: undefined;
	const value = amount ?? price;
	const tsFormat = ts && isNumericType(ts.type) && looksLikeYmd(valuesOf(ts)) ? '%Y%m%d' : null;
	return {
		customerId: id?.name ?? '',
		timestamp: ts?.name ?? '',
		timestampFormat: tsFormat,
		event: event?.name ?? null,
		eventName: event ? null : 'purchase',
		value: value?.name ?? null,
		valueTimes: quantity?.name ?? null
	};
}
