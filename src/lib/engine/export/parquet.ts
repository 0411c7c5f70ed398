// Scored profiles as Parquet (hyparquet-writer, in the browser: no extension download), with the
// output schema's columns and the factors and factor groups as lists of structs.
import { ByteWriter, ParquetWriter } from 'hyparquet-writer';
import {
	FACTORS_IN_EXPORT,
	PARQUET_GROUP_ROWS,
	type ScoreContext,
	type ScoredProfiles
} from './csv';

const text = (name: string, repetition = 'REQUIRED') =>
	({ name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: repetition }) as const;

/** The Parquet schema (flat SchemaElement list, depth first). */
const SCHEMA = [
	{ name: 'root', num_children: 10 },
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
	text('sentence'),
	{ name: 'factor_groups', repetition_type: 'REQUIRED', converted_type: 'LIST', num_children: 1 },
	{ name: 'list', repetition_type: 'REPEATED', num_children: 1 },
	{ name: 'element', repetition_type: 'REQUIRED', num_children: 5 },
	text('key'),
	text('name'),
	{ name: 'contribution', type: 'DOUBLE', repetition_type: 'REQUIRED' },
	text('importance'),
	text('sentence')
];

/** Collects what the Parquet writer writes, to be taken away in chunks (never one big buffer). */
class ChunkWriter extends ByteWriter {
	take(): Uint8Array {
		const chunk = new Uint8Array(this.buffer.slice(0, this.index));
		this.index = 0;
		return chunk;
	}
}

function columnData(
	s: ScoredProfiles,
	rows: ArrayLike<number>,
	ctx: ScoreContext,
	start: number,
	end: number
) {
	const n = end - start;
	const at = (k: number) => rows[start + k]!;
	const pick = <T>(get: (i: number) => T): T[] => Array.from({ length: n }, (_, k) => get(at(k)));
	return [
		{ name: 'customer_id', data: pick((i) => s.customerIds[i]!) },
		{
			name: 'probability',
			data: Float64Array.from({ length: n }, (_, k) => s.probability[at(k)]!)
		},
		{ name: 'score', data: Int32Array.from({ length: n }, (_, k) => s.score[at(k)]!) },
		{ name: 'percentile', data: Int32Array.from({ length: n }, (_, k) => s.percentile[at(k)]!) },
		{ name: 'bucket', data: pick((i) => s.bucket[i]!) },
		{ name: 'propensity_type', data: new Array<string>(n).fill(ctx.propensityType) },
		{ name: 'score_date', data: new Array<Date>(n).fill(new Date(ctx.scoreDate)) },
		{ name: 'model_id', data: new Array<string>(n).fill(ctx.modelId) },
		{
			name: 'factors',
			// Factor objects already carry key, name, value, contribution, importance, sentence.
			data: pick((i) =>
				s.factors
					.of(i)
					.slice(0, FACTORS_IN_EXPORT)
					.map((f) => ({
						...f,
						value: isFinite(f.value) ? f.value : null
					}))
			)
		},
		{
			name: 'factor_groups',
			data: pick((i) =>
				s.groups
					.of(i)
					.slice(0, FACTORS_IN_EXPORT)
					.map((g) => ({
						key: g.key,
						name: g.name,
						contribution: g.contribution,
						importance: g.importance,
						sentence: g.sentence
					}))
			)
		}
	];
}

/**
 * The rows of `rows` (in that order) as a Parquet file, in chunks: one row group of
 * PARQUET_GROUP_ROWS rows at a time is encoded and yielded, then the footer. Joined, the chunks
 * are the file.
 */
export function* scoresParquetParts(
	s: ScoredProfiles,
	rows: ArrayLike<number>,
	ctx: ScoreContext
): Generator<Uint8Array> {
	const out = new ChunkWriter();
	const writer = new ParquetWriter({
		writer: out,
		schema: SCHEMA as ConstructorParameters<typeof ParquetWriter>[0]['schema'],
		createdBy: 'Propensity Lab'
	});
	for (let start = 0; start < rows.length; start += PARQUET_GROUP_ROWS) {
		const end = Math.min(rows.length, start + PARQUET_GROUP_ROWS);
		void writer.write({
			columnData: columnData(s, rows, ctx, start, end),
			rowGroupSize: end - start
		});
		yield out.take();
	}
	void writer.finish();
	yield out.take();
}

/** The whole file in one buffer (tests and small exports). */
export function scoresParquet(
	s: ScoredProfiles,
	rows: ArrayLike<number>,
	ctx: ScoreContext
): Uint8Array {
	const parts = [...scoresParquetParts(s, rows, ctx)];
	const file = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const p of parts) {
		file.set(p, at);
		at += p.length;
	}
	return file;
}
