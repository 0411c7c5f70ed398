// No leakage: adding, removing or changing any event at or after a cutoff changes no feature
// (and no eligibility) at that cutoff or any earlier one.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildMatrix, type DataContext } from '../../src/lib/db/matrix';
import type { FeatureMatrix } from '../../src/lib/engine/features/matrix';
import type { Db } from '../../src/lib/db/types';
import type { GoalSpec } from '../../src/lib/engine/types';
import { openDemoDb } from '../helpers/demo-db';

const spec: GoalSpec = {
	version: 1,
	name: 'Purchase in 30 days',
	kind: 'conversion',
	goal: { all: [{ field: 'event', op: 'eq', value: 'commerce.purchases' }] },
	outcomeWindowDays: 30,
	lookbackDays: 120,
	scoringCutoff: '2025-12-01',
	customEvents: [{ name: 'Big order', when: { all: [{ field: 'value', op: 'gte', value: 60 }] } }],
	eligible: {
		any: [
			{ had: { all: [] }, withinDays: 90 },
			{
				notHad: { all: [{ field: 'event', op: 'eq', value: 'commerce.purchases' }] },
				withinDays: 200
			}
		]
	},
	profileAttributes: ['country', 'loyaltyTier', 'signupDate']
};

let db: Db;
let ctx: DataContext;
let base: FeatureMatrix;

beforeAll(async () => {
	({ db, ctx } = await openDemoDb());
	base = await buildMatrix(db, spec, ctx);
});

/** Feature rows at cutoffs with index <= k, keyed by cutoff and customer, by feature key. */
function rowsUpTo(m: FeatureMatrix, k: number): Map<string, Map<string, number>> {
	const out = new Map<string, Map<string, number>>();
	for (let i = 0; i < m.rows; i++) {
		if (m.cutoffIndex[i]! > k) continue;
		const feats = new Map<string, number>();
		m.features.forEach((f, j) => feats.set(f.key, m.x[i * m.cols + j]!));
		out.set(`${m.cutoffIndex[i]}|${m.customerIds[i]}`, feats);
	}
	return out;
}

async function mutateFrom(cutoff: number) {
	await db.query('CREATE OR REPLACE TABLE events_backup AS SELECT * FROM events');
	// Change, remove and add events at or after the cutoff, including exactly at it.
	await db.query(
		`UPDATE events SET __value = coalesce(__value, 0) * 7 + 100, __event = 'commerce.purchases' WHERE __t >= ? AND hash(__customer_id) % 3 = 0`,
		[cutoff]
	);
	await db.query(`DELETE FROM events WHERE __t >= ? AND hash(__customer_id) % 3 = 1`, [cutoff]);
	await db.query(
		`INSERT INTO events SELECT * REPLACE (CAST(? AS BIGINT) + (hash(__customer_id) % 2) * 3600000 AS __t, 999.0 AS __value, 'commerce.purchases' AS __event) ` +
			`FROM events_backup WHERE hash(__customer_id) % 5 = 0 QUALIFY row_number() OVER (PARTITION BY __customer_id) = 1`,
		[cutoff]
	);
	// Customers who never had an event before: they must not become eligible at the cutoff.
	await db.query(
		`INSERT INTO events SELECT * REPLACE ('NEW-' || __customer_id AS __customer_id, CAST(? AS BIGINT) AS __t) FROM events_backup LIMIT 50`,
		[cutoff]
	);
}

async function restore() {
	await db.query('CREATE OR REPLACE TABLE events AS SELECT * FROM events_backup');
}

describe('the leakage test', () => {
	it('builds rows at every cutoff', () => {
		expect(base.cutoffs.length).toBeGreaterThanOrEqual(3);
		for (let k = 0; k < base.cutoffs.length; k++) expect(base.cutoffIndex.includes(k)).toBe(true);
	});

	it('changing events at or after each cutoff changes no feature at that cutoff or before', async () => {
		for (let k = 0; k < base.cutoffs.length; k++) {
			const cutoff = base.cutoffs[k]!.t;
			await mutateFrom(cutoff);
			try {
				const after = await buildMatrix(db, spec, ctx);
				const a = rowsUpTo(base, k);
				const b = rowsUpTo(after, k);
				expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
				const shared = base.features
					.map((f) => f.key)
					.filter((key) => after.features.some((g) => g.key === key));
				expect(shared.length).toBeGreaterThan(base.features.length * 0.8);
				for (const [row, feats] of a) {
					const other = b.get(row)!;
					for (const key of shared) {
						const x = feats.get(key)!;
						const y = other.get(key)!;
						if (!(Number.isNaN(x) && Number.isNaN(y)) && x !== y)
							throw new Error(`cutoff ${k}: ${row} feature ${key} changed from ${x} to ${y}`);
					}
				}
			} finally {
				await restore();
			}
		}
	});

	it('the mutation does change labels, so the test has teeth', async () => {
		const k = base.cutoffs.findIndex((c) => c.role === 'validation');
		await mutateFrom(base.cutoffs[k]!.t);
		try {
			const after = await buildMatrix(db, spec, ctx);
			const label = (m: FeatureMatrix) =>
				Array.from(m.labels)
					.filter((_, i) => m.cutoffIndex[i] === k)
					.reduce((s, v) => s + v, 0);
			expect(label(after)).not.toBe(label(base));
			// And features at the scoring cutoff (after the mutation) do see the new events.
			const last = base.cutoffs.length - 1;
			const sum = (m: FeatureMatrix) => {
				let s = 0;
				for (let i = 0; i < m.rows; i++) if (m.cutoffIndex[i] === last) s += m.x[i * m.cols]!;
				return s;
			};
			expect(sum(after)).not.toBe(sum(base));
		} finally {
			await restore();
		}
	});
});
