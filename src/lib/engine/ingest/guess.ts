// Guesses which source columns play the roles of customer id, timestamp, event type and value,
// from their names (XDM names first, then common export names in English, then in Portuguese,
// Spanish, German and French) and their DuckDB types.
import { isNumericType, isTemporalType } from '../goal/compile';
import type { ColumnInfo, EventMapping } from '../types';

// Accents are dropped ("Événement" → "evenement"), then all but letters and digits.
const norm = (name: string) =>
	name
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[^a-z0-9]/g, '');

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
	'idcliente',
	'clienteid',
	'codcliente',
	'codigocliente',
	'cliente',
	'usuario',
	'idusuario',
	'utilizador',
	'kundennummer',
	'kundennr',
	'kundenid',
	'kunde',
	'benutzerid',
	'benutzer',
	'nutzer',
	'idclient',
	'numeroclient',
	'client',
	'idutilisateur',
	'utilisateur',
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
	'day',
	'fechahora',
	'datahora',
	'zeitstempel',
	'horodatage',
	'fechaevento',
	'dataevento',
	'fechapedido',
	'datapedido',
	'bestelldatum',
	'datecommande',
	'fecha',
	'data',
	'datum',
	'dia',
	'jour'
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
	'category',
	'tipoevento',
	'tipodeevento',
	'evento',
	'ereignistyp',
	'ereignis',
	'typeevenement',
	'evenement',
	'accion',
	'acao',
	'aktion',
	'tipo',
	'typ'
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
	'sales',
	'valor',
	'importe',
	'monto',
	'betrag',
	'umsatz',
	'montant',
	'valeur'
];
// When no column holds an amount, value = unit price × quantity (e.g. Online Retail exports).
const PRICE_NAMES = [
	'unitprice',
	'price',
	'itemprice',
	'priceeach',
	'precio',
	'preco',
	'preis',
	'prix'
];
const QUANTITY_NAMES = [
	'quantity',
	'qty',
	'units',
	'numberofitems',
	'count',
	'cantidad',
	'quantidade',
	'menge',
	'anzahl',
	'quantite'
];

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

// Unix times of events between 1990 and 2100, in seconds, milliseconds or microseconds.
const EPOCH_RANGES = [1, 1e3, 1e6].map((k) => [631_152_000 * k, 4_102_444_800 * k] as const);

/** Numbers that are all Unix times in one unit (see `epochUnit` in plan.ts). */
function looksLikeEpoch(values: unknown[]): boolean {
	const nums = values.filter((v) => v !== null && v !== undefined).map(Number);
	return (
		nums.length > 0 &&
		EPOCH_RANGES.some(([lo, hi]) => nums.every((v) => Number.isFinite(v) && v >= lo && v <= hi))
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
	// Epoch numbers are taken by name first; unnamed, only a column that no id name claims, since
	// ten-digit customer ids look like Unix seconds too.
	const epochLike = (c: ColumnInfo) => isNumericType(c.type) && looksLikeEpoch(valuesOf(c));
	const idNamed = (c: ColumnInfo) => ID_NAMES.includes(norm(c.name));
	const ts =
		byName(columns, TS_NAMES, free(tsLike)) ??
		columns.find(free((c) => isTemporalType(c.type))) ??
		columns.find(free(tsLike)) ??
		byName(columns, TS_NAMES, free(epochLike)) ??
		columns.find(free((c) => epochLike(c) && !idNamed(c)));
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
