// "Score in your warehouse": score.sql for the trained model and the loaded event file's
// mapping (engine/scale-out), as a file to download. docs/scale-out.md.
import { sourceRelation } from '../db/ingest';
import { dataRange } from '../db/matrix';
import { timestampMagnitude } from '../db/timestamps';
import { planFeatures } from '../engine/features/spec';
import { needsMagnitude } from '../engine/ingest/plan';
import { dialectFor } from '../engine/sql/dialects';
import {
	needsProfiles,
	OUTPUT_TABLE,
	scoreSql,
	scoringDateProblem
} from '../engine/scale-out/score-sql';
import type { DataState } from './data.svelte';
import { getDb } from './engines';
import type { RunResult } from './run.svelte';

export interface WarehouseOptions {
	engine: string;
	/** The events table there (in DuckDB also a file path, read by its extension). */
	table: string;
	/** The profile table there, for a model that reads profile attributes. */
	profilesTable: string;
	/** YYYY-MM-DD, or empty: the day after the last event. */
	scoringDate: string;
	outputTable: string;
}

export const DEFAULT_WAREHOUSE: WarehouseOptions = {
	engine: 'duckdb',
	table: 'events',
	profilesTable: 'profiles',
	scoringDate: '',
	outputTable: OUTPUT_TABLE
};

/** score.sql as a file, or an Error whose message says what is missing. */
export async function warehouseScoreFile(
	data: DataState,
	result: RunResult,
	options: WarehouseOptions
): Promise<{ blob: Blob; fileName: string }> {
	const dialect = dialectFor(options.engine);
	if (data.files.length !== 1)
		throw new Error(
			`score.sql reads one events table, and ${data.files.length} event files are loaded. Load the one file whose table the warehouse holds.`
		);
	if (!options.table.trim()) throw new Error('Name the events table the warehouse holds.');
	if (!options.outputTable.trim()) throw new Error('Name the table the scores go to.');
	if (options.scoringDate) {
		const problem = scoringDateProblem(
			options.scoringDate,
			await dataRange(await getDb()),
			result.spec.lookbackDays
		);
		if (problem) throw new Error(problem);
	}
	const features = planFeatures(result.plan);
	let profiles;
	if (needsProfiles(result.spec, features)) {
		if (!data.profileColumns || !data.profileIdColumn)
			throw new Error(
				'This model reads profile attributes: load the profile file it was trained with.'
			);
		if (!options.profilesTable.trim())
			throw new Error('Name the profile table the warehouse holds.');
		profiles = {
			source: { table: options.profilesTable.trim() },
			customerId: data.profileIdColumn,
			columns: data.profileColumns
		};
	}
	const { source, mapping } = data.files[0]!;
	const ts = source.columns.find((c) => c.name === mapping.timestamp);
	const magnitude =
		ts && needsMagnitude(ts, mapping.timestampFormat)
			? await timestampMagnitude(
					await getDb(),
					sourceRelation(source, [mapping.customerId]),
					ts.name
				)
			: 0;
	const sql = scoreSql({
		dialect,
		spec: result.spec,
		plan: result.plan,
		features,
		eventColumns: data.eventColumns,
		mapping,
		sourceColumns: source.columns,
		timestampMagnitude: magnitude,
		model: result.model,
		modelId: result.modelId,
		source: { table: options.table.trim() },
		scoringDate: options.scoringDate || null,
		outputTable: options.outputTable.trim(),
		...(profiles && { profiles })
	});
	return {
		blob: new Blob([sql], { type: 'application/sql' }),
		fileName: `score.${dialect.name}.sql`
	};
}
