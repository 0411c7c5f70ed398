// What the condition editors offer: fields from the loaded columns, operators by the field's
// type (no text operators on numbers and vice versa; a list field offers its elements' ones),
// and the text ↔ value conversion of the value box.
import { isNumericType, isTemporalType, listElementType } from '../../engine/goal/compile';
import { COL, type ColumnInfo, type Comparison, type Operator } from '../../engine/types';

export const OP_LABEL: Record<Operator, string> = {
	eq: 'equals',
	neq: 'does not equal',
	in: 'is one of',
	nin: 'is none of',
	gt: '>',
	gte: '≥',
	lt: '<',
	lte: '≤',
	between: 'is between',
	contains: 'contains',
	startsWith: 'starts with',
	endsWith: 'ends with',
	exists: 'exists',
	notExists: 'does not exist'
};

export const TEXT_OPS: Operator[] = [
	'eq',
	'neq',
	'in',
	'nin',
	'contains',
	'startsWith',
	'endsWith',
	'exists',
	'notExists'
];
export const NUMBER_OPS: Operator[] = [
	'eq',
	'neq',
	'gt',
	'gte',
	'lt',
	'lte',
	'between',
	'in',
	'nin',
	'exists',
	'notExists'
];
export const TIME_OPS: Operator[] = ['gt', 'gte', 'lt', 'lte', 'between', 'exists', 'notExists'];

export interface FieldOption {
	name: string;
	label: string;
	kind: 'text' | 'number' | 'time';
	/** A list (e.g. productListItems.SKU): a comparison holds when any element does. */
	isList: boolean;
}

function kindOf(type: string): FieldOption['kind'] {
	const t = listElementType(type) ?? type;
	return isNumericType(t) ? 'number' : isTemporalType(t) ? 'time' : 'text';
}

export function fieldOptions(columns: ColumnInfo[]): FieldOption[] {
	// Columns mapped to the event type or value are offered once, as "Event type" and "Value".
	const shown = (c: ColumnInfo) =>
		!c.name.startsWith('__') &&
		c.name !== 'event' &&
		c.name !== 'value' &&
		c.ref !== COL.event &&
		c.ref !== COL.value;
	return [
		{ name: 'event', label: 'Event type', kind: 'text', isList: false },
		{ name: 'value', label: 'Value', kind: 'number', isList: false },
		...columns.filter(shown).map((c) => ({
			name: c.name,
			label: c.type.endsWith('[]') ? `${c.name} (any item)` : c.name,
			kind: kindOf(c.type),
			isList: c.type.endsWith('[]')
		}))
	];
}

export function opsFor(kind: FieldOption['kind']): Operator[] {
	return kind === 'number' ? NUMBER_OPS : kind === 'time' ? TIME_OPS : TEXT_OPS;
}

/** The value box's text as the comparison's value: lists split on commas, numbers as numbers. */
export function parseValue(
	op: Operator,
	text: string,
	kind: FieldOption['kind']
): Comparison['value'] {
	const one = (s: string) =>
		kind === 'number' && s.trim() !== '' && isFinite(Number(s)) ? Number(s) : s.trim();
	if (op === 'in' || op === 'nin' || op === 'between') return text.split(',').map(one);
	return one(text);
}

export function valueText(c: Pick<Comparison, 'value'>): string {
	return Array.isArray(c.value) ? c.value.join(', ') : c.value === undefined ? '' : String(c.value);
}

/** The comparison after a change of field or operator: a valid operator, the value carried over. */
export function normalise(c: Comparison, fields: FieldOption[]): Comparison {
	const kind = fields.find((f) => f.name === c.field)?.kind ?? 'text';
	const op = opsFor(kind).includes(c.op) ? c.op : opsFor(kind)[0]!;
	if (op === 'exists' || op === 'notExists') return { field: c.field, op };
	return { field: c.field, op, value: parseValue(op, valueText(c), kind) };
}
