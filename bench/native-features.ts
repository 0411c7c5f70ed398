// The app's feature SQL run natively on the same delimited file: loads it with the app's own
// ingest code (through the native Db) and times the feature matrix build.
import { statSync } from 'node:fs';
import { loadEvents } from '../src/lib/db/events';
import { describeSource } from '../src/lib/db/ingest';
import { buildMatrix } from '../src/lib/db/matrix';
import { guessMapping } from '../src/lib/engine/ingest/guess';
import type { EventMapping, GoalSpec } from '../src/lib/engine/types';
import { openNativeDb } from './native-db';

/** `mappings`: the column mapping the app used for each file. */
export async function nativeFeatures(
	files: string[],
	spec: GoalSpec,
	mappings: EventMapping[]
): Promise<{ ms: number; rows: number }> {
	const db = await openNativeDb();
	const parts = [];
	for (const [i, file] of files.entries()) {
		const name = `upload_${i}.csv${file.endsWith('.gz') ? '.gz' : ''}`;
		db.link(name, file);
		const source = await describeSource(db, file, name, statSync(file).size);
		parts.push({ source, mapping: mappings[i] ?? guessMapping(source.columns, source.preview) });
	}
	const { columns } = await loadEvents(db, parts);
	// DuckDB's own time on the same statements (converting results to Arrow in JS is not counted).
	db.queryMs = 0;
	const m = await buildMatrix(db, spec, { eventColumns: columns, profileColumns: null });
	return { ms: Math.round(db.queryMs), rows: m.rows };
}
