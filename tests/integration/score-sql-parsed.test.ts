// score.sql for the engines our tests cannot run (Spark SQL, BigQuery, Snowflake), written for a
// model the app really trained (the demo with profile attributes), read statement by statement
// by each engine's parser (tests/helpers/sql-parsers.ts). The golden files cover a fixed case;
// this covers whatever a trained plan holds.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dialectFor } from '../../src/lib/engine/sql/dialects';
import { scoreSql } from '../../src/lib/engine/scale-out/score-sql';
import type { GoalSpec } from '../../src/lib/engine/types';
import { demoGoal } from '../helpers/demo-db';
import { demoFiles, trained } from '../helpers/scale-out';
import { countStatements, parseScript, PARSED_ENGINES } from '../helpers/sql-parsers';

describe('score.sql for a trained model, parsed by each engine', () => {
	it('Spark SQL, BigQuery and Snowflake read every statement', async () => {
		const files = demoFiles(800, 4);
		const head = readFileSync(files.profiles, 'utf8').split('\n')[0]!.split(',');
		const spec: GoalSpec = { ...demoGoal, profileAttributes: head.filter((c) => c !== 'ecid') };
		const t = await trained(files.events, spec, { file: files.profiles, customerId: 'ecid' });
		expect(t.app.matrix.features.filter((f) => f.stage === 'profile').length).toBeGreaterThan(0);
		for (const engine of PARSED_ENGINES) {
			const sql = scoreSql({
				...t.input,
				dialect: dialectFor(engine),
				source: { table: 'crm.events' },
				profiles: { ...t.input.profiles!, source: { table: 'crm.profiles' } }
			});
			expect(sql, engine).toContain('propensity_scores');
			await expect(parseScript(engine, sql), engine).resolves.toBe(countStatements(sql));
			expect(countStatements(sql)).toBeGreaterThan(8);
		}
	}, 180_000);
});
