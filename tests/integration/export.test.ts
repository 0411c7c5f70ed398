// Exports of scored profiles, read back by an independent reader: native DuckDB
// (@duckdb/node-api) opens the Parquet and the CSV the app writes for the demo's scores and
// finds every row, column and value of the output schema.
import { listedFactors } from '../../src/lib/engine/explain/profile-factors';
import { listedGroups } from '../../src/lib/engine/explain/profile-groups';
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	scoresCsvParts,
	scoresJsonParts,
	PARQUET_GROUP_ROWS,
	type ScoreContext
} from '../../src/lib/engine/export/csv';
import {
	PARQUET_SLICE_ROWS,
	scoresParquet,
	scoresParquetParts
} from '../../src/lib/engine/export/parquet';
import { byProbability } from '../../src/lib/engine/scored';
import { demoGoal, openDemoDb } from '../helpers/demo-db';
import { runPipeline } from '../helpers/pipeline';

const ctx: ScoreContext = {
	propensityType: 'conversion',
	scoreDate: '2026-01-01',
	modelId: '0123abcd4567ef89'
};

async function read(sql: string) {
	const c = await (await DuckDBInstance.create(':memory:')).connect();
	return (await c.runAndReadAll(sql)).getRowObjectsJson();
}

describe('scored profile exports', async () => {
	const { db, ctx: data } = await openDemoDb(500, 3);
	const { profiles } = await runPipeline(db, demoGoal, data, { variants: ['linear'] });
	const order = byProbability(profiles);
	// A segment: the high bucket, in probability order.
	const high = Array.from(order).filter((i) => profiles.bucket[i] === 'high');
	const dir = mkdtempSync(path.join(tmpdir(), 'export-'));

	it('Parquet: every row and column, the factors as a list of structs, readable by DuckDB', async () => {
		const file = path.join(dir, 'high.parquet');
		writeFileSync(file, await scoresParquet(profiles, high, ctx));
		const schema = await read(`DESCRIBE SELECT * FROM read_parquet('${file}')`);
		expect(schema.map((c) => [c['column_name'], c['column_type']])).toEqual([
			['customer_id', 'VARCHAR'],
			['probability', 'DOUBLE'],
			['score', 'INTEGER'],
			['percentile', 'INTEGER'],
			['bucket', 'VARCHAR'],
			['propensity_type', 'VARCHAR'],
			['score_date', 'DATE'],
			['model_id', 'VARCHAR'],
			[
				'factors',
				'STRUCT("key" VARCHAR, "name" VARCHAR, "value" DOUBLE, contribution DOUBLE, importance VARCHAR, sentence VARCHAR)[]'
			],
			[
				'factor_groups',
				'STRUCT("key" VARCHAR, "name" VARCHAR, contribution DOUBLE, importance VARCHAR, sentence VARCHAR)[]'
			]
		]);
		const rows = await read(
			`SELECT customer_id, probability, bucket, score_date::VARCHAR AS d, model_id, len(factors)::INTEGER AS n, ` +
				`factors[1].name AS top, factors[1].contribution AS c, len(factor_groups)::INTEGER AS ng, ` +
				`factor_groups[1].name AS topGroup, factor_groups[1].sentence AS groupSentence ` +
				`FROM read_parquet('${file}')`
		);
		expect(rows).toHaveLength(high.length);
		rows.forEach((row, k) => {
			const i = high[k]!;
			expect(row['customer_id']).toBe(profiles.customerIds[i]);
			expect(row['probability']).toBeCloseTo(profiles.probability[i]!, 6);
			expect(row['bucket']).toBe('high');
			expect(row['d']).toBe('2026-01-01');
			expect(row['model_id']).toBe(ctx.modelId);
			expect(row['n']).toBe(3);
			expect(row['top']).toBe(profiles.factors.of(i)[0]!.name);
			expect(row['c']).toBeCloseTo(profiles.factors.of(i)[0]!.contribution, 5);
			expect(row['ng']).toBe(3);
			expect(row['topGroup']).toBe(profiles.groups.of(i)[0]!.name);
			expect(row['groupSentence']).toBe(profiles.groups.of(i)[0]!.sentence);
		});
	});

	it('CSV and JSON: the same rows and values', async () => {
		const csv = path.join(dir, 'high.csv');
		writeFileSync(csv, [...scoresCsvParts(profiles, high, ctx)].join(''));
		const rows = await read(
			`SELECT customer_id, probability, propensity_type, factor_1_name, factor_3_importance, ` +
				`factor_group_1_name, factor_group_1_contribution ` +
				`FROM read_csv('${csv}', header = true, all_varchar = true)`
		);
		expect(rows).toHaveLength(high.length);
		expect(rows[0]!['customer_id']).toBe(profiles.customerIds[high[0]!]);
		expect(Number(rows[0]!['probability'])).toBeCloseTo(profiles.probability[high[0]!]!, 6);
		expect(rows[0]!['propensity_type']).toBe('conversion');
		expect(rows[0]!['factor_1_name']).toBe(profiles.factors.of(high[0]!)[0]!.name);
		expect(['high', 'medium', 'low']).toContain(rows[0]!['factor_3_importance']);
		const top = profiles.groups.of(high[0]!)[0]!;
		expect(rows[0]!['factor_group_1_name']).toBe(top.name);
		expect(Number(rows[0]!['factor_group_1_contribution'])).toBeCloseTo(top.contribution, 4);
		const json = JSON.parse([...scoresJsonParts(profiles, high, ctx)].join('')) as {
			customer_id: string;
			factors: unknown[];
		}[];
		expect(json.map((r) => r.customer_id)).toEqual(rows.map((r) => r['customer_id']));
	});

	it('Parquet in row groups: a large export written a group at a time is one file, in order', async () => {
		// The demo's profiles repeated past two row groups, with unique ids.
		const m = profiles.customerIds.length;
		const n = 2 * PARQUET_GROUP_ROWS + 123;
		const big: typeof profiles = {
			customerIds: Array.from({ length: n }, (_, i) => `${profiles.customerIds[i % m]}#${i}`),
			probability: Float32Array.from({ length: n }, (_, i) => profiles.probability[i % m]!),
			score: Uint8Array.from({ length: n }, (_, i) => profiles.score[i % m]!),
			percentile: Uint8Array.from({ length: n }, (_, i) => profiles.percentile[i % m]!),
			bucket: Array.from({ length: n }, (_, i) => profiles.bucket[i % m]!),
			factors: listedFactors(Array.from({ length: n }, (_, i) => profiles.factors.of(i % m))),
			groups: listedGroups(Array.from({ length: n }, (_, i) => profiles.groups.of(i % m)))
		};
		const rows = Int32Array.from({ length: n }, (_, k) => n - 1 - k);
		const parts: Uint8Array[] = [];
		for await (const part of scoresParquetParts(big, rows, ctx)) parts.push(part);
		// Three row groups and the footer, and between them an empty chunk (a point to pause at)
		// after every slice of a group but its last.
		expect(parts.filter((p) => p.length > 0)).toHaveLength(4);
		const slices = Math.ceil(PARQUET_GROUP_ROWS / PARQUET_SLICE_ROWS);
		expect(parts.filter((p) => p.length === 0)).toHaveLength(2 * (slices - 1));
		const file = path.join(dir, 'big.parquet');
		writeFileSync(file, Buffer.concat(parts));
		const meta = await read(
			`SELECT count(DISTINCT row_group_id)::INTEGER AS groups FROM parquet_metadata('${file}')`
		);
		expect(meta[0]!['groups']).toBe(3);
		const read_ = await read(
			`SELECT count(*)::INTEGER AS n, ` +
				`count(*) FILTER (WHERE split_part(customer_id, '#', 2)::INTEGER = ${n} - 1 - rn)::INTEGER AS inOrder ` +
				`FROM (SELECT customer_id, file_row_number AS rn FROM read_parquet('${file}', file_row_number = true))`
		);
		expect(read_[0]).toEqual({ n, inOrder: n });
	});
});
