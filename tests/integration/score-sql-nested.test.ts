// score.sql on a table that holds nested fields nested: the app trains on a nested file as it
// reads one (flattened to dotted columns), and native DuckDB runs score.sql on the same file read
// by its own reader, whose STRUCT and LIST columns score.sql reads through the dialect's
// nestedField. Every profile gets the app's probability (to 1e-9), score, percentile, bucket and
// top three factors (tests/helpers/scale-out.ts).
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { scoreSql } from '../../src/lib/engine/scale-out/score-sql';
import type { GoalSpec } from '../../src/lib/engine/types';
import { useParquetWasmInNode } from '../helpers/parquet-wasm';
import { expectAppScores, runNative, trainedOnRecords } from '../helpers/scale-out';
import { toNdjson, xdmEvents } from '../helpers/xdm';

const dir = mkdtempSync(path.join(tmpdir(), 'score-nested-'));

beforeAll(() => {
	useParquetWasmInNode();
});

describe('score.sql on nested fields, in native DuckDB', () => {
	it('XDM events as NDJSON: the id from a list of records, the value from structs, a goal on a list', async () => {
		const file = path.join(dir, 'xdm.ndjson');
		writeFileSync(file, toNdjson(xdmEvents(500, 11)));
		const spec: GoalSpec = {
			version: 1,
			name: 'Buys a W product',
			kind: 'conversion',
			goal: {
				all: [
					{ field: 'eventType', op: 'eq', value: 'commerce.purchases' },
					{ field: 'productListItems.SKU', op: 'startsWith', value: 'W' }
				]
			},
			outcomeWindowDays: 30,
			lookbackDays: 90
		};
		const t = await trainedOnRecords(file, 'ndjson', spec, `read_json('${file}')`);
		// What the app flattened, and score.sql reads nested: the id, the value, the goal's list.
		expect(t.input.mapping.customerId).toBe('identityMap.ECID.id');
		expect(t.input.mapping.value).toBe('commerce.order.priceTotal');
		const nested = new Map(t.input.nested!.map((c) => [c.name, c.steps]));
		expect(nested.get('identityMap.ECID.id')?.[1]).toEqual({ field: 'ECID', list: true });
		expect(nested.has('productListItems.SKU')).toBe(true);
		expect(t.app.profiles.customerIds.length).toBeGreaterThan(200);
		const sql = scoreSql(t.input);
		expect(sql).toContain(`list_transform(struct_extract("identityMap", 'ECID')`);
		expect(expectAppScores(await runNative(t.native, sql), t)).toBeGreaterThan(1000);
	}, 120_000);

	it('Parquet with STRUCT and LIST columns: the id from a list of records, a value from a struct', async () => {
		const file = path.join(dir, 'events.parquet');
		const c = await (await DuckDBInstance.create(':memory:')).connect();
		await c.run(
			`COPY (SELECT {'ids': [{'id': 'c' || (i % 400)}], 'kind': 'crm'} AS identity, ` +
				`TIMESTAMP '2024-01-01' + INTERVAL (i * 13) MINUTE AS event_time, ` +
				`CASE WHEN (i * 7) % 23 = 0 THEN 'purchase' WHEN i % 3 = 0 THEN 'cart' ELSE 'view' END AS event_name, ` +
				`{'order': {'total': ((i * 31) % 97)::DOUBLE}} AS commerce, ` +
				`[{'SKU': CASE WHEN i % 5 = 0 THEN 'W-1' ELSE 'B-2' END, 'tags': ['a', 'b' || (i % 3)]}] AS items ` +
				`FROM range(60000) t(i)) TO '${file}' (FORMAT parquet, ROW_GROUP_SIZE 20000)`
		);
		const spec: GoalSpec = {
			version: 1,
			name: 'Purchase',
			kind: 'conversion',
			goal: { all: [{ field: 'event', op: 'eq', value: 'purchase' }] },
			outcomeWindowDays: 30,
			lookbackDays: 90,
			customEvents: [
				{
					name: 'W in cart',
					when: {
						all: [
							{ field: 'event', op: 'eq', value: 'cart' },
							{ field: 'items.SKU', op: 'startsWith', value: 'W' },
							{ field: 'items.tags', op: 'eq', value: 'b1' }
						]
					}
				}
			],
			data: {
				events: {
					customerId: 'identity.ids.id',
					timestamp: 'event_time',
					event: 'event_name',
					value: 'commerce.order.total'
				}
			}
		};
		const t = await trainedOnRecords(file, 'parquet', spec, `read_parquet('${file}')`);
		const nested = new Map(t.input.nested!.map((n) => [n.name, n.steps.map((s) => s.list)]));
		expect(nested.get('identity.ids.id')).toEqual([false, true, false]);
		expect(nested.get('items.tags')).toEqual([true, true]);
		expect(nested.get('commerce.order.total')).toEqual([false, false, false]);
		expect(t.app.matrix.features.some((f) => f.name.includes('W in cart'))).toBe(true);
		expect(t.app.profiles.customerIds.length).toBeGreaterThan(200);
		expect(expectAppScores(await runNative(t.native, scoreSql(t.input)), t)).toBeGreaterThan(1000);
	}, 120_000);
});
