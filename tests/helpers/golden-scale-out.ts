// A fixed scale-out case with no data and no training behind it, so its scripts are the same
// text on every machine: golden files (tests/golden/scale-out) for every engine. It touches
// every part of the dialect layer a script can: a text timestamp read by every guessed format,
// a text value times a quantity, event types, a custom event, an exclusion, eligibility on
// events and on a profile attribute, numeric, date and one-hot attributes, the GAM basis.
import { fitBasis, SPLINE_QUANTILES } from '../../src/lib/engine/features/basis';
import {
	planFeatures,
	type FeaturePlanInput,
	type Transform
} from '../../src/lib/engine/features/spec';
import type { NestedStep } from '../../src/lib/engine/ingest/nested';
import type { Dialect } from '../../src/lib/engine/sql/dialect';
import type { ScoreSqlInput } from '../../src/lib/engine/scale-out/score-sql';
import type { ScoringModel } from '../../src/lib/engine/scale-out/model-sql';
import type { ColumnInfo, GoalSpec } from '../../src/lib/engine/types';

const col = (name: string, type: string): ColumnInfo => ({ name, type });

export const GOLDEN_SPEC: GoalSpec = {
	version: 1,
	name: 'Purchase over $50 in the next 30 days',
	kind: 'conversion',
	goal: {
		all: [
			{ field: 'event', op: 'eq', value: 'purchase' },
			{ field: 'value', op: 'gt', value: 50 }
		]
	},
	outcomeWindowDays: 30,
	lookbackDays: 180,
	customEvents: [
		{
			name: 'Checkout visit',
			when: {
				all: [
					{ field: 'page', op: 'startsWith', value: '/checkout' },
					{ field: 'channel', op: 'in', value: ['web', 'app'] },
					{ field: 'page', op: 'endsWith', value: "'s" }
				]
			}
		}
	],
	exclude: { field: 'page', op: 'contains', value: 'test' },
	eligible: {
		all: [
			{ had: { field: 'event', op: 'eq', value: 'view' }, withinDays: 90 },
			{ attribute: 'tier', op: 'nin', value: ['banned'] }
		]
	},
	profileAttributes: ['tier', 'age', 'signup_date']
};

const SOURCE_COLUMNS = [
	col('user_id', 'VARCHAR'),
	col('event_time', 'VARCHAR'),
	col('event_type', 'VARCHAR'),
	col('price', 'VARCHAR'),
	col('quantity', 'BIGINT'),
	col('page', 'VARCHAR'),
	col('channel', 'VARCHAR')
];

const PROFILE_COLUMNS = [
	col('__customer_id', 'VARCHAR'),
	col('user_id', 'VARCHAR'),
	col('tier', 'VARCHAR'),
	col('age', 'BIGINT'),
	col('signup_date', 'DATE')
];

const PLAN: FeaturePlanInput = {
	lookbackDays: 180,
	eventTypes: ['view', 'cart', 'purchase'],
	customEvents: GOLDEN_SPEC.customEvents!,
	hasValue: true,
	hasTime: true,
	attributes: [
		{ column: col('tier', 'VARCHAR'), categories: ['gold', 'silver'] },
		{ column: col('age', 'BIGINT'), categories: [] },
		{ column: col('signup_date', 'DATE'), categories: [] }
	]
};

/** Values from a fixed linear congruential sequence, some missing: the same on every machine. */
function goldenModel(transforms: Transform[]): ScoringModel {
	const rows = 400;
	const cols = transforms.length;
	const data = new Float32Array(rows * cols);
	let s = 12345;
	for (let i = 0; i < data.length; i++) {
		s = (s * 1103515245 + 12345) % 2 ** 31;
		data[i] = s % 17 === 0 ? NaN : (s % 1000) / 7;
	}
	const train = Array.from({ length: rows }, (_, i) => i);
	const basis = fitBasis({ data, rows, cols }, transforms, train, SPLINE_QUANTILES);
	const weights = basis.owner.map((_, c) => Math.round(Math.sin(c + 1) * 1e6) / 1e7);
	return { basis, weights, bias: -1.25, platt: { a: 0.9, b: -0.1 } };
}

/** score.sql's input for the fixed case, in dialect `d`. */
export function goldenScoreInput(d: Dialect): ScoreSqlInput {
	const features = planFeatures(PLAN);
	return {
		dialect: d,
		spec: GOLDEN_SPEC,
		plan: PLAN,
		features,
		eventColumns: [
			col('__file', 'SMALLINT'),
			col('__customer_id', 'VARCHAR'),
			col('__event', 'VARCHAR'),
			col('__value', 'DOUBLE'),
			...SOURCE_COLUMNS.filter((c) => !['user_id', 'event_time', 'event_type'].includes(c.name)),
			col('__t', 'BIGINT')
		],
		mapping: {
			customerId: 'user_id',
			timestamp: 'event_time',
			timestampFormat: null,
			event: 'event_type',
			value: 'price',
			valueTimes: 'quantity'
		},
		sourceColumns: SOURCE_COLUMNS,
		model: goldenModel(features.map((f) => f.transform)),
		modelId: 'm-golden0000000000',
		source: { table: 'analytics.events' },
		scoringDate: '2024-06-01',
		profiles: {
			source: { table: 'analytics.profiles' },
			customerId: 'user_id',
			columns: PROFILE_COLUMNS
		}
	};
}

