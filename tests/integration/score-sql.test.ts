// score.sql run whole by native DuckDB on the same events file gives every profile the app's
// probability, score, percentile, bucket and top three factors (the app's side: the real
// DuckDB-WASM matrix and the real training and scoring code, as in the Train step).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeSource, loadProfiles, sourceRelation } from '../../src/lib/db/ingest';
import { toRows } from '../../src/lib/db/rows';
import { generateDemo } from '../../src/lib/engine/demo/generate';
import { guessMapping } from '../../src/lib/engine/ingest/guess';
import { DUCKDB, dialectFor } from '../../src/lib/engine/sql/dialects';
import { scoreSql, type ScoreSqlInput } from '../../src/lib/engine/scale-out/score-sql';
import type { EventMapping, GoalSpec } from '../../src/lib/engine/types';
import { demoGoal } from '../helpers/demo-db';
import { openNativeDb, type NativeDb } from '../../bench/native-db';
import { HAS_SHARED, loadOne, openNodeDb, SHARED } from '../helpers/node-db';
import { runPipeline } from '../helpers/pipeline';

interface Trained {
	input: ScoreSqlInput;
	native: NativeDb;
	app: Awaited<ReturnType<typeof runPipeline>>;
}

/**
 * The app's pipeline on `file` (its bytes registered as an upload, as the page does), and
 * score.sql's input for the same file read by native DuckDB through the app's own reader.
 */
async function trained(
	file: string,
	spec: GoalSpec,
	profiles?: { file: string; customerId: string }
): Promise<Trained> {
	const bytes = new Uint8Array(readFileSync(file));
	const db = await openNodeDb();
	await db.registerFile('upload_0.csv', bytes);
	const source = await describeSource(db, path.basename(file), 'upload_0.csv', bytes.length);
	const mapping: EventMapping = {
		...guessMapping(source.columns, source.preview),
		...spec.data?.events
	};
	const { columns } = await loadOne(db, source, mapping);
	const native = await openNativeDb();
	let profileColumns = null;
	let profileInput: ScoreSqlInput['profiles'];
	if (profiles) {
		const pb = new Uint8Array(readFileSync(profiles.file));
		await db.registerFile('upload_1.csv', pb);
		const ps = await describeSource(db, 'profiles.csv', 'upload_1.csv', pb.length);
		profileColumns = await loadProfiles(db, ps, profiles.customerId);
		native.link('upload_1.csv', profiles.file);
		const there = await describeSource(native, 'profiles.csv', 'upload_1.csv', pb.length);
		profileInput = {
			source: { relation: sourceRelation(there, [profiles.customerId]) },
			customerId: profiles.customerId,
			columns: profileColumns
		};
	}
	const app = await runPipeline(db, spec, { eventColumns: columns, profileColumns });
	native.link('upload_0.csv', file);
	const there = await describeSource(native, path.basename(file), 'upload_0.csv', bytes.length);
	const text = mapping.timestampFormat
		? [mapping.customerId, mapping.timestamp]
		: [mapping.customerId];
	const input: ScoreSqlInput = {
		dialect: DUCKDB,
		spec,
		plan: app.matrix.plan,
		features: app.matrix.features,
		eventColumns: columns,
		mapping,
		sourceColumns: source.columns,
		model: app.model,
		modelId: 'm-0123456789abcdef',
		source: { relation: sourceRelation(there, text) },
		scoringDate: null,
		...(profileInput && { profiles: profileInput })
	};
	return { input, native, app };
}

/** The script run whole in one call, then its output table. */
async function runNative(native: NativeDb, script: string) {
	await native.query(script);
	return toRows(await native.query('SELECT * FROM propensity_scores'));
}

/** Compares every profile; returns how many values were compared. */
async function expectAppScores({ input, native, app }: Trained): Promise<number> {
	const rows = await runNative(native, scoreSql(input));
	const { profiles } = app;
	expect(rows.length).toBe(profiles.customerIds.length);
	const at = new Map(profiles.customerIds.map((id, i) => [id, i]));
	let compared = 0;
	let worst = 0;
	for (const r of rows) {
		const i = at.get(String(r.customer_id));
		expect(i, `customer ${String(r.customer_id)}`).toBeDefined();
		worst = Math.max(worst, Math.abs(Number(r.probability) - profiles.probability[i!]!));
		expect(r.score).toBe(profiles.score[i!]);
		expect(r.percentile).toBe(profiles.percentile[i!]);
		expect(r.bucket).toBe(profiles.bucket[i!]);
		const factors = profiles.factors[i!]!;
		factors.forEach((f, k) => {
			expect(r[`factor_${k + 1}`]).toBe(f.key);
			expect(r[`factor_${k + 1}_contribution`]).toBe(f.contribution);
			expect(r[`factor_${k + 1}_value`] ?? NaN).toBe(f.value);
			expect(r[`factor_${k + 1}_importance`]).toBe(f.importance);
		});
		compared += 4 + factors.length;
	}
	expect(worst, 'largest probability difference').toBeLessThan(1e-9);
	expect(rows[0]!.model_id).toBe(input.modelId);
	expect(rows[0]!.propensity_type).toBe(input.spec.kind);
	return compared;
}

function demoFiles(customers: number, seed: number): { events: string; profiles: string } {
	const dir = mkdtempSync(path.join(tmpdir(), 'score-sql-'));
	const demo = generateDemo({ customers, seed });
	const events = path.join(dir, 'demo-events.csv');
	const profiles = path.join(dir, 'demo-profiles.csv');
	writeFileSync(events, demo.eventsCsv);
	writeFileSync(profiles, demo.profilesCsv);
	return { events, profiles };
}
const demoFile = (customers: number, seed: number) => demoFiles(customers, seed).events;

describe('score.sql in native DuckDB', () => {
	it('scores the demo as the app does, every profile', async () => {
		const t = await trained(demoFile(1500, 5), demoGoal);
		expect(t.app.profiles.customerIds.length).toBeGreaterThan(500);
		expect(await expectAppScores(t)).toBeGreaterThan(3000);
	}, 120_000);

	it('scores the demo with profile attributes as the app does', async () => {
		const files = demoFiles(1200, 8);
		const head = readFileSync(files.profiles, 'utf8').split('\n')[0]!.split(',');
		const attributes = head.filter((c) => c !== 'ecid');
		expect(attributes.length).toBeGreaterThan(0);
		const spec: GoalSpec = { ...demoGoal, profileAttributes: attributes };
		const t = await trained(files.events, spec, { file: files.profiles, customerId: 'ecid' });
		expect(t.app.matrix.features.filter((f) => f.stage === 'profile').length).toBeGreaterThan(0);
		expect(await expectAppScores(t)).toBeGreaterThan(3000);
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
			expect(await expectAppScores(t)).toBeGreaterThan(10_000);
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
		expect(() => dialectFor('oracle')).toThrow(/engines supported are duckdb/);
	}, 60_000);
});
