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

/** A row group's columns as the writer takes them. */
export type GroupColumnData = { name: string; data: unknown[] | Float64Array | Int32Array }[];

/** Encodes row groups one after another into the bytes of one Parquet file. */
export interface ParquetEncoder {
	/** The bytes of one row group. */
	group(columns: GroupColumnData, rows: number): Uint8Array | Promise<Uint8Array>;
	/** The bytes of the footer: the file is every group's bytes, then these. */
	finish(): Uint8Array | Promise<Uint8Array>;
}

/** The encoder of hyparquet-writer, on this thread. */
export function parquetEncoder(): ParquetEncoder {
	const out = new ChunkWriter();
	const writer = new ParquetWriter({
		writer: out,
		schema: SCHEMA as ConstructorParameters<typeof ParquetWriter>[0]['schema'],
		createdBy: 'Propensity Lab'
	});
	return {
		group(columns, rows) {
			void writer.write({
				columnData: columns as Parameters<ParquetWriter['write']>[0]['columnData'],
				rowGroupSize: rows
			});
			return out.take();
		},
		finish() {
			void writer.finish();
			return out.take();
		}
	};
}

/** Rows whose column values are gathered between two pauses (one piece of the export). */
export const PARQUET_SLICE_ROWS = 1_000;

/** A row group's column values, gathered a slice of rows at a time. */
class GroupColumns {
	readonly customerIds: string[] = [];
	readonly probability: Float64Array;
	readonly score: Int32Array;
	readonly percentile: Int32Array;
	readonly bucket: string[] = [];
	readonly factors: object[][] = [];
	readonly groups: object[][] = [];

	constructor(readonly size: number) {
		this.probability = new Float64Array(size);
		this.score = new Int32Array(size);
		this.percentile = new Int32Array(size);
	}

	/** Rows `rows[from … to)` of the export, as rows `from − first …` of the group. */
	gather(s: ScoredProfiles, rows: ArrayLike<number>, first: number, from: number, to: number) {
		for (let k = from; k < to; k++) {
			const i = rows[k]!;
			const g = k - first;
			this.customerIds.push(s.customerIds[i]!);
			this.probability[g] = s.probability[i]!;
			this.score[g] = s.score[i]!;
			this.percentile[g] = s.percentile[i]!;
			this.bucket.push(s.bucket[i]!);
			// Factor objects already carry key, name, value, contribution, importance, sentence.
			this.factors.push(
				s.factors
					.of(i)
					.slice(0, FACTORS_IN_EXPORT)
					.map((f) => ({ ...f, value: isFinite(f.value) ? f.value : null }))
			);
			this.groups.push(
				s.groups
					.of(i)
					.slice(0, FACTORS_IN_EXPORT)
					.map((x) => ({
						key: x.key,
						name: x.name,
						contribution: x.contribution,
						importance: x.importance,
						sentence: x.sentence
					}))
			);
		}
	}

	columnData(ctx: ScoreContext): GroupColumnData {
		const n = this.size;
		return [
			{ name: 'customer_id', data: this.customerIds },
			{ name: 'probability', data: this.probability },
			{ name: 'score', data: this.score },
			{ name: 'percentile', data: this.percentile },
			{ name: 'bucket', data: this.bucket },
			{ name: 'propensity_type', data: new Array<string>(n).fill(ctx.propensityType) },
			{ name: 'score_date', data: new Array<Date>(n).fill(new Date(ctx.scoreDate)) },
			{ name: 'model_id', data: new Array<string>(n).fill(ctx.modelId) },
			{ name: 'factors', data: this.factors },
			{ name: 'factor_groups', data: this.groups }
		];
	}
}

/**
 * The rows of `rows` (in that order) as a Parquet file, in chunks: each row group of
 * PARQUET_GROUP_ROWS rows is gathered PARQUET_SLICE_ROWS rows at a time, an empty chunk yielded
 * after each slice (a point to pause at: gathering a whole group at once held the page's thread
 * for most of a second), then encoded by `encoder` and yielded; then the footer. Joined, the
 * chunks are the file.
 */
export async function* scoresParquetParts(
	s: ScoredProfiles,
	rows: ArrayLike<number>,
	ctx: ScoreContext,
	encoder: ParquetEncoder = parquetEncoder()
): AsyncGenerator<Uint8Array> {
	for (let start = 0; start < rows.length; start += PARQUET_GROUP_ROWS) {
		const end = Math.min(rows.length, start + PARQUET_GROUP_ROWS);
		const group = new GroupColumns(end - start);
		for (let from = start; from < end; from += PARQUET_SLICE_ROWS) {
			group.gather(s, rows, start, from, Math.min(end, from + PARQUET_SLICE_ROWS));
			if (from + PARQUET_SLICE_ROWS < end) yield new Uint8Array(0);
		}
		yield await encoder.group(group.columnData(ctx), end - start);
	}
	yield await encoder.finish();
}

/** The whole file in one buffer (tests and small exports). */
export async function scoresParquet(
	s: ScoredProfiles,
	rows: ArrayLike<number>,
	ctx: ScoreContext
): Promise<Uint8Array> {
	const parts: Uint8Array[] = [];
	for await (const part of scoresParquetParts(s, rows, ctx)) parts.push(part);
	const file = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const p of parts) {
		file.set(p, at);
		at += p.length;
	}
	return file;
}
