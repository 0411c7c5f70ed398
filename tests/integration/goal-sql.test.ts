// The compiled SQL runs on the real DuckDB-WASM and selects the right rows and labels, with
// hostile column names and every operator.
import { beforeAll, describe, expect, it } from 'vitest';
import { describeSource, loadProfiles } from '../../src/lib/db/ingest';
import { buildMatrix, type DataContext } from '../../src/lib/db/matrix';
import type { Db } from '../../src/lib/db/types';
import { featureColumn, type FeatureMatrix } from '../../src/lib/engine/features/matrix';
import { compileCondition } from '../../src/lib/engine/goal/compile';
import type { Condition, GoalSpec } from '../../src/lib/engine/types';
import { openNodeDb, loadOne } from '../helpers/node-db';

// Customers a–e over January–June 2024; hostile column names on purpose.
const EVENTS = [
	'cust,ts,kind,"amount €","a""b","\'; DROP TABLE events; --"',
	'a,2024-01-05 10:00:00,view,,W-100,x',
	'a,2024-03-10 10:00:00,purchase,60,W-200,x',
	'a,2024-05-02 09:00:00,purchase,20,B-1,y',
	'a,2024-05-20 09:00:00,purchase,25,W-3,y',
	'b,2024-02-01 10:00:00,view,,B-9,z',
	'b,2024-04-15 10:00:00,view,,B-9,z',
	'c,2024-01-20 10:00:00,purchase,200,W-1,x',
	'c,2024-05-01 00:00:00,view,,W-1,x',
	'd,2024-04-20 12:00:00,test,,T,internal',
	'd,2024-05-03 12:00:00,purchase,80,T,internal',
	'e,2024-06-29 12:00:00,view,,W-5,x'
].join('\n');
const PROFILES =
	'cust,plan,signup\na,pro,2023-06-01\nb,free,2024-02-01\nc,pro,2024-05-15\nd,free,2023-01-01\ne,free,2024-06-01\n';

let db: Db;
let ctx: DataContext;

beforeAll(async () => {
	db = await openNodeDb();
	const ev = new TextEncoder().encode(EVENTS);
	await db.registerFile('upload_0.csv', ev);
	const src = await describeSource(db, 'events.csv', 'upload_0.csv', ev.length);
	const { columns } = await loadOne(db, src, {
		customerId: 'cust',
		timestamp: 'ts',
		event: 'kind',
		value: 'amount €'
	});
	const pr = new TextEncoder().encode(PROFILES);
	await db.registerFile('upload_1.csv', pr);
	const psrc = await describeSource(db, 'profiles.csv', 'upload_1.csv', pr.length);
	ctx = { eventColumns: columns, profileColumns: await loadProfiles(db, psrc, 'cust') };
});

async function matching(cond: Condition): Promise<number> {
	const c = compileCondition(cond, ctx.eventColumns);
	const t = await db.query(`SELECT count(*) AS n FROM events WHERE ${c.sql}`, c.params);
	return Number(t.get(0)?.n);
}

describe('every operator, run on DuckDB', () => {
	it.each<[string, Condition, number]>([
		['eq', { field: 'event', op: 'eq', value: 'purchase' }, 5],
		['neq', { field: 'event', op: 'neq', value: 'purchase' }, 6],
		['in', { field: 'event', op: 'in', value: ['view', 'test'] }, 6],
		['nin', { field: 'event', op: 'nin', value: ['view', 'test'] }, 5],
		['gt', { field: 'value', op: 'gt', value: 50 }, 3],
		['gte', { field: 'value', op: 'gte', value: 60 }, 3],
		['lt', { field: 'amount €', op: 'lt', value: 25 }, 1],
		['lte', { field: 'amount €', op: 'lte', value: '25' }, 2],
		['between', { field: 'value', op: 'between', value: [20, 60] }, 3],
		['between dates', { field: 'ts', op: 'between', value: ['2024-05-01', '2024-05-31'] }, 4],
		['contains (quote in name)', { field: 'a"b', op: 'contains', value: '-' }, 9],
		['startsWith', { field: 'a"b', op: 'startsWith', value: 'W' }, 6],
		['endsWith', { field: 'a"b', op: 'endsWith', value: '9' }, 2],
		['exists', { field: 'value', op: 'exists' }, 5],
		['notExists', { field: 'value', op: 'notExists' }, 6],
		[
			'injection-shaped name',
			{ field: "'; DROP TABLE events; --", op: 'eq', value: 'internal' },
			2
		],
		[
			'all/any',
			{
				all: [
					{ field: 'event', op: 'eq', value: 'purchase' },
					{
						any: [
							{ field: 'value', op: 'gt', value: 100 },
							{ field: 'a"b', op: 'startsWith', value: 'B' }
						]
					}
				]
			},
			2
		]
	])('%s', async (_, cond, n) => {
		expect(await matching(cond)).toBe(n);
	});

	it('left the events table intact', async () => {
		const t = await db.query('SELECT count(*) AS n FROM events');
		expect(Number(t.get(0)?.n)).toBe(11);
	});
});

const base: GoalSpec = {
	version: 1,
	name: 'g',
	kind: 'conversion',
	goal: { all: [{ field: 'event', op: 'eq', value: 'purchase' }] },
	outcomeWindowDays: 30,
	lookbackDays: 90,
	scoringCutoff: '2024-06-01'
};

