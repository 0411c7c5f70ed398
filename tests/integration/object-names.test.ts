// The whole flow with names that are members of every JavaScript object (`constructor`,
// `__proto__`, `toString`…) as event types, columns, attributes and a custom event: they are
// data, never keys that reach Object.prototype.
import { describe, expect, it } from 'vitest';
import { loadEvents } from '../../src/lib/db/events';
import { loadProfiles } from '../../src/lib/db/ingest';
import { featureInfo } from '../../src/lib/engine/explain/factors';
import { audienceInsights } from '../../src/lib/engine/insights/summary';
import { scoresCsvParts } from '../../src/lib/engine/export/csv';
import { guessMapping } from '../../src/lib/engine/ingest/guess';
import { rng } from '../../src/lib/engine/random';
import type { GoalSpec } from '../../src/lib/engine/types';
import { readNotes } from '../../src/lib/state/data.svelte';
import { openSource } from '../../src/lib/state/open-source';
import { openNodeDb } from '../helpers/node-db';
import { runPipeline } from '../helpers/pipeline';

const TYPES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'purchase'];
const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);

/** Customers whose `constructor` events come before purchases, so the model has a signal. */
function eventLog(): string {
	const r = rng(5);
	const lines = ['customer_id,timestamp,event_type,__proto__,constructor'];
	for (let c = 0; c < 300; c++) {
		const keen = r() < 0.4;
		for (let k = 0; k < 12; k++) {
			const t = T0 + Math.floor(r() * 300 * DAY);
			const type =
				keen && r() < 0.5 ? (r() < 0.5 ? 'constructor' : 'purchase') : TYPES[Math.floor(r() * 4)]!;
			lines.push(
				`u${c},${new Date(t).toISOString()},${type},${r() < 0.5 ? 'valueOf' : '__proto__'},${Math.floor(r() * 5)}`
			);
		}
	}
	return lines.join('\n');
}

function profileFile(): string {
	const lines = ['customer_id,__proto__,constructor,hasOwnProperty'];
	for (let c = 0; c < 300; c++) lines.push(`u${c},x,${c % 7},${c % 3 ? 'toString' : 'prototype'}`);
	return lines.join('\n');
}

describe('names that are Object members', () => {
	it('load, train, score, explain and export as plain data', async () => {
		const db = await openNodeDb();
		const bytes = (s: string) => new TextEncoder().encode(s);
		const src = await openSource(db, new File([bytes(eventLog())], 'events.csv'));
		// The Data step's preview keeps a column named __proto__ as a column.
		expect(Object.keys(src.preview[0]!)).toEqual([
			'customer_id',
			'timestamp',
			'event_type',
			'__proto__',
			'constructor'
		]);
		expect(['valueOf', '__proto__']).toContain(src.preview[0]!['__proto__']);
		// Names starting with __ are the app's own columns: this one is not used, and the Data step says so.
		expect(readNotes(src).join()).toMatch(/reserved.*"__proto__"/);
		const mapping = guessMapping(src.columns, src.preview);
		expect(mapping).toMatchObject({
			customerId: 'customer_id',
			timestamp: 'timestamp',
			event: 'event_type'
		});
		const { report, columns } = await loadEvents(db, [{ source: src, mapping }]);
		expect(report.eventTypes.map((t) => t.event).sort()).toEqual([...TYPES].sort());
		const psrc = await openSource(db, new File([bytes(profileFile())], 'profiles.csv'));
		const profileColumns = await loadProfiles(db, psrc, 'customer_id');
		const spec: GoalSpec = {
			version: 1,
			name: 'constructor',
			kind: 'conversion',
			goal: { all: [{ field: 'event', op: 'eq', value: 'purchase' }] },
			outcomeWindowDays: 30,
			lookbackDays: 90,
			customEvents: [
				{
					name: 'constructor',
					when: { all: [{ field: 'constructor', op: 'gte', value: 3 }] }
				},
				{ name: '__proto__', when: { all: [{ field: 'event', op: 'eq', value: 'toString' }] } }
			],
			profileAttributes: ['constructor', 'hasOwnProperty']
		};
		const { matrix, profiles, xScore, scored } = await runPipeline(db, spec, {
			eventColumns: columns,
			profileColumns
		});
		const names = matrix.features.map((f) => f.name).join('\n');
		// Identifiers in words; a name that is no identifier (only underscores around it) quoted.
		for (const noun of [
			'constructor events',
			'"__proto__" events',
			'to string events',
			'has own property events'
		])
			expect(names, noun).toContain(noun);
		expect(names).toContain('constructor events');
		expect(matrix.features.some((f) => f.key === 'attr:hasOwnProperty=toString')).toBe(true);
		// Every profile is explained in sentences that name the features.
		expect(profiles.customerIds.length).toBeGreaterThan(100);
		let sentencesRead = 0;
		for (let i = 0; i < profiles.customerIds.length; i++)
			for (const f of profiles.factors.of(i)) {
				expect(typeof f.sentence).toBe('string');
				expect(f.sentence.length).toBeGreaterThan(3);
				sentencesRead++;
			}
		expect(sentencesRead).toBe(profiles.customerIds.length * 3);
		const insights = audienceInsights(
			matrix.features.map(featureInfo),
			xScore,
			scored.contributions,
			profiles
		);
		expect(Object.getPrototypeOf(insights.distributions)).toBe(Object.prototype);
		expect(insights.buckets.reduce((a, b) => a + b.profiles, 0)).toBe(profiles.customerIds.length);
		const csv = [
			...scoresCsvParts(profiles, [0, 1, 2], {
				propensityType: 'conversion',
				scoreDate: '2024-12-01',
				modelId: 'm'
			})
		].join('');
		expect(csv.split('\n').filter(Boolean)).toHaveLength(4);
	});
});
