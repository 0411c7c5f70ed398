// Loads a tiny generated event log once, right after DuckDB-WASM starts, and drops it. The
// engine's WebAssembly is compiled lazily, function by function, on first call: the first real
// load paid for compiling the CSV sniffer and reader, the table build and the report's
// aggregates (the first DESCRIBE of a 1 M-row CSV took 0.7-0.9 s of CPU cold, 0.3 s after this).
// Done while the user is still choosing a file, it is counted in start-up instead.
import { EVENTS_TABLE } from '../engine/types';
import { loadEvents } from './events';
import { describeSource, releaseSource } from './ingest';
import { dropRelation } from './relations';
import type { Db } from './types';

const NAME = 'warm_up.csv';

function warmUpCsv(rows = 200): Uint8Array {
	const lines = ['customer_id,event_time,event,amount,channel'];
	for (let i = 0; i < rows; i++) {
		const day = String(1 + (i % 28)).padStart(2, '0');
		lines.push(
			`c${i % 17},2024-01-${day} 10:${String(i % 60).padStart(2, '0')}:00,e${i % 3},${i % 5 === 0 ? '' : i * 1.5},web`
		);
	}
	return new TextEncoder().encode(lines.join('\n') + '\n');
}

/** Runs the load path on a tiny file, leaving nothing behind; a failure is ignored. */
export async function warmUp(db: Db): Promise<void> {
	const bytes = warmUpCsv();
	const size = bytes.length; // measured first: registering a buffer transfers (detaches) it
	try {
		await db.registerFile(NAME, bytes);
		const source = await describeSource(db, 'warm-up', NAME, size);
		await loadEvents(db, [
			{
				source,
				mapping: {
					customerId: 'customer_id',
					timestamp: 'event_time',
					event: 'event',
					value: 'amount'
				}
			}
		]);
		await releaseSource(db, source);
	} catch {
		// Only a head start: the real load reports its own errors.
	} finally {
		await dropRelation(db, EVENTS_TABLE).catch(() => undefined);
		await db.dropFile(NAME).catch(() => undefined);
	}
}