/** label and a feature per customer at the cutoff starting `iso`. */
function at(
	m: FeatureMatrix,
	iso: string,
	key?: string
): Record<string, { label: number; value?: number }> {
	const k = m.cutoffs.findIndex((c) => c.t === Date.parse(iso + 'T00:00:00Z'));
	expect(k).toBeGreaterThanOrEqual(0);
	const j = key ? m.features.findIndex((f) => f.key === key) : -1;
	const out: Record<string, { label: number; value?: number }> = {};
	for (let i = 0; i < m.rows; i++)
		if (m.cutoffIndex[i] === k)
			out[m.customerIds[i]!] = key
				? { label: m.labels[i]!, value: m.x[i * m.cols + j]! }
				: { label: m.labels[i]! };
	return out;
}

describe('labels, eligibility and features', () => {
	it('labels conversion in [cutoff, cutoff + window) and eligibility by lookback', async () => {
		const m = await buildMatrix(db, base, ctx);
		// Validation cutoff 2024-05-02: window [05-02, 06-01). a buys 05-02 (at the cutoff: counts) and 05-20.
		expect(at(m, '2024-05-02')).toEqual({
			a: { label: 1 },
			b: { label: 0 },
			c: { label: 0 },
			d: { label: 1 }
		});
		// Scoring rows have no label yet; e has no event before the cutoff and is not eligible.
		expect(Object.keys(at(m, '2024-06-01')).sort()).toEqual(['a', 'b', 'c', 'd']);
		expect(Object.values(at(m, '2024-06-01')).every((r) => r.label === -1)).toBe(true);
	});

	it('counts events strictly before the cutoff (half-open)', async () => {
		const m = await buildMatrix(db, base, ctx);
		const rows = at(m, '2024-05-02', 'count_7d');
		// a's purchase at 09:00 on 05-02 is after the cutoff (00:00) and not counted.
		expect(rows.a!.value).toBe(0);
		expect(at(m, '2024-05-02', 'days_since_last').c!.value).toBeCloseTo(1, 6);
	});

	it('computes gaps, weekday and hour habits and first-time features as counted by hand', async () => {
		const m = await buildMatrix(db, { ...base, lookbackDays: 120 }, ctx);
		// a before 2024-05-02 within 120 days: Fri 2024-01-05 10:00 (view), Sun 2024-03-10 10:00 (purchase).
		expect(at(m, '2024-05-02', 'gap_mean').a!.value).toBe(65);
		expect(at(m, '2024-05-02', 'weekend_share').a!.value).toBe(0.5);
		expect(at(m, '2024-05-02', 'evening_share').a!.value).toBe(0);
		expect(at(m, '2024-05-02', 'type:view:days_since_first').a!.value).toBeCloseTo(
			117 + 14 / 24,
			5
		);
		// b: 2024-02-01 and 2024-04-15 are 74 days apart.
		expect(at(m, '2024-05-02', 'gap_mean').b!.value).toBe(74);
		// d has one active day in the lookback (04-20): no gap yet, which reads as the whole lookback.
		expect(at(m, '2024-05-02', 'gap_mean').d!.value).toBe(120);
	});

	it('churn inverts the label; minOccurrences and minValueSum tighten it', async () => {
		const churn = await buildMatrix(db, { ...base, kind: 'churn' }, ctx);
		expect(at(churn, '2024-05-02')).toEqual({
			a: { label: 0 },
			b: { label: 1 },
			c: { label: 1 },
			d: { label: 0 }
		});
		const twice = await buildMatrix(db, { ...base, minOccurrences: 2 }, ctx);
		expect(at(twice, '2024-05-02').d!.label).toBe(0);
		expect(at(twice, '2024-05-02').a!.label).toBe(1);
		const big = await buildMatrix(db, { ...base, minValueSum: 50 }, ctx);
		expect(at(big, '2024-05-02')).toMatchObject({ a: { label: 0 }, d: { label: 1 } });
	});

	it('applies exclusions everywhere', async () => {
		const m = await buildMatrix(
			db,
			{ ...base, exclude: { field: "'; DROP TABLE events; --", op: 'eq', value: 'internal' } },
			ctx
		);
		expect(at(m, '2024-05-02').d).toBeUndefined();
	});

	it('eligible rules: had, notHad, attribute', async () => {
		const spec: GoalSpec = {
			...base,
			eligible: {
				all: [
					{ had: { all: [{ field: 'event', op: 'eq', value: 'view' }] }, withinDays: 200 },
					{ notHad: { all: [{ field: 'value', op: 'gt', value: 100 }] }, withinDays: 200 },
					{ attribute: 'plan', op: 'eq', value: 'free' }
				]
			}
		};
		const m = await buildMatrix(db, spec, ctx);
		expect(Object.keys(at(m, '2024-05-02'))).toEqual(['b']);
	});

	it('custom events become named features; attributes are point in time', async () => {
		const spec: GoalSpec = {
			...base,
			customEvents: [
				{
					name: 'W order',
					when: {
						all: [
							{ field: 'event', op: 'eq', value: 'purchase' },
							{ field: 'a"b', op: 'startsWith', value: 'W' }
						]
					}
				}
			],
			profileAttributes: ['plan', 'signup']
		};
		const m = await buildMatrix(db, spec, ctx);
		const names = m.features.map((f) => f.name);
		expect(names).toContain('W order events in the last 90 days');
		expect(names).toContain('Days since last W order event');
		expect(names).toContain('Plan is pro');
		expect(at(m, '2024-05-02', 'custom:W order:count_90d')).toMatchObject({
			a: { value: 1 },
			c: { value: 0 }
		});
		expect(at(m, '2024-05-02', 'attr:plan=pro')).toMatchObject({
			a: { value: 1 },
			b: { value: 0 }
		});
		// c signed up after this cutoff: unknown (NaN), not a negative number of days.
		const signup = at(m, '2024-05-02', 'attr:signup:days_since');
		expect(signup.c!.value).toBeNaN();
		expect(signup.b!.value).toBe(91);
		expect(featureColumn(0)).toBe('f0');
	});
});