const step = (field: string, list = false): NestedStep => ({ field, list });

/** Nested reads: a struct path, a list of records, a list of scalars inside one (XDM's shapes). */
const NESTED: [string, NestedStep[], string][] = [
	['nestedField (fields)', [step('commerce'), step('order'), step('priceTotal')], 'DOUBLE'],
	[
		'nestedField (a list of records)',
		[step('identityMap'), step('ECID', true), step('id')],
		'VARCHAR[]'
	],
	['nestedField (lists in a list)', [step('items', true), step('tags', true)], 'VARCHAR[]']
];

/** Whether `d` reads the nested field (PostgreSQL refuses lists, saying why). */
function nestedHolds(d: Dialect, steps: NestedStep[], type: string): boolean {
	try {
		d.nestedField(steps, type);
		return true;
	} catch {
		return false;
	}
}

/**
 * Every member of dialect `d`, each in a statement of its own (a comment names it), so the
 * golden files hold every spelling an engine's parser must read.
 */
export function dialectScript(d: Dialect): string {
	const t = 'propensity_t';
	const x = d.ident('x');
	const ts = d.cast(d.ident('ts'), 'TIMESTAMP');
	const text = d.cast(d.ident('name'), 'VARCHAR');
	const ms = d.ident('ms');
	const list = d.ident('tags');
	const expressions: [string, string][] = [
		[
			'literal',
			[d.literal("it's"), d.literal(0.1), d.literal(42), d.literal(true), d.literal(null)].join(
				', '
			)
		],
		[
			'cast',
			(
				[
					'DOUBLE',
					'FLOAT',
					'BIGINT',
					'INTEGER',
					'SMALLINT',
					'VARCHAR',
					'TIMESTAMP',
					'DATE'
				] as const
			)
				.map((k) => d.cast(x, k))
				.join(', ')
		],
		['tryDouble', d.tryDouble(text)],
		['countIf', d.countIf(`${x} > 1`)],
		['boolOr', d.boolOr(`${x} > 1`)],
		['countDistinctIf', d.countDistinctIf(text, `${x} > 1`)],
		['intDiv', d.intDiv(ms, '86400000')],
		['div', d.div(ms, '7')],
		['round', d.round(`${x} * 1000`)],
		['days', d.days(ms)],
		['ln1p', d.ln1p(`abs(${x})`)],
		['exp', d.exp(`-abs(${x})`)],
		['float32', d.float32(x)],
		['isFinite', d.isFinite(x)],
		['epochMs', d.epochMs(ts)],
		['fromEpochMs', d.fromEpochMs(ms)],
		['fromEpochUs', d.fromEpochUs(ms)],
		['weekday', d.weekday(ms)],
		['hour', d.hour(ms)],
		['strptime', d.strptime(text, '%d/%m/%Y %H:%M:%S')],
		['isoTimestamp', d.isoTimestamp(text)],
		['contains', d.contains(text, d.literal('a'))],
		['startsWith', d.startsWith(text, d.literal('a'))],
		['endsWith', d.endsWith(text, d.literal('a'))],
		...(d.listAny
			? [['listAny', d.listAny(list, `__x = ${d.literal('a')}`)] as [string, string]]
			: []),
		['listLength', d.listLength(list)],
		['listFirst', d.listFirst(list)],
		['hashBucket', d.hashBucket(text, 1000000)],
		...NESTED.filter(([, steps, type]) => nestedHolds(d, steps, type)).map(
			([name, steps, type]): [string, string] => [name, d.nestedField(steps, type)]
		)
	];
	const statements = [
		...d.preamble(),
		...expressions.map(([name, e]) => `-- ${name}\nSELECT ${e} AS v FROM ${d.table('crm.' + t)};`),
		`-- firstRowPer\n${d.firstRowPer(t, d.ident('id'), d.ident('__customer_id'))};`,
		`-- unpivot\n${d.unpivot(
			t,
			'id',
			[
				{ name: 'j', type: 'INTEGER' },
				{ name: 'v', type: 'DOUBLE' }
			],
			[
				['0', `s.${x}`],
				['1', `s.${d.ident('y')}`]
			]
		)};`,
		`-- values\n${d.values(
			['j', 'name'],
			[
				['0', d.literal('a')],
				['1', d.literal('b')]
			]
		)};`,
		`-- fence\nSELECT * FROM (${d.fence(`SELECT ${x} FROM ${t}`)}) AS f;`,
		`-- createView\n${d.createView('propensity_v', `SELECT * FROM ${t}`)}`,
		`-- createTable (temporary)\n${d.createTable('propensity_tmp', `SELECT * FROM ${t}`, true)}`,
		`-- createTable\n${d.createTable(d.table('crm.propensity_out'), `SELECT * FROM ${t}`, false)}`
	];
	return statements.join('\n') + '\n';
}
