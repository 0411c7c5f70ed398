// A profile attribute written by the outcome (known only after the window) is flagged; an
// honest one is not.
import { describe, expect, it } from 'vitest';
import { describeSource, loadProfiles } from '../../src/lib/db/ingest';
import { buildMatrix } from '../../src/lib/db/matrix';
import { leakageWarnings } from '../../src/lib/engine/leakage';
import { rng } from '../../src/lib/engine/random';
import type { GoalSpec } from '../../src/lib/engine/types';
import { openDemoDb } from '../helpers/demo-db';

const spec: GoalSpec = {
	version: 1,
	name: 'Purchase in 30 days',
	kind: 'conversion',
	goal: { all: [{ field: 'event', op: 'eq', value: 'commerce.purchases' }] },
	outcomeWindowDays: 30,
	lookbackDays: 120
};

describe('leakage warnings', () => {
	it('flag an attribute that mirrors the outcome, not an honest one', async () => {
		const { db, ctx } = await openDemoDb(800, 13);
		const base = await buildMatrix(db, spec, ctx);
		const v = base.cutoffs.findIndex((c) => c.role === 'validation');
		const outcome = new Map<string, number>();
		for (let i = 0; i < base.rows; i++)
			if (base.cutoffIndex[i] === v) outcome.set(base.customerIds[i]!, base.labels[i]!);
		const r = rng(5);
		const lines = ['ecid,orders_total,shoe_size'];
		for (const [id, y] of outcome)
			lines.push(`${id},${y * 3 + Math.floor(r() * 2)},${36 + Math.floor(r() * 10)}`);
		const bytes = new TextEncoder().encode(lines.join('\n'));
		await db.registerFile('upload_leak.csv', bytes);
		const src = await describeSource(db, 'p.csv', 'upload_leak.csv', bytes.length);
		const profileColumns = await loadProfiles(db, src, 'ecid');
		const m = await buildMatrix(
			db,
			{ ...spec, profileAttributes: ['orders_total', 'shoe_size'] },
			{ ...ctx, profileColumns }
		);
		const warnings = leakageWarnings(m);
		expect(warnings.map((w) => w.key)).toEqual(['attr:orders_total']);
		expect(warnings[0]!.auc).toBeGreaterThan(0.95);
		expect(warnings[0]!.message).toMatch(
			/"Orders total" alone predicts the outcome .* updated by the outcome itself/
		);
	});
});
