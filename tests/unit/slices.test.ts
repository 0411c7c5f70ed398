import { describe, expect, it } from 'vitest';
import { inSlices, pacer, yieldToPage } from '../../src/lib/engine/slices';

describe('work in slices', () => {
	it('covers [0, n) once, in order, pausing only between slices', async () => {
		const seen: [number, number][] = [];
		let pauses = 0;
		await inSlices(
			25,
			10,
			(a, b) => void seen.push([a, b]),
			async () => void pauses++
		);
		expect(seen).toEqual([
			[0, 10],
			[10, 20],
			[20, 25]
		]);
		expect(pauses).toBe(2);
		await inSlices(0, 10, () => expect.unreachable('no slice of nothing'));
	});
	it('lets other work run at each pause', async () => {
		const order: string[] = [];
		const work = inSlices(3, 1, (a) => void order.push(`slice ${a}`), yieldToPage);
		order.push('page');
		await work;
		// The first slice runs at once; the page's own work runs before the second.
		expect(order).toEqual(['slice 0', 'page', 'slice 1', 'slice 2']);
	});
	it('pace a loop by time: a pause once the budget of work has passed, none before', async () => {
		let pauses = 0;
		const count = async () => void pauses++;
		const never = pacer(count, 60_000);
		for (let i = 0; i < 100; i++) await never();
		expect(pauses).toBe(0);
		const often = pacer(count, 5);
		const until = performance.now() + 40;
		while (performance.now() < until) await often();
		// 40 ms of "work" in 5 ms budgets: about eight pauses (timers are coarse: 4 to 8).
		expect(pauses).toBeGreaterThanOrEqual(4);
		expect(pauses).toBeLessThanOrEqual(8);
	});
});
