// A goal spec that uses every part of the contract, and the Goal step's state over data that looks
// loaded (columns, mapping, time span) without DuckDB: enough to check what a goal file may
// change. Nothing here queries; a goal that would be applied is not opened through it.
import type { EventPart, LoadReport } from '../../src/lib/db/events';
import type { Source } from '../../src/lib/db/ingest';
import type { GoalData } from '../../src/lib/engine/goal/read';
import type { ColumnInfo, EventMapping } from '../../src/lib/engine/types';
import { DataState } from '../../src/lib/state/data.svelte';
import { GoalState } from '../../src/lib/state/goal.svelte';

export const MAPPING: EventMapping = {
	customerId: 'customer_id',
	timestamp: 'ts',
	timestampFormat: null,
	event: 'event_type',
	value: 'amount'
};

/** Events from 2024-01-01 to 2024-06-30. */
export const START = Date.UTC(2024, 0, 1, 9);
export const END = Date.UTC(2024, 5, 30, 18);

const SOURCE_COLUMNS: ColumnInfo[] = [
	{ name: 'customer_id', type: 'VARCHAR' },
	{ name: 'ts', type: 'TIMESTAMP' },
	{ name: 'event_type', type: 'VARCHAR' },
	{ name: 'amount', type: 'DOUBLE' },
	{ name: 'sku', type: 'VARCHAR' },
	{ name: 'web', type: 'STRUCT(page VARCHAR)' }
];

/** The events table's columns as loading makes them: canonical roles, the rest, role aliases. */
const EVENT_COLUMNS: ColumnInfo[] = [
	{ name: '__customer_id', type: 'VARCHAR' },
	{ name: '__event', type: 'VARCHAR' },
	{ name: '__value', type: 'DOUBLE' },
	{ name: 'sku', type: 'VARCHAR' },
	{ name: 'web', type: 'STRUCT(page VARCHAR)' },
	{ name: 'customer_id', type: 'VARCHAR', ref: '__customer_id' },
	{ name: 'ts', type: 'TIMESTAMP', ref: '__t' },
	{ name: 'event_type', type: 'VARCHAR', ref: '__event' },
	{ name: 'amount', type: 'DOUBLE', ref: '__value' }
];

const PROFILE_COLUMNS: ColumnInfo[] = [
	{ name: 'customer_id', type: 'VARCHAR' },
	{ name: 'tier', type: 'VARCHAR' },
	{ name: 'age', type: 'BIGINT' }
];

export const GOAL_DATA: GoalData = {
	eventColumns: EVENT_COLUMNS,
	fileColumns: [SOURCE_COLUMNS.map((c) => c.name)],
	profileColumns: PROFILE_COLUMNS.map((c) => c.name),
	start: START,
	end: END
};

/** A goal that fits GOAL_DATA and uses conditions, eligibility, custom events and exclusions. */
export const RICH_GOAL = {
	version: 1,
	name: 'Big repeat order in 30 days',
	data: { events: MAPPING, profiles: { customerId: 'customer_id' } },
	kind: 'conversion',
	goal: {
		all: [
			{ field: 'event', op: 'eq', value: 'purchase' },
			{
				any: [
					{ field: 'value', op: 'gte', value: 50 },
					{ field: 'sku', op: 'startsWith', value: 'W' }
				]
			}
		]
	},
	outcomeWindowDays: 30,
	lookbackDays: 90,
	eligible: {
		all: [
			{ had: { all: [{ field: 'event', op: 'eq', value: 'purchase' }] }, withinDays: 90 },
			{ attribute: 'tier', op: 'in', value: ['gold', 'silver'] }
		]
	},
	customEvents: [{ name: 'Web page', when: { all: [{ field: 'web.page', op: 'exists' }] } }],
	profileAttributes: ['tier', 'age'],
	exclude: { any: [{ field: 'sku', op: 'eq', value: 'TEST' }] },
	scoringCutoff: '2024-06-01',
	minOccurrences: 1
};

/** The Goal step's state over data that looks loaded (GOAL_DATA's columns and span). */
export function loadedGoalState(): { goal: GoalState; data: DataState } {
	const data = new DataState();
	const source = { fileName: 'events.csv', columns: SOURCE_COLUMNS } as Source;
	data.files = [{ source, mapping: MAPPING }] as EventPart[];
	data.eventColumns = EVENT_COLUMNS;
	data.profileSource = { fileName: 'profiles.csv', columns: PROFILE_COLUMNS } as Source;
	data.profileIdColumn = 'customer_id';
	data.profileColumns = PROFILE_COLUMNS;
	data.report = {
		start: START,
		end: END,
		rows: 100,
		profiles: 10,
		eventTypes: []
	} as unknown as LoadReport;
	return { goal: new GoalState(data), data };
}
