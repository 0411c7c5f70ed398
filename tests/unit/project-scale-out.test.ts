// A project file keeps what score.sql needs of the data a model was trained on (the columns as
// the app read them, the time magnitude), so a saved project writes score.sql without its data,
// and the same script it wrote before it was saved.
import { describe, expect, it } from 'vitest';
import {
	parseProject,
	serialiseProject,
	type ScaleOutSource
} from '../../src/lib/state/project-format';
import { DEFAULT_WAREHOUSE, warehouseScoreFile } from '../../src/lib/state/warehouse';
import type { RunResult } from '../../src/lib/state/run.svelte';
import { projectFixture } from '../helpers/project-fixture';

const col = (name: string, type: string) => ({ name, type });

const SCALE_OUT: ScaleOutSource = {
	sourceColumns: [
		col('customer_id', 'VARCHAR'),
		col('ts', 'BIGINT'),
		col('event', 'VARCHAR'),
		col('amount', 'DOUBLE'),
		col('store', 'VARCHAR')
	],
	eventColumns: [
		col('__file', 'SMALLINT'),
		col('__customer_id', 'VARCHAR'),
		col('__event', 'VARCHAR'),
		col('__value', 'DOUBLE'),
		col('store', 'VARCHAR'),
		col('__t', 'BIGINT')
	],
	profileColumns: [
		col('__customer_id', 'VARCHAR'),
		col('customer_id', 'VARCHAR'),
		col('tier', 'VARCHAR'),
		col('age', 'BIGINT')
	],
	// Epoch milliseconds (by magnitude), which score.sql must read as such.
	timestampMagnitude: 1.7e12
};

/** A project as saved, with or without what score.sql needs. */
function saved(scaleOut: ScaleOutSource | undefined) {
	const p = projectFixture();
	return { ...p, trainedOn: { ...p.trainedOn, ...(scaleOut && { scaleOut }) } };
}

const options = {
	...DEFAULT_WAREHOUSE,
	engine: 'bigquery',
	table: 'shop.events',
	profilesTable: 'shop.profiles'
};

const scriptOf = (r: unknown) => warehouseScoreFile(r as RunResult, options).blob.text();

describe('score.sql from a project file', () => {
	it('is the same script before the project is saved and after it is read back', async () => {
		const before = saved(SCALE_OUT);
		const after = parseProject(serialiseProject(before));
		expect(after.trainedOn.scaleOut).toEqual(SCALE_OUT);
		const sql = await scriptOf(after);
		expect(sql).toBe(await scriptOf(before));
		// What only the kept columns tell: the time unit, the profile table and its id, the output.
		expect(sql).toContain('TIMESTAMP_MILLIS(CAST(CAST(`ts` AS INT64) AS INT64))');
		expect(sql).toContain('`shop`.`profiles`');
		expect(sql).toContain('PARTITION BY `customer_id`');
		expect(sql).toContain('CREATE OR REPLACE TABLE `shop`.`propensity_scores`');
	});

	it('keeps how nested fields nest, and reads them from the nested table as before it was saved', async () => {
		const nested: ScaleOutSource = {
			...SCALE_OUT,
			sourceColumns: [...SCALE_OUT.sourceColumns, col('device.type', 'VARCHAR')],
			eventColumns: [
				...SCALE_OUT.eventColumns.slice(0, -1),
				col('device.type', 'VARCHAR'),
				col('__t', 'BIGINT')
			],
			nested: [
				{
					name: 'device.type',
					steps: [
						{ field: 'device', list: false },
						{ field: 'type', list: false }
					]
				}
			]
		};
		const before = saved(nested);
		const after = parseProject(serialiseProject(before));
		expect(after.trainedOn.scaleOut).toEqual(nested);
		const sql = await scriptOf(after);
		expect(sql).toBe(await scriptOf(before));
		expect(sql).toContain('SELECT *, `device`.`type` AS `device.type` FROM propensity_source');
	});

	it('says what to do when a project was saved without it, and refuses bad columns', () => {
		const old = parseProject(serialiseProject(saved(undefined)));
		expect(old.trainedOn.scaleOut).toBeUndefined();
		expect(() => warehouseScoreFile(old as unknown as RunResult, options)).toThrow(
			/saved before score.sql could be written from it: load the event file/
		);
		// Saved before score.sql read nested fields: their names only, which cannot say how the
		// table nests them. Kept in the project, and refused with a way out.
		const names = parseProject(
			serialiseProject(
				saved({ ...SCALE_OUT, nestedColumns: ['device.type', 'commerce.order.priceTotal'] })
			)
		);
		expect(names.trainedOn.scaleOut?.nestedColumns).toEqual([
			'device.type',
			'commerce.order.priceTotal'
		]);
		expect(() => warehouseScoreFile(names as unknown as RunResult, options)).toThrow(
			/saved before score.sql could read nested fields: load the event file it was trained on and train again/
		);
		const deep = saved({
			...SCALE_OUT,
			nested: [
				{ name: 'a.b', steps: Array.from({ length: 70 }, () => ({ field: 'a', list: false })) }
			]
		});
		expect(() => parseProject(serialiseProject(deep))).toThrow(/steps/);
		const bad = saved({ ...SCALE_OUT, timestampMagnitude: -1 });
		expect(() => parseProject(serialiseProject(bad))).toThrow(/timestampMagnitude/);
	});
});
