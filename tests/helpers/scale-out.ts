// Shared by the score.sql tests: the app's pipeline on a file (the real DuckDB-WASM matrix and
// the real training and scoring code, as in the Train step), the input of score.sql for the same
// file, score.sql run in native DuckDB or PostgreSQL, and the check that an engine's output
// table gives every profile the app's scores.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { describeSource, loadProfiles, sourceRelation, type Source } from '../../src/lib/db/ingest';
import type { Db } from '../../src/lib/db/types';
import type { RecordFormat } from '../../src/lib/engine/ingest/format';
import { toRows } from '../../src/lib/db/rows';
import { generateDemo } from '../../src/lib/engine/demo/generate';
import { guessMapping } from '../../src/lib/engine/ingest/guess';
import { DUCKDB, POSTGRES } from '../../src/lib/engine/sql/dialects';
import { scoreSql, type ScoreSqlInput } from '../../src/lib/engine/scale-out/score-sql';
import type { EventMapping, GoalSpec } from '../../src/lib/engine/types';
import { openNativeDb, type NativeDb } from '../../bench/native-db';
import { loadOne, loadRecordFile, openNodeDb } from './node-db';
import type { Postgres } from './postgres';
import { runPipeline } from './pipeline';

export interface Trained {
	input: ScoreSqlInput;
	native: NativeDb;
	app: Awaited<ReturnType<typeof runPipeline>>;
}

/**
 * The app's pipeline on `file` (its bytes registered as an upload, as the page does), and
 * score.sql's input for the same file read by native DuckDB through the app's own reader.
 */
export async function trained(
	file: string,
	spec: GoalSpec,
	profiles?: { file: string; customerId: string }
): Promise<Trained> {
	const bytes = new Uint8Array(readFileSync(file));
	const db = await openNodeDb();
	await db.registerFile('upload_0.csv', bytes);
	const source = await describeSource(db, path.basename(file), 'upload_0.csv', bytes.length);
	const native = await openNativeDb();
	let profileInput: ScoreSqlInput['profiles'];
	if (profiles) {
		const pb = new Uint8Array(readFileSync(profiles.file));
		await db.registerFile('upload_1.csv', pb);
		const ps = await describeSource(db, 'profiles.csv', 'upload_1.csv', pb.length);
		const profileColumns = await loadProfiles(db, ps, profiles.customerId);
		native.link('upload_1.csv', profiles.file);
		const there = await describeSource(native, 'profiles.csv', 'upload_1.csv', pb.length);
		profileInput = {
			source: { relation: sourceRelation(there, [profiles.customerId]) },
			customerId: profiles.customerId,
			columns: profileColumns
		};
	}
	native.link('upload_0.csv', file);
	const there = await describeSource(native, path.basename(file), 'upload_0.csv', bytes.length);
	return trainedOn(
		db,
		source,
		spec,
		native,
		(mapping) => {
			const text = mapping.timestampFormat
				? [mapping.customerId, mapping.timestamp]
				: [mapping.customerId];
			return sourceRelation(there, text);
		},
		profileInput
	);
}

/**
 * The app's pipeline on a JSON, NDJSON or Parquet `file` read as the page reads it (flattened
 * by our readers), and score.sql's input for the table native DuckDB reads from the same file
 * with its own reader (`read_json`, `read_parquet`): nested fields held nested.
 */
export async function trainedOnRecords(
	file: string,
	format: RecordFormat,
	spec: GoalSpec,
	relation: string
): Promise<Trained> {
	const db = await openNodeDb();
	const bytes = new Uint8Array(readFileSync(file));
	const source = await loadRecordFile(db, format, bytes, path.basename(file), 'records_0');
	return trainedOn(db, source, spec, await openNativeDb(), () => relation);
}

/** The pipeline on a described source, and score.sql's input reading `relation(mapping)`. */
async function trainedOn(
	db: Db,
	source: Source,
	spec: GoalSpec,
	native: NativeDb,
	relation: (mapping: EventMapping) => string,
	profiles?: ScoreSqlInput['profiles']
): Promise<Trained> {
	const mapping: EventMapping = {
		...guessMapping(source.columns, source.preview),
		...spec.data?.events
	};
	const { columns } = await loadOne(db, source, mapping);
	const app = await runPipeline(db, spec, {
		eventColumns: columns,
		profileColumns: profiles?.columns ?? null
	});
	const input: ScoreSqlInput = {
		dialect: DUCKDB,
		spec,
		plan: app.matrix.plan,
		features: app.matrix.features,
		eventColumns: columns,
		mapping,
		sourceColumns: source.columns,
		...(source.nested && { nested: source.nested }),
		model: app.model,
		modelId: 'm-0123456789abcdef',
		source: { relation: relation(mapping) },
		scoringDate: null,
		...(profiles && { profiles })
	};
	return { input, native, app };
}

/** The script run whole in one call by native DuckDB, then its output table. */
export async function runNative(native: NativeDb, script: string) {
	await native.query(script);
	return toRows(await native.query('SELECT * FROM propensity_scores'));
}

/**
 * Checks an engine's output rows against the app's scores, every profile; returns how many
 * values were compared.
 */
