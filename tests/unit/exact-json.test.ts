import { describe, expect, it } from 'vitest';
import { mayHoldLongIntegers, parseJsonExact } from '../../src/lib/readers/exact-json';

describe('parseJsonExact(text)', () => {
	it.each([
		['an integer past 2^53', '12345678901234567890', '12345678901234567890'],
		['a negative one', '-12345678901234567890', '-12345678901234567890'],
		['2^53 itself (not a safe integer)', '9007199254740992', '9007199254740992'],
		['one past int64', '9223372036854775808', '9223372036854775808'],
		['a 30-digit integer', '123456789012345678901234567890', '123456789012345678901234567890'],
		['the largest safe integer', '9007199254740991', 9007199254740991],
		['-(2^53 - 1)', '-9007199254740991', -9007199254740991],
		['a small integer', '274', 274],
		['a fraction with many digits', '1.2345678901234567890', 1.2345678901234567],
		['a long integer part with a fraction', '12345678901234567890.5', 12345678901234567000],
		['a long integer part with an exponent', '12345678901234567890e2', 1.2345678901234568e21],
		['an exponent', '1e25', 1e25],
		['a long exponent', '1.5e-12345678901234567890', 0]
	])('reads %s (%s) as %j', (_, token, expected) => {
		expect(parseJsonExact(`{"id": ${token}}`)).toEqual({ id: expected });
		expect(parseJsonExact(`[${token}]`)).toEqual([expected]);
		expect(parseJsonExact(token)).toEqual(expected);
	});

	it('leaves strings as they are, digits, escaped quotes and backslashes included', () => {
		const text =
			'{"12345678901234567890": "x12345678901234567890", "a\\"12345678901234567890": "\\\\", ' +
			'"b": "\\\\\\"12345678901234567890", "c": "12345678901234567890", "d": 12345678901234567891}';
		expect(parseJsonExact(text)).toEqual({
			'12345678901234567890': 'x12345678901234567890',
			'a"12345678901234567890': '\\',
			b: '\\"12345678901234567890',
			c: '12345678901234567890',
			d: '12345678901234567891'
		});
	});

	it('finds integers in nested objects and arrays, with any whitespace around them', () => {
		const text =
			'{"a": [ {"id":\n\t12345678901234567890 }, 274, [ -98765432109876543210 ,1.5]], "b": true}';
		expect(parseJsonExact(text)).toEqual({
			a: [{ id: '12345678901234567890' }, 274, ['-98765432109876543210', 1.5]],
			b: true
		});
	});

	it('gives JSON.parse its own result for every text without a long integer', () => {
		const texts = [
			'{"id": 1234567890123456, "ts": "2024-01-01T00:00:00.000123456789Z"}',
			'{"phone": "0012345678901234567", "n": null, "x": [1, 2.5, -3e-7]}',
			'[]',
			'"12345678901234567890"'
		];
		let compared = 0;
		for (const text of texts) {
			expect(parseJsonExact(text)).toEqual(JSON.parse(text));
			compared++;
		}
		expect(compared).toBe(texts.length);
	});

	it('throws JSON.parse’s error for the text as given, positions included', () => {
		for (const text of [
			'{"a": 12345678901234567890,,}',
			'{"a": 12345678901234567890, "b": "unterminated',
			'[12345678901234567890 12]',
			// Quoting this bare numeric key would make the text valid: it must stay refused.
			'{"a": 1, 12345678901234567890: 2}'
		]) {
			let expected = '';
			try {
				JSON.parse(text);
			} catch (e) {
				expected = (e as Error).message;
			}
			expect(expected).not.toBe('');
			expect(() => parseJsonExact(text)).toThrow(expected);
		}
	});

	it('reads a 20 MB string next to a long integer', () => {
		const text = `["${'x'.repeat(20_000_000)}", 12345678901234567890]`;
		const doc = parseJsonExact(text) as string[];
		expect(doc[0]!.length).toBe(20_000_000);
		expect(doc[1]).toBe('12345678901234567890');
	});
});

describe('mayHoldLongIntegers(text)', () => {
	it.each([
		['{"id": 12345678901234567890}', true],
		['{"id":[1,\n12345678901234567890]}', true],
		['12345678901234567890', true],
		['{"a": 1}\n12345678901234567890\n', true],
		['{"id": "12345678901234567890"}', false],
		['{"id": 123456789012345}', false],
		['{"ts": "2024-01-01T00:00:00.000123456789Z"}', false]
	])('%j: %s', (text, expected) => {
		expect(mayHoldLongIntegers(text)).toBe(expected);
	});

	it('agrees with the regex it replaces on 20,000 random texts, at every offset', () => {
		// The probe looks at every 16th character only: runs of digits must be found wherever
		// they start and however long they are.
		const regex = /(?:^|[:,[\n])[ \t\r]*-?\d{16}/;
		const pieces = [
			'1',
			'7',
			'0',
			'12345678',
			'"',
			':',
			',',
			'[',
			' ',
			'\n',
			'-',
			'.',
			'e',
			'x',
			'{'
		];
		let seed = 12345;
		const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
		let positives = 0;
		for (let t = 0; t < 20_000; t++) {
			let text = '';
			const length = next() % 60;
			for (let k = 0; k < length; k++) text += pieces[next() % pieces.length];
			const expected = regex.test(text);
			expect([text, mayHoldLongIntegers(text)]).toEqual([text, expected]);
			if (expected) positives++;
		}
		expect(positives).toBeGreaterThan(500);
		expect(positives).toBeLessThan(19_000);
	});
});
