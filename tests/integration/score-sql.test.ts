// score.sql run whole by native DuckDB on the same events file, and by psql on a real
// PostgreSQL server (tests/helpers/postgres.ts) over the same events copied into a table, gives
// every profile the app's probability (to 1e-9), score, percentile, bucket and top three factors
// (tests/helpers/scale-out.ts). Each dataset is trained once, for both engines.
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectFor } from '../../src/lib/engine/sql/dialects';
import { scoreSql } from '../../src/lib/engine/scale-out/score-sql';
import type { GoalSpec } from '../../src/lib/engine/types';
import { demoGoal } from '../helpers/demo-db';
import { HAS_SHARED, SHARED } from '../helpers/node-db';
import { startPostgres, type Postgres } from '../helpers/postgres';
import {
	demoFile,
	demoFiles,
	expectAppScores,
	runNative,
	runPostgres,
	trained,
	type Trained
} from '../helpers/scale-out';

let pg: Postgres;
beforeAll(async () => {
	pg = await startPostgres();
}, 60_000);
afterAll(() => pg?.stop());

/**
 * score.sql for DuckDB and for PostgreSQL, each run whole, checked against the app; returns the
 * values compared in each.
 */
async function expectEngineScores(t: Trained): Promise<number[]> {
	const native = expectAppScores(await runNative(t.native, scoreSql(t.input)), t);
	return [native, expectAppScores(await runPostgres(pg, t), t)];
}

describe('score.sql in native DuckDB and PostgreSQL', () => {
	it('scores the demo as the app does, every profile', async () => {
		const t = await trained(demoFile(1500, 5), demoGoal);
		expect(t.app.profiles.customerIds.length).toBeGreaterThan(500);
		for (const n of await expectEngineScores(t)) expect(n).toBeGreaterThan(3000);
	}, 120_000);

	it('scores the demo with profile attributes as the app does', async () => {
		const files = demoFiles(1200, 8);
		const head = readFileSync(files.profiles, 'utf8').split('\n')[0]!.split(',');
		const attributes = head.filter((c) => c !== 'ecid');
		expect(attributes.length).toBeGreaterThan(0);
		const spec: GoalSpec = { ...demoGoal, profileAttributes: attributes };
		const t = await trained(files.events, spec, { file: files.profiles, customerId: 'ecid' });
		expect(t.app.matrix.features.filter((f) => f.stage === 'profile').length).toBeGreaterThan(0);
		for (const n of await expectEngineScores(t)) expect(n).toBeGreaterThan(3000);
		const { profiles, ...without } = t.input;
		expect(profiles).toBeDefined();
		expect(() => scoreSql(without)).toThrow(/name the profile table too/);
	}, 120_000);

	it.skipIf(!HAS_SHARED)(
		'scores CDNOW as the app does, every profile',
		async () => {
			const rel = 'cdnow/CDNOW_master.txt';
			const spec = (await import('../../bench/cdnow.goal.json')).default as unknown as GoalSpec;
			const t = await trained(path.join(SHARED, rel), spec);
			for (const n of await expectEngineScores(t)) expect(n).toBeGreaterThan(10_000);
		},
		180_000
	);

	it.skipIf(!HAS_SHARED)(
		'scores grocery as the app does, every profile (one event type, no values)',
		async () => {
			const rel = 'grocery_btydplus/groceryElog.csv';
			const spec = (await import('../../bench/grocery.goal.json')).default as unknown as GoalSpec;
			const t = await trained(path.join(SHARED, rel), spec);
			expect(t.input.mapping.eventName).toBe('purchase');
			for (const n of await expectEngineScores(t)) expect(n).toBeGreaterThan(3000);
		},
		180_000
	);

	it('writes the parameters at the top and quotes hostile names', async () => {
		const t = await trained(demoFile(300, 2), demoGoal);
		const sql = scoreSql({
			...t.input,
			source: { table: `my "events"; DROP TABLE x` },
			scoringDate: '2024-03-01'
		});
		const lines = sql.split('\n');
		expect(
			lines.findIndex((l) => l.startsWith('CREATE OR REPLACE TEMP VIEW propensity_source'))
		).toBeLessThan(10);
		expect(sql).toContain(`SELECT * FROM "my ""events""; DROP TABLE x";`);
		expect(sql).toContain(`SELECT DATE '2024-03-01' AS scoring_date;`);
		expect(() => scoreSql({ ...t.input, scoringDate: "2024-01-01'; --" })).toThrow(/not a date/);
		expect(() => dialectFor('oracle')).toThrow(
			/engines supported are duckdb, postgres, spark, bigquery, snowflake\./
		);
	}, 60_000);
});
