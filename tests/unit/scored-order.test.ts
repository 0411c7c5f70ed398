// Scored profiles ordered by probability, highest first, ties by customer id: the typed-key sort
// gives exactly the comparator sort's order.
import { NO_GROUPS } from '../../src/lib/engine/explain/profile-groups';
import { NO_FACTORS } from '../../src/lib/engine/explain/profile-factors';
import { describe, expect, it } from 'vitest';
import type { ScoredProfiles } from '../../src/lib/engine/export/csv';
import { rng } from '../../src/lib/engine/random';
import { byProbability } from '../../src/lib/engine/scored';

function profiles(probability: Float32Array, ids?: string[]): ScoredProfiles {
	const n = probability.length;
	return {
		customerIds: ids ?? Array.from({ length: n }, (_, i) => `c${(i * 7919) % n}`),
		probability,
		score: new Uint8Array(n),
		percentile: new Uint8Array(n),
		bucket: [],
		factors: NO_FACTORS,
		groups: NO_GROUPS
	};
}

function comparatorOrder(s: ScoredProfiles): number[] {
	return [...s.customerIds.keys()].sort(
		(a, b) =>
			s.probability[b]! - s.probability[a]! || (s.customerIds[a]! < s.customerIds[b]! ? -1 : 1)
	);
}

describe('byProbability', () => {
	it('orders by probability, highest first, and equal ones by customer id', () => {
		const next = rng(5);
		// Many ties (a coarse grid), the ends 0 and 1, and values close together.
		const p = Float32Array.from({ length: 20_000 }, (_, i) =>
			i % 5 === 0 ? Math.round(next() * 50) / 50 : i % 97 === 0 ? 1 : i % 89 === 0 ? 0 : next()
		);
		const s = profiles(p);
		const order = [...byProbability(s)];
		expect(order).toEqual(comparatorOrder(s));
		expect(new Set(order).size).toBe(p.length);
	});
	it('falls back to the comparator for values a key cannot hold (−0, NaN, above 1)', () => {
		const p = Float32Array.from([0.5, -0, 0, 1.5, 0.25, 0.5]);
		const s = profiles(p, ['f', 'e', 'd', 'c', 'b', 'a']);
		expect([...byProbability(s)]).toEqual(comparatorOrder(s));
		expect([...byProbability(s)]).toEqual([3, 5, 0, 4, 2, 1]);
	});
	it('reads a probability column that is a view into a larger buffer', () => {
		const whole = Float32Array.from([0.9, 0.1, 0.3, 0.2, 0.8]);
		const s = profiles(whole.subarray(1, 4), ['x', 'y', 'z']);
		expect([...byProbability(s)]).toEqual([1, 2, 0]);
	});
});
