// The drill-down's timeline query on real DuckDB: one customer's events, oldest first, from a
// moment on, agreeing with a plain count.
import { describe, expect, it } from 'vitest';
import { customerEvents } from '../../src/lib/db/timeline';
import { firstRow } from '../../src/lib/db/rows';
import { openDemoDb } from '../helpers/demo-db';

describe('customerEvents', () => {
	it("returns one customer's events, oldest first, from the given time", async () => {
		const { db } = await openDemoDb(200, 4);
		const busiest = firstRow(
			await db.query(
				'SELECT CAST(__customer_id AS VARCHAR) AS id, count(*)::INTEGER AS n, median(__t)::DOUBLE AS mid ' +
					'FROM events GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1'
			)
		);
		const id = String(busiest['id']);
		const all = await customerEvents(db, id, 0);
		expect(all).toHaveLength(Number(busiest['n']));
		expect(all.every((e, k) => k === 0 || all[k - 1]!.t <= e.t)).toBe(true);
		expect(all.every((e) => e.event.length > 0)).toBe(true);
		const mid = Number(busiest['mid']);
		const later = await customerEvents(db, id, mid);
		expect(later.length).toBe(all.filter((e) => e.t >= mid).length);
		expect(later.length).toBeLessThan(all.length);
		expect(await customerEvents(db, 'nobody-has-this-id', 0)).toEqual([]);
	});
});
