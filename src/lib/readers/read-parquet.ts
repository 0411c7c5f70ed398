// Streams records out of a Parquet file one row group at a time with hyparquet (pure JS, reads
// byte ranges of the File, so the whole file never has to be in memory), with every common codec.
import { parquetMetadataAsync, parquetRead, type AsyncBuffer } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { RecordFileError, type Progress } from './read-json';

function asyncBuffer(file: Blob): AsyncBuffer {
	return { byteLength: file.size, slice: (start, end) => file.slice(start, end).arrayBuffer() };
}

export async function* parquetRecords(
	file: Blob,
	fileName: string,
	onProgress?: Progress
): AsyncGenerator<unknown> {
	const buffer = asyncBuffer(file);
	let metadata;
	try {
		metadata = await parquetMetadataAsync(buffer);
	} catch (e) {
		throw new RecordFileError(
			`"${fileName}" is not a readable Parquet file (${(e as Error).message}).`
		);
	}
	let rowStart = 0;
	for (const group of metadata.row_groups) {
		const rowEnd = rowStart + Number(group.num_rows);
		let rows: Record<string, unknown>[] = [];
		await parquetRead({
			file: buffer,
			metadata,
			compressors,
			rowStart,
			rowEnd,
			rowFormat: 'object',
			onComplete: (r) => (rows = r)
		});
		yield* rows;
		rowStart = rowEnd;
		onProgress?.(Math.round((file.size * rowStart) / Math.max(1, Number(metadata.num_rows))));
	}
}
