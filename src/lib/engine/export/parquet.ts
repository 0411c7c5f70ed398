// Scored profiles as Parquet (hyparquet-writer, in the browser: no extension download), with the
// output schema's columns and the factors as a list of structs.
import { parquetWriteBuffer } from 'hyparquet-writer';
import { FACTORS_IN_EXPORT, type ScoreContext, type ScoredProfiles } from './csv';

const text = (name: string, repetition = 'REQUIRED') =>
	({ name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: repetition }) as const;

/** The Parquet schema (flat SchemaElement list, depth first). */
const SCHEMA = [
	{ name: 'root', num_children: 9 },
	text('customer_id'),
	{ name: 'probability', type: 'DOUBLE', repetition_type: 'REQUIRED' },
	{ name: 'score', type: 'INT32', repetition_type: 'REQUIRED' },
	{ name: 'percentile', type: 'INT32', repetition_type: 'REQUIRED' },
	text('bucket'),
	text('propensity_type'),
	{ name: 'score_date', type: 'INT32', converted_type: 'DATE', repetition_type: 'REQUIRED' },
	text('model_id'),
	{ name: 'factors', repetition_type: 'REQUIRED', converted_type: 'LIST', num_children: 1 },
	{ name: 'list', repetition_type: 'REPEATED', num_children: 1 },
	{ name: 'element', repetition_type: 'REQUIRED', num_children: 6 },
	text('key'),
	text('name'),
	{ name: 'value', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
	{ name: 'contribution', type: 'DOUBLE', repetition_type: 'REQUIRED' },
	text('importance'),
	text('sentence')
];

/** The rows of `rows` (in that order) as one Parquet file. */
export function scoresParquet(
	s: ScoredProfiles,
	rows: ArrayLike<number>,
	ctx: ScoreContext
): ArrayBuffer {
	const n = rows.length;
	const pick = <T>(get: (i: number) => T): T[] =>
		Array.from({ length: n }, (_, k) => get(rows[k]!));
	const day = new Date(ctx.scoreDate);
	return parquetWriteBuffer({
		columnData: [
			{ name: 'customer_id', data: pick((i) => s.customerIds[i]!) },
			{
				name: 'probability',
				data: Float64Array.from({ length: n }, (_, k) => s.probability[rows[k]!]!)
			},
			{ name: 'score', data: Int32Array.from({ length: n }, (_, k) => s.score[rows[k]!]!) },
			{
				name: 'percentile',
				data: Int32Array.from({ length: n }, (_, k) => s.percentile[rows[k]!]!)
			},
			{ name: 'bucket', data: pick((i) => s.bucket[i]!) },
			{ name: 'propensity_type', data: new Array<string>(n).fill(ctx.propensityType) },
			{ name: 'score_date', data: new Array<Date>(n).fill(day) },
			{ name: 'model_id', data: new Array<string>(n).fill(ctx.modelId) },
			{
				name: 'factors',
				// Factor objects already carry key, name, value, contribution, importance, sentence.
				data: pick((i) =>
					(s.factors[i] ?? []).slice(0, FACTORS_IN_EXPORT).map((f) => ({
						...f,
						value: isFinite(f.value) ? f.value : null
					}))
				)
			}
		],
		schema: SCHEMA as Parameters<typeof parquetWriteBuffer>[0]['schema'],
		createdBy: 'Propensity Lab'
	});
}
