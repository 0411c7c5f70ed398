// The page's Parquet encoder: a worker of its own per export (writers/parquet.worker.ts), ended
// with the export (its footer written, or the export cancelled). A group crosses compactly
// (engine/export/parquet-group.ts), its typed arrays moved, not copied.
import { transfer, wrap } from 'comlink';
import type { ScoreContext, ScoredProfiles } from '../engine/export/csv';
import type { ParquetEncoder } from '../engine/export/parquet';
import { groupBuffers, groupTables } from '../engine/export/parquet-group';
import type { ParquetWorkerApi } from './parquet.worker';

/** An encoder for the Parquet export of `s`'s profiles. */
export function workerParquetEncoder(
	s: ScoredProfiles,
	ctx: ScoreContext
): ParquetEncoder & { close(): void } {
	const worker = new Worker(new URL('./parquet.worker.ts', import.meta.url), { type: 'module' });
	const remote = wrap<ParquetWorkerApi>(worker);
	const started = remote.start(groupTables(s, ctx));
	return {
		async group(g) {
			await started;
			return remote.group(transfer(g, groupBuffers(g)));
		},
		finish: () => remote.finish(),
		close: () => worker.terminate()
	};
}