export function expectAppScores(
	rows: Record<string, unknown>[],
	{ input, app }: Pick<Trained, 'input' | 'app'>
): number {
	const { profiles } = app;
	expect(rows.length).toBe(profiles.customerIds.length);
	const at = new Map(profiles.customerIds.map((id, i) => [id, i]));
	// Every value is compared as toBe would (Object.is); the differences are gathered and
	// asserted once, since an expect per value made this the slowest part of the tests.
	const differences: string[] = [];
	const same = (id: unknown, what: string, got: unknown, want: unknown) => {
		if (!Object.is(got, want))
			differences.push(`${String(id)} ${what}: ${String(got)} ≠ ${String(want)}`);
	};
	let compared = 0;
	let worst = 0;
	for (const r of rows) {
		const i = at.get(String(r.customer_id));
		if (i === undefined) {
			differences.push(`${String(r.customer_id)}: not a scored profile`);
			continue;
		}
		worst = Math.max(worst, Math.abs(Number(r.probability) - profiles.probability[i]!));
		same(r.customer_id, 'score', r.score, profiles.score[i]);
		same(r.customer_id, 'percentile', r.percentile, profiles.percentile[i]);
		same(r.customer_id, 'bucket', r.bucket, profiles.bucket[i]);
		const factors = profiles.factors.of(i);
		factors.forEach((f, k) => {
			const n = `factor_${k + 1}`;
			same(r.customer_id, n, r[n], f.key);
			same(r.customer_id, `${n}_contribution`, r[`${n}_contribution`], f.contribution);
			same(r.customer_id, `${n}_value`, r[`${n}_value`] ?? NaN, f.value);
			same(r.customer_id, `${n}_importance`, r[`${n}_importance`], f.importance);
		});
		const groups = profiles.groups.of(i);
		groups.forEach((g, k) => {
			const n = `factor_group_${k + 1}`;
			same(r.customer_id, n, r[n], g.key);
			same(r.customer_id, `${n}_name`, r[`${n}_name`], g.name);
			same(r.customer_id, `${n}_contribution`, r[`${n}_contribution`], g.contribution);
			same(r.customer_id, `${n}_importance`, r[`${n}_importance`], g.importance);
		});
		compared += 4 + factors.length + groups.length;
	}
	expect(differences.slice(0, 10), `${differences.length} differences`).toEqual([]);
	expect(worst, 'largest probability difference').toBeLessThan(1e-9);
	expect(rows[0]!.model_id).toBe(input.modelId);
	expect(rows[0]!.propensity_type).toBe(input.spec.kind);
	return compared;
}

export function demoFiles(customers: number, seed: number): { events: string; profiles: string } {
	const dir = mkdtempSync(path.join(tmpdir(), 'score-sql-'));
	const demo = generateDemo({ customers, seed });
	const events = path.join(dir, 'demo-events.csv');
	const profiles = path.join(dir, 'demo-profiles.csv');
	writeFileSync(events, demo.eventsCsv);
	writeFileSync(profiles, demo.profilesCsv);
	return { events, profiles };
}
export const demoFile = (customers: number, seed: number) => demoFiles(customers, seed).events;

/** PostgreSQL's name for a DuckDB column type (what a warehouse table would hold). */
function pgType(duck: string): string {
	if (/^(BIGINT|INTEGER|SMALLINT|DOUBLE|DATE|TIMESTAMP|BOOLEAN)$/.test(duck))
		return duck === 'DOUBLE' ? 'DOUBLE PRECISION' : duck;
	if (duck === 'TIMESTAMP WITH TIME ZONE') return 'TIMESTAMPTZ';
	if (duck === 'FLOAT') return 'REAL';
	return 'TEXT';
}

/**
 * A PostgreSQL table `table` holding `relation` as native DuckDB reads it (the columns and
 * types score.sql for DuckDB reads), copied through a CSV file; returns its row count.
 */
export async function copyToPostgres(
	pg: Postgres,
	native: NativeDb,
	relation: string,
	table: string
): Promise<number> {
	const columns = toRows(await native.query(`DESCRIBE SELECT * FROM ${relation}`));
	const file = path.join(pg.dir, `${table}.csv`);
	await native.query(`COPY (SELECT * FROM ${relation}) TO '${file}' (FORMAT csv, HEADER true)`);
	const defs = columns.map(
		(c) => `${POSTGRES.ident(String(c.column_name))} ${pgType(String(c.column_type))}`
	);
	pg.run(
		`DROP TABLE IF EXISTS ${table};\nCREATE TABLE ${table} (${defs.join(', ')});\n` +
			`\\copy ${table} FROM '${file}' WITH (FORMAT csv, HEADER true)`
	);
	const [count] = pg.rows(`SELECT count(*) AS n FROM ${table}`);
	return Number(count!.n);
}

/** The events (and profiles) in PostgreSQL, score.sql for PostgreSQL run whole, its output. */
export async function runPostgres(pg: Postgres, t: Trained) {
	const source = t.input.source;
	if (!('relation' in source)) throw new Error('expected a file relation');
	expect(await copyToPostgres(pg, t.native, source.relation, 'events')).toBeGreaterThan(0);
	const profiles = t.input.profiles;
	if (profiles && 'relation' in profiles.source)
		expect(
			await copyToPostgres(pg, t.native, profiles.source.relation, 'profiles')
		).toBeGreaterThan(0);
	const sql = scoreSql({
		...t.input,
		dialect: POSTGRES,
		source: { table: 'events' },
		...(profiles && { profiles: { ...profiles, source: { table: 'profiles' } } })
	});
	const file = path.join(pg.dir, 'score.postgres.sql');
	writeFileSync(file, sql);
	pg.runFile(file);
	return pg.rows('SELECT * FROM propensity_scores');
}
