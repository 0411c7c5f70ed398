// The leakage property over random logs, goals and cutoffs: for any event log, any goal and any
// cutoff, changing, removing or adding events at or after the cutoff changes no feature (and no
// eligibility) at that cutoff or an earlier one.
import { describe, expect, it } from 'vitest';
import { describeSource } from '../../src/lib/db/ingest';
import { buildMatrix } from '../../src/lib/db/matrix';
import type { FeatureMatrix } from '../../src/lib/engine/features/matrix';
import { rng } from '../../src/lib/engine/random';
import type { GoalSpec } from '../../src/lib/engine/types';
import { loadOne, openNodeDb } from '../helpers/node-db';

const TYPES = ['view', 'cart', 'purchase', 'login'];
const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);

function randomLog(r: () => number): string {
	const lines = ['id,ts,type,amount,channel'];
	const n = 300 + Math.floor(r() * 500);
	for (let i = 0; i < n; i++) {
		const t = T0 + Math.floor(r() * 200 * DAY);
		const type = TYPES[Math.floor(r() * TYPES.length)]!;
		const amount = type === 'purchase' ? (5 + r() * 100).toFixed(2) : '';
		lines.push(
			`c${Math.floor(r() * 40)},${new Date(t).toISOString().slice(0, 19).replace('T', ' ')},${type},${amount},${r() < 0.5 ? 'web' : 'app'}`
		);
	}
	return lines.join('\n');
}

function randomSpec(r: () => number): GoalSpec {
	const window = 7 + Math.floor(r() * 24);
	const spec: GoalSpec = {
		version: 1,
		name: 'random',
		kind: r() < 0.5 ? 'conversion' : 'churn',
		goal:
			r() < 0.5
				? { all: [{ field: 'event', op: 'eq', value: 'purchase' }] }
				: {
						any: [
							{ field: 'value', op: 'gt', value: 30 },
							{ field: 'channel', op: 'eq', value: 'app' }
						]
					},
		outcomeWindowDays: window,
		lookbackDays: 14 + Math.floor(r() * 80),
		scoringCutoff: '2024-07-15'
	};
	if (r() < 0.5)
		spec.customEvents = [
			{
				name: 'App cart',
				when: {
					all: [
						{ field: 'event', op: 'eq', value: 'cart' },
						{ field: 'channel', op: 'eq', value: 'app' }
					]
				}
			}
		];
	if (r() < 0.5)
		spec.eligible = {
			any: [
				{ had: { all: [] }, withinDays: 10 + Math.floor(r() * 60) },
				{ notHad: { all: [{ field: 'event', op: 'eq', value: 'login' }] }, withinDays: 30 }
			]
		};
	if (r() < 0.3) spec.minValueSum = 20;
	return spec;
}

/** Per (cutoff, customer) row at cutoffs up to `k`: feature key → value. */
function featuresUpTo(m: FeatureMatrix, k: number): Map<string, Map<string, number>> {
	const out = new Map<string, Map<string, number>>();
	for (let i = 0; i < m.rows; i++)
		if (m.cutoffIndex[i]! <= k)
			out.set(
				`${m.cutoffIndex[i]}|${m.customerIds[i]}`,
				new Map(m.features.map((f, j) => [f.key, m.x[i * m.cols + j]!]))
			);
	return out;
}

const SEEDS = 12;

describe('the leakage property', () => {
	it('holds for random logs, goals, cutoffs and mutations', async () => {
		const db = await openNodeDb();
		// What was compared, so the test cannot pass by comparing nothing.
		let seedsCompared = 0;
		let rowsCompared = 0;
		let valuesCompared = 0;
		for (let seed = 1; seed <= SEEDS; seed++) {
			const r = rng(seed);
			const bytes = new TextEncoder().encode(randomLog(r));
			await db.registerFile(`upload_p${seed}.csv`, bytes);
			const src = await describeSource(db, 'random.csv', `upload_p${seed}.csv`, bytes.length);
			const { columns } = await loadOne(db, src, {
				customerId: 'id',
				timestamp: 'ts',
				event: 'type',
				value: 'amount'
			});
			const ctx = { eventColumns: columns, profileColumns: null };
			const spec = randomSpec(r);
			// Too little history for this random goal refuses the matrix: that seed compares nothing
			// (the counts below say how many did).
			const base = await buildMatrix(db, spec, ctx).catch(() => null);
			if (!base) continue;
			const k = Math.floor(r() * base.cutoffs.length);
			const cutoff = base.cutoffs[k]!.t;
			await db.query('CREATE OR REPLACE TABLE events_backup AS SELECT * FROM events');
			const shift = Math.floor(r() * 5 * DAY);
			await db.query(
				`UPDATE events SET __value = coalesce(__value, 0) + 50, __event = 'purchase', channel = 'app' WHERE __t >= ? AND hash(__customer_id, ?) % 2 = 0`,
				[cutoff, seed]
			);
			await db.query(`DELETE FROM events WHERE __t >= ? AND hash(__customer_id, __t) % 3 = 0`, [
				cutoff
			]);
			await db.query(
				`INSERT INTO events SELECT * REPLACE (CAST(? AS BIGINT) + CAST(? AS BIGINT) * (hash(__customer_id) % 2) AS __t) FROM events_backup USING SAMPLE 20 ROWS (reservoir, ${seed})`,
				[cutoff, shift]
			);
			try {
				const after = await buildMatrix(db, spec, ctx);
				const a = featuresUpTo(base, k);
				const b = featuresUpTo(after, k);
				expect([...b.keys()].sort(), `seed ${seed}: eligibility changed`).toEqual(
					[...a.keys()].sort()
				);
				// Later events may add or drop a frequent event type, and so whole features; every
				// feature both matrices have must keep its value at every row.
				const shared = after.features.filter((f) => base.features.some((g) => g.key === f.key));
				expect(shared.length, `seed ${seed}: features in common`).toBeGreaterThan(
					base.features.length / 2
				);
				for (const [row, x] of a) {
					const y = b.get(row)!;
					for (const f of shared) {
						expect(y.get(f.key), `seed ${seed} ${row} ${f.key}`).toBe(x.get(f.key));
						valuesCompared++;
					}
					rowsCompared++;
				}
				seedsCompared++;
			} finally {
				await db.query('CREATE OR REPLACE TABLE events AS SELECT * FROM events_backup');
			}
		}
		expect(seedsCompared, 'seeds whose matrices were compared').toBeGreaterThanOrEqual(10);
		expect(rowsCompared).toBeGreaterThan(1000);
		expect(valuesCompared).toBeGreaterThan(rowsCompared * 10);
	});
});
