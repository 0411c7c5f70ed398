// strptime formats (DuckDB's, which the app reads timestamps with) taken apart for the engines
// that spell them otherwise. Each engine's parser is more lenient than strptime in some way
// (digit counts, trailing text), so its dialect also matches the whole text against
// `strptimePattern` first: a time reads where DuckDB reads it and nowhere else.

/** A directive (`%Y` → `Y`) or literal text between directives. */
export type StrptimeToken = { directive: string } | { text: string };

/** strptime directives the scripts can read, with the digits each accepts. */
const DIGITS: Record<string, string> = {
	Y: '\\d{4}',
	y: '\\d{2}',
	m: '\\d{1,2}',
	d: '\\d{1,2}',
	H: '\\d{1,2}',
	I: '\\d{1,2}',
	M: '\\d{2}',
	S: '\\d{2}',
	f: '\\d{1,6}',
	p: '[AaPp][Mm]'
};

/** Whether two directives follow each other with no separator (`%Y%m%d`): each is full width. */
export function isPacked(format: string): boolean {
	return /%[A-Za-z]%/.test(format);
}

/** The tokens of `format`, or an error naming a directive `engine` cannot read. */
export function strptimeTokens(format: string, engine: string): StrptimeToken[] {
	const tokens: StrptimeToken[] = [];
	for (let i = 0; i < format.length; i++) {
		const ch = format[i]!;
		if (ch !== '%') {
			const last = tokens.at(-1);
			if (last && 'text' in last) last.text += ch;
			else tokens.push({ text: ch });
			continue;
		}
		const d = format[++i] ?? '';
		if (!(d in DIGITS))
			throw new Error(
				`The timestamp format "${format}" uses %${d}, which score.sql cannot read in ${engine}: convert that column to a timestamp first.`
			);
		tokens.push({ directive: d });
	}
	return tokens;
}

/** An anchored regular expression (POSIX and Java alike) that text read with `format` matches. */
export function strptimePattern(format: string): string {
	const packed = isPacked(format);
	const body = strptimeTokens(format, 'SQL')
		.map((t) =>
			'directive' in t
				? packed
					? DIGITS[t.directive]!.replace('{1,2}', '{2}')
					: DIGITS[t.directive]!
				: [...t.text].map((ch) => (/[\w\s]/.test(ch) ? ch : `\\${ch}`)).join('')
		)
		.join('');
	return `^\\s*${body}\\s*$`;
}

/** strptime directives → Oracle-style template patterns (PostgreSQL's to_timestamp, Snowflake). */
const TEMPLATE: Record<string, string> = {
	Y: 'YYYY',
	y: 'YY',
	m: 'MM',
	d: 'DD',
	H: 'HH24',
	I: 'HH12',
	M: 'MI',
	S: 'SS',
	p: 'AM'
};

/**
 * `format` as an Oracle-style template, `fraction` standing for %f (the engines spell it
 * differently); letters of text are double-quoted, as such templates read them as patterns.
 */
export function templateFormat(format: string, engine: string, fraction: string): string {
	return strptimeTokens(format, engine)
		.map((t) =>
			'directive' in t
				? t.directive === 'f'
					? fraction
					: TEMPLATE[t.directive]!
				: t.text.replace(/[A-Za-z]+/g, (w) => `"${w}"`)
		)
		.join('');
}

/** ISO 8601 as the engines' timestamp-with-offset readers take it, and nothing else they take. */
export const ISO_PATTERN =
	'^\\s*\\d{4}-\\d{2}-\\d{2}([ T]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?)?\\s*(Z|[+-]\\d{2}(:?\\d{2})?)?\\s*$';
/** A decimal number as text, as TRY_CAST to DOUBLE reads it. */
export const NUMBER_PATTERN = '^\\s*[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?\\s*$';
