// Identities for the destinations on real DuckDB: a profile column's value per customer, and an
// event column's latest value, each checked against the generated CSV read independently.
import { describe, expect, it } from 'vitest';
import { identityColumns, identityValues } from '../../src/lib/db/identities';
import { generateDemo } from '../../src/lib/engine/demo/generate';
import { openDemo } from '../helpers/demo-db';

const demo = generateDemo({ customers: 300, seed: 11 });
const lines = (csv: string) =>
	csv
		.trimEnd()
		.split('\n')
		.slice(1)
		.map((l) => l.split(','));

describe('identityValues', () => {
	it("reads each profile's email, trimmed, leaving out the empty ones", async () => {
		const { db, ctx } = await openDemo(demo);
		const got = await identityValues(db, { table: 'profiles', name: 'email' }, ctx.profileColumns!);
		const wanted = new Map(
			lines(demo.profilesCsv)
				.map((cells) => [cells[0]!, cells.at(-1)!.trim()] as const)
				.filter(([, email]) => email !== '')
		);
		expect(wanted.size).toBeGreaterThan(200);
		expect(wanted.size).toBeLessThan(300);
		// Some were written with spaces around them, and come back without.
		expect(lines(demo.profilesCsv).some((cells) => cells.at(-1) !== cells.at(-1)!.trim())).toBe(
			true
		);
		expect(new Map([...got].sort())).toEqual(new Map([...wanted].sort()));
	});

	it("reads each customer's latest non-empty value of an event column", async () => {
		const { db, ctx } = await openDemo(demo);
		const name = 'web.webPageDetails.name';
		const got = await identityValues(db, { table: 'events', name }, ctx.eventColumns);
		const at = demo.eventsCsv.split('\n')[0]!.split(',').indexOf(name);
		const latest = new Map<string, { t: string; v: string; tie: boolean }>();
		for (const cells of lines(demo.eventsCsv)) {
			const [t, id, v] = [cells[0]!, cells[1]!, cells[at]!.trim()];
			if (!v) continue;
			const seen = latest.get(id);
			if (!seen || t > seen.t) latest.set(id, { t, v, tie: false });
			else if (t === seen.t && v !== seen.v) seen.tie = true;
		}
		// Customers whose latest two values share a second could be either: not compared.
		let compared = 0;
		for (const [id, { v, tie }] of latest) {
			if (tie) continue;
			expect([id, got.get(id)]).toEqual([id, v]);
			compared++;
		}
		expect(compared).toBeGreaterThan(200);
		expect(got.size).toBe(latest.size);
	});

	it('says which column is missing', async () => {
		const { db, ctx } = await openDemo(demo);
		await expect(
			identityValues(db, { table: 'profiles', name: 'mail' }, ctx.profileColumns!)
		).rejects.toThrow('The profile file has no column “mail”.');
	});
});

describe('identityColumns', () => {
	it('offers the text and whole-number columns, not the profile id or a mapped role', async () => {
		const { ctx } = await openDemo(demo);
		const got = identityColumns(ctx.profileColumns, ctx.eventColumns, 'ecid');
		expect(got).toContainEqual({ table: 'profiles', name: 'email' });
		expect(got).toContainEqual({ table: 'events', name: 'web.webPageDetails.name' });
		expect(got).toContainEqual({ table: 'events', name: 'device.type' });
		expect(got.map((c) => c.name)).not.toContain('ecid');
		expect(got.map((c) => c.name)).not.toContain('eventType');
		expect(got.map((c) => c.name)).not.toContain('timestamp');
	});
});
