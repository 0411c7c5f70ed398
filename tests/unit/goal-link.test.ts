import { describe, expect, it } from 'vitest';
import { goalFragment, goalFromFragment } from '../../src/lib/engine/goal/link';

describe('goal links', () => {
	it('carry a goal spec through the URL fragment unchanged, unicode included', () => {
		const json = JSON.stringify({ version: 1, name: 'Achat > 50 € — «VIP»', kind: 'churn' });
		const hash = goalFragment(json);
		expect(hash).toMatch(/^#goal=[A-Za-z0-9_-]+$/);
		expect(goalFromFragment(hash)).toBe(json);
		expect(goalFromFragment(hash.slice(1))).toBe(json);
	});
	it('say nothing about fragments without a goal', () => {
		expect(goalFromFragment('')).toBeNull();
		expect(goalFromFragment('#section-2')).toBeNull();
	});
	it('say a link is damaged when its goal cannot be decoded', () => {
		const hash = goalFragment(JSON.stringify({ name: 'été' }));
		expect(() => goalFromFragment('#goal=@@@')).toThrow(/damaged/);
		// Cut in the middle of a multi-byte character: not valid UTF-8.
		expect(() => goalFromFragment(hash.slice(0, hash.length - 4))).toThrow(/damaged/);
	});
});
