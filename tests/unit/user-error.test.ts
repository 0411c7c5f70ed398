import { describe, expect, it } from 'vitest';
import { MEMORY_MESSAGE, userMessage } from '../../src/lib/engine/user-error';

describe('userMessage(error)', () => {
	it('keeps our own messages, which are written for the user', () => {
		const ours = 'Choose the column that holds the customer id.';
		expect(userMessage(new Error(ours))).toBe(ours);
		expect(userMessage('The goal has no condition.')).toBe('The goal has no condition.');
	});
	it.each([
		['Binder Error: Referenced column "x" not found in FROM clause!'],
		['Invalid Input Error: CSV Error on Line: 3'],
		['Conversion Error: Could not convert string "a" to INT32'],
		['Catalog Error: Table with name events does not exist!'],
		['Parser Error: syntax error at or near "FROM"']
	])('never shows an engine error as it is: %s', (raw) => {
		const msg = userMessage(new Error(raw));
		expect(msg).not.toContain(raw.split(':')[0]!);
		expect(msg).toMatch(/Check the column mapping and the goal/);
	});
	it('says plainly when memory ran out', () => {
		expect(
			userMessage(new Error('Out of Memory Error: could not allocate block of size 256.0 KiB'))
		).toBe(MEMORY_MESSAGE);
		expect(userMessage(new RangeError('Array buffer allocation failed'))).toBe(MEMORY_MESSAGE);
	});
	it("translates JavaScript's own errors", () => {
		expect(userMessage(new RangeError('Maximum call stack size exceeded'))).toMatch(
			/nested too deeply/
		);
		const t = userMessage(new TypeError("Cannot read properties of undefined (reading 'charAt')"));
		expect(t).not.toMatch(/charAt|undefined/);
	});
});
