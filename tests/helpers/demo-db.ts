// Loads the generated demo dataset (small) into a Node DuckDB, through the app's own ingest code.
import { describeSource, loadProfiles } from '../../src/lib/db/ingest';
import type { DataContext } from '../../src/lib/db/matrix';
import type { Db } from '../../src/lib/db/types';
import type { GoalSpec } from '../../src/lib/engine/types';
import { generateDemo, type DemoDataset } from '../../src/lib/engine/demo/generate';
import { guessMapping } from '../../src/lib/engine/ingest/guess';
import { loadOne, openNodeDb } from './node-db';

export function openDemoDb(customers = 400, seed = 7): Promise<{ db: Db; ctx: DataContext }> {
	return openDemo(generateDemo({ customers, seed }));
}

/** A generated demo dataset (events and profiles) loaded as the page loads it. */
export async function openDemo(demo: DemoDataset): Promise<{ db: Db; ctx: DataContext }> {
	const db = await openNodeDb();
	const enc = new TextEncoder();
	const ev = enc.encode(demo.eventsCsv);
	await db.registerFile('upload_0.csv', ev);
	const src = await describeSource(db, 'demo-events.csv', 'upload_0.csv', ev.length);
	const { columns } = await loadOne(db, src, guessMapping(src.columns, src.preview));
	const pr = enc.encode(demo.profilesCsv);
	await db.registerFile('upload_1.csv', pr);
	const psrc = await describeSource(db, 'demo-profiles.csv', 'upload_1.csv', pr.length);
	const profileColumns = await loadProfiles(db, psrc, 'ecid');
	return { db, ctx: { eventColumns: columns, profileColumns } };
}

/** The goal most tests train the demo data on: a purchase in the next 30 days. */
export const demoGoal: GoalSpec = {
	version: 1,
	name: 'Purchase in the next 30 days',
	kind: 'conversion',
	goal: { all: [{ field: 'event', op: 'eq', value: 'commerce.purchases' }] },
	outcomeWindowDays: 30,
	lookbackDays: 180
};
