// Scored profiles as Parquet (hyparquet-writer, in the browser: no extension download), with the
// output schema's columns and the factors and factor groups as lists of structs.
import { ByteWriter, ParquetWriter } from 'hyparquet-writer';
import { PARQUET_GROUP_ROWS, type ScoreContext, type ScoredProfiles } from './csv';
import {
	columnData,
	compactGroup,
	gather,
	groupTables,
	type CompactGroup,
	type GroupTables
} from './parquet-group';

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

/** Encodes row groups one after another into the bytes of one Parquet file. */
export interface ParquetEncoder {
	/** The bytes of one row group. */
	group(g: CompactGroup): Uint8Array | Promise<Uint8Array>;
	/** The bytes of the footer: the file is every group's bytes, then these. */
	finish(): Uint8Array | Promise<Uint8Array>;
}

/** hyparquet-writer on this thread (the page runs it in a worker: writers/parquet.worker.ts). */
export function parquetEncoder(tables: GroupTables): ParquetEncoder {
	const out = new ChunkWriter();
	const writer = new ParquetWriter({
		writer: out,
		schema: SCHEMA as ConstructorParameters<typeof ParquetWriter>[0]['schema'],
		createdBy: 'Propensity Lab'
	});
	return {
		group(g) {
			void writer.write({
				columnData: columnData(g, tables) as Parameters<ParquetWriter['write']>[0]['columnData'],
				rowGroupSize: g.rows
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
	encoder: ParquetEncoder = parquetEncoder(groupTables(s, ctx))
): AsyncGenerator<Uint8Array> {
	for (let start = 0; start < rows.length; start += PARQUET_GROUP_ROWS) {
		const end = Math.min(rows.length, start + PARQUET_GROUP_ROWS);
		const group = compactGroup(end - start);
		for (let from = start; from < end; from += PARQUET_SLICE_ROWS) {
			gather(group, s, rows, start, from, Math.min(end, from + PARQUET_SLICE_ROWS));
			if (from + PARQUET_SLICE_ROWS < end) yield new Uint8Array(0);
		}
		yield await encoder.group(group);
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
