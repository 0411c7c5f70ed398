import { describe, expect, it } from 'vitest';
import { generateDemo, generateDemoBytes } from '../../src/lib/engine/demo/generate';
import { applyStandardiser, fitStandardiser } from '../../src/lib/engine/features/transform';

describe('generateDemo', () => {
	it('is seeded: same options, same bytes', () => {
		const a = generateDemo({ customers: 50, seed: 3 });
		const b = generateDemo({ customers: 50, seed: 3 });
		expect(a.eventsCsv).toBe(b.eventsCsv);
		expect(generateDemo({ customers: 50, seed: 4 }).eventsCsv).not.toBe(a.eventsCsv);
	});
	it('makes the same bytes in slices, pausing between them, as at once', async () => {
		const o = { customers: 620, seed: 9 };
		let pauses = 0;
		const sliced = await generateDemoBytes(o, async () => {
			pauses++;
		});
		const whole = generateDemo(o);
		const decoder = new TextDecoder();
		expect(decoder.decode(sliced.events)).toBe(whole.eventsCsv);
		expect(decoder.decode(sliced.profiles)).toBe(whole.profilesCsv);
		expect(whole.events).toBeGreaterThan(1000);
		// 620 shoppers, a pause after every 250.
		expect(pauses).toBe(2);
	});
	it('holds XDM event types with order values on purchases', () => {
		const d = generateDemo({ customers: 300 });
		const rows = d.eventsCsv
			.trim()
			.split('\n')
			.slice(1)
			.map((l) => l.split(','));
		const types = new Set(rows.map((r) => r[2]));
		expect(types).toEqual(
			new Set([
				'web.webpagedetails.pageViews',
				'commerce.productViews',
				'commerce.productListAdds',
				'commerce.checkouts',
				'commerce.purchases'
			])
		);
		expect(rows.filter((r) => r[2] === 'commerce.purchases').every((r) => Number(r[3]) > 0)).toBe(
			true
		);
		expect(d.profilesCsv.trim().split('\n')).toHaveLength(301);
	});
});

describe('standardiser', () => {
	it('learns on the given rows only and maps missing values to the mean', () => {
		const m = { data: Float32Array.from([0, 10, 2, 20, 4, NaN, 1000, 1000]), rows: 4, cols: 2 };
		const s = fitStandardiser(m, ['none', 'none'], [0, 1, 2]);
		expect(s.means).toEqual([2, 15]);
		const z = applyStandardiser(m, s);
		expect(z.data[4 * 1 + 1]).toBe(0); // row 2, col 1 is NaN → the mean
		expect(z.data[0]).toBeCloseTo(-2 / Math.sqrt(8 / 3), 5);
	});
	it('applies log1p before standardising', () => {
		const m = { data: Float32Array.from([0, Math.E - 1]), rows: 2, cols: 1 };
		const s = fitStandardiser(m, ['log1p'], [0, 1]);
		expect(s.means[0]).toBeCloseTo(0.5, 6);
	});
});
