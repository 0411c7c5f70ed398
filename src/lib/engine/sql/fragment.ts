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
 * The statement with its parameters written in as literals, for people to read (never to run:
 * what runs is always the bound form). Skips `?` inside quoted identifiers and strings.
 */
export function displaySql(f: SqlFragment): string {
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
		} else if (ch === '?' && next < f.params.length) {
			const p = f.params[next++]!;
			out += typeof p === 'string' ? "'" + p.replaceAll("'", "''") + "'" : String(p);
		} else out += ch;
	}
	return out;
}
