// sample.sql: every event of a deterministic sample of customers, written to a file the app
// opens as usual. A sample of customers (not of events) keeps each one's whole history, so
// point-in-time features and base rates stay right; the hash of the id makes the same table
// give the same sample every run (docs/scale-out.md).
import type { Dialect } from '../sql/dialect';

export type SampleFormat = 'parquet' | 'csv';

export interface SampleSqlInput {
	dialect: Dialect;
	/** The events: a table name, or a relation such as `read_csv('events.csv')`. */
	source: { table: string } | { relation: string };
	/** The source's customer id column. */
	customerId: string;
	/** Share of customers to keep, in (0, 1]. */
	share: number;
	/** The file the engine writes (default `propensity_sample.<format>`). */
	output?: string;
	format?: SampleFormat;
}

/** Hash buckets a share is counted in: shares are kept to a millionth. */
const BUCKETS = 1_000_000;

export function sampleSql(input: SampleSqlInput): string {
	const d = input.dialect;
	if (!(input.share > 0 && input.share <= 1))
		throw new Error(`The share of customers must be above 0 and at most 1 (got ${input.share}).`);
	const format = input.format ?? 'parquet';
	const output = input.output ?? d.sampleOutput(format);
	const source = 'table' in input.source ? d.table(input.source.table) : input.source.relation;
	const id = d.cast(d.ident(input.customerId), 'VARCHAR');
	const percent = +(input.share * 100).toPrecision(6);
	const sample =
		`SELECT * FROM propensity_source WHERE ${d.hashBucket(id, BUCKETS)} < ` +
		`(SELECT share FROM propensity_sample_params) * ${BUCKETS}`;
	const write = d.exportTo('SELECT * FROM propensity_sample', output, format);
	if (!write)
		throw new Error(
			`${d.title} cannot write ${format === 'parquet' ? 'Parquet' : format.toUpperCase()} files: choose CSV.`
		);
	return [
		`-- Every event of ${percent} % of the customers of an events table, chosen by a hash of the`,
		`-- customer id (the same table gives the same customers every run), for Propensity Lab.`,
		`-- Written for ${d.title}. Run the whole file ${d.howToRun},`,
		`-- then open the file it writes in the app.`,
		'--',
		'-- Parameters:',
		'-- 1. The events table (one row per event).',
		d.createView('propensity_source', `SELECT * FROM ${source}`),
		'-- 2. The share of customers to keep (above 0, at most 1).',
		d.createTable('propensity_sample_params', `SELECT ${d.literal(input.share)} AS share`, true),
		`-- 3. Where the ${format === 'parquet' ? 'Parquet' : 'CSV'} file is written: ${output}, in the last statement.`,
		...(d.sampleOutputNote ? [`--    ${d.sampleOutputNote}`] : []),
		'',
		...d.preamble(),
		'-- The sample: every event of the customers whose id hashes below the share.',
		d.createView('propensity_sample', sample),
		write,
		''
	].join('\n');
}
