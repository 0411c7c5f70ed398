// Building SQL from pieces that carry their bound parameters, so a compiler never has to count
// placeholders by hand.
import type { Scalar, SqlFragment } from '../types';

export function frag(sql: string, params: Scalar[] = []): SqlFragment {
	return { sql, params };
}

/** Joins fragments with a separator, concatenating their parameters in order. */
export function joinFrags(parts: SqlFragment[], separator: string): SqlFragment {
	return {
		sql: parts.map((p) => p.sql).join(separator),
		params: parts.flatMap((p) => p.params)
	};
}

/** Tagged template: `sql\`a = ${x}\`` where `x` is a fragment (spliced) or a scalar (bound). */
export function sql(
	strings: TemplateStringsArray,
	...values: (SqlFragment | Scalar)[]
): SqlFragment {
	let text = strings[0] ?? '';
	const params: Scalar[] = [];
	values.forEach((v, i) => {
		if (typeof v === 'object') {
			text += v.sql;
			params.push(...v.params);
		} else {
			text += '?';
			params.push(v);
		}
		text += strings[i + 1] ?? '';
	});
	return { sql: text, params };
}

/**
 * The statement with each `?` (outside quoted identifiers and strings) replaced by
 * `literal(param)`, in order. `isStrict`: the placeholders and the params must match in number.
 */
export function writeParams(
	f: SqlFragment,
	literal: (p: Scalar) => string,
	isStrict = true
): string {
	let out = '';
	let next = 0;
	let quote: string | null = null;
	for (const ch of f.sql) {
		if (quote) {
			if (ch === quote) quote = null;
			out += ch;
		} else if (ch === '"' || ch === "'") {
			quote = ch;
			out += ch;
		} else if (ch === '?' && next < f.params.length) out += literal(f.params[next++]!);
		else if (ch === '?' && isStrict) throw new Error('more placeholders than parameters');
		else out += ch;
	}
	if (isStrict && next < f.params.length) throw new Error('more parameters than placeholders');
	return out;
}

/**
 * The statement with its parameters written in as literals, for people to read (never to run:
 * what runs is always the bound form, or a scale-out script's exact literals).
 */
export function displaySql(f: SqlFragment): string {
	return writeParams(
		f,
		(p) => (typeof p === 'string' ? "'" + p.replaceAll("'", "''") + "'" : String(p)),
		false
	);
}
