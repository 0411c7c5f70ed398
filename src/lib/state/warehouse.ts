// "Score in your warehouse": score.sql for the trained model and what it kept of the event file
// it was trained on (engine/scale-out), as a file to download. docs/scale-out.md.
import { planFeatures } from '../engine/features/spec';
import { dialectFor } from '../engine/sql/dialects';
import { needsProfiles, scoreSql, scoringDateProblem } from '../engine/scale-out/score-sql';
import type { RunResult } from './run.svelte';

export interface WarehouseOptions {
	engine: string;
	/** The events table there (in DuckDB also a file path, read by its extension). */
	table: string;
	/** The profile table there, for a model that reads profile attributes. */
	profilesTable: string;
	/** YYYY-MM-DD, or empty: the day after the last event. */
	scoringDate: string;
	/** Empty: propensity_scores, beside the events table (score-sql.ts defaultOutputTable). */
	outputTable: string;
}

export const DEFAULT_WAREHOUSE: WarehouseOptions = {
	engine: 'duckdb',
	table: 'events',
	profilesTable: 'profiles',
	scoringDate: '',
	outputTable: ''
};

/**
 * score.sql as a file, or an Error whose message says what is missing. Everything it needs of
 * the data was kept when the model was trained (DataSummary.scaleOut, saved in project files):
 * the data need not be loaded.
 */
export function warehouseScoreFile(
	result: RunResult,
	options: WarehouseOptions
): { blob: Blob; fileName: string } {
	const dialect = dialectFor(options.engine);
	const trainedOn = result.trainedOn;
	const kept = trainedOn.scaleOut;
	if (!kept || !trainedOn.mapping)
		throw new Error(
			trainedOn.files.length !== 1
				? `score.sql reads one events table, and this model was trained on ${trainedOn.files.length} event files: train on the one file whose table the warehouse holds.`
				: 'This project was saved before score.sql could be written from it: load the event file it was trained on and train again.'
		);
	if (kept.nestedColumns?.length && !kept.nested)
		throw new Error(
			'This project was saved before score.sql could read nested fields: load the event file it was trained on and train again.'
		);
	if (!options.table.trim()) throw new Error('Name the events table the warehouse holds.');
	if (options.scoringDate) {
		const problem = scoringDateProblem(
			options.scoringDate,
			{ start: trainedOn.start, end: trainedOn.end },
			result.spec.lookbackDays
		);
		if (problem) throw new Error(problem);
	}
	const features = planFeatures(result.plan);
	let profiles;
	if (needsProfiles(result.spec, features)) {
		if (!kept.profileColumns || !trainedOn.profileIdColumn)
			throw new Error(
				'This model reads profile attributes, but no profile file was loaded when it was trained.'
			);
		if (!options.profilesTable.trim())
			throw new Error('Name the profile table the warehouse holds.');
		profiles = {
			source: { table: options.profilesTable.trim() },
			customerId: trainedOn.profileIdColumn,
			columns: kept.profileColumns
		};
	}
	const sql = scoreSql({
		dialect,
		spec: result.spec,
		plan: result.plan,
		features,
		eventColumns: kept.eventColumns,
		mapping: trainedOn.mapping,
		sourceColumns: kept.sourceColumns,
		timestampMagnitude: kept.timestampMagnitude,
		...(kept.nested && { nested: kept.nested }),
		model: result.model,
		modelId: result.modelId,
		source: { table: options.table.trim() },
		scoringDate: options.scoringDate || null,
		...(options.outputTable.trim() && { outputTable: options.outputTable.trim() }),
		...(profiles && { profiles })
	});
	return {
		blob: new Blob([sql], { type: 'application/sql' }),
		fileName: `score.${dialect.name}.sql`
	};
}
