import { describe, expect, it } from 'vitest';
import { displaySql, frag, joinFrags, sql } from '../../src/lib/engine/sql/fragment';
import { keyword, quoteIdent, quoteLiteral } from '../../src/lib/engine/sql/quote';

describe('quoting', () => {
	it('doubles quotes and leaves backslashes alone', () => {
		expect(quoteIdent('a"b\\c')).toBe('"a""b\\c"');
		expect(quoteLiteral("it's")).toBe("'it''s'");
	});
	it('keyword() accepts only the closed list', () => {
		expect(keyword('asc', 'order', ['asc', 'desc'])).toBe('asc');
		expect(() => keyword('drop', 'order', ['asc', 'desc'])).toThrow('invalid order: drop');
	});
});

describe('fragments', () => {
	it('carry their params in text order', () => {
		const a = frag('x = ?', [1]);
		const b = sql`SELECT ${a} AND y = ${'two'}`;
		expect(b).toEqual({ sql: 'SELECT x = ? AND y = ?', params: [1, 'two'] });
		expect(joinFrags([a, frag('z < ?', [3])], ' OR ')).toEqual({
			sql: 'x = ? OR z < ?',
			params: [1, 3]
		});
	});
	it('displaySql writes params in, skipping ? inside quoted names and strings', () => {
		expect(
			displaySql({
				sql: `SELECT "what?" FROM t WHERE a = ? AND b = '?' AND c = ?`,
				params: ["it's", 2]
			})
		).toBe(`SELECT "what?" FROM t WHERE a = 'it''s' AND b = '?' AND c = 2`);
	});
});
