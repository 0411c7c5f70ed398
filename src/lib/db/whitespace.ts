// Whitespace-separated text (CDNOW's `.txt`): a file DuckDB reads as one text column whose
// lines split on runs of spaces into a steady number of fields is split here and typed.
import { quoteIdent, quoteLiteral } from '../engine/sql/quote';
import { LONG_INTEGER } from './csv-read';
import { firstRow } from './rows';
import type { Db } from './types';

// A delimiter no text line contains, to read whole lines as one column.
const LINE_DELIM = '\x01';

function readLines(name: string): string {
	return `read_csv(${quoteLiteral(name)}, columns={'line': 'VARCHAR'}, header=false, delim='${LINE_DELIM}', quote='', escape='', auto_detect=false)`;
}

/**
 * A file DuckDB sniffs as one text column whose lines split on runs of spaces into a steady
 * number of fields (two or more) is whitespace-separated, like CDNOW's `.txt`.
 */
export async function whitespaceFieldCount(db: Db, name: string): Promise<number> {
	const r = firstRow(
		await db.query(
			`SELECT min(n) AS lo, max(n) AS hi, count(*) AS lines FROM (SELECT len(string_split_regex(trim(line), '\\s+')) AS n ` +
				`FROM ${readLines(name)} WHERE trim(line) <> '' LIMIT 200)`
		)
	);
	return r.lo === r.hi && Number(r.lo) >= 2 ? Number(r.lo) : 0;
}

/** Types a column of text by what all its values cast to; leading zeros keep ids as text. */
async function inferWhitespaceTypes(db: Db, table: string, names: string[]): Promise<string[]> {
	const checks = names.map((n, i) => {
		const c = quoteIdent(n);
		const zeros = `regexp_matches(${c}, '^-?0[0-9]')`;
		// An integer of 16 digits or more that BIGINT cannot hold would lose digits as DOUBLE.
		const long = `regexp_full_match(${c}, ${LONG_INTEGER})`;
		return (
			`count(*) FILTER (WHERE ${c} IS NOT NULL AND (TRY_CAST(${c} AS BIGINT) IS NULL OR ${zeros})) AS i${i}, ` +
			`count(*) FILTER (WHERE ${c} IS NOT NULL AND (TRY_CAST(${c} AS DOUBLE) IS NULL OR ${zeros} OR ${long})) AS d${i}`
		);
	});
	const r = firstRow(await db.query(`SELECT ${checks.join(', ')} FROM ${table}`));
	return names.map((_, i) =>
		Number(r[`i${i}`]) === 0 ? 'BIGINT' : Number(r[`d${i}`]) === 0 ? 'DOUBLE' : 'VARCHAR'
	);
}

/** Builds a typed view `name` over a whitespace-separated file whose first line is a header. */
export async function loadWhitespace(
	db: Db,
	file: string,
	view: string,
	fields: number
): Promise<void> {
	const header = firstRow(
		await db.query(
			`SELECT string_split_regex(trim(line), '\\s+') AS h FROM ${readLines(file)} WHERE trim(line) <> '' LIMIT 1`
		)
	).h as { toArray(): string[] } | string[];
	const rawNames = Array.isArray(header) ? header : header.toArray();
	// A header has no purely numeric field; otherwise the file has none and columns get numbers.
	const hasHeader = rawNames.every((h) => isNaN(Number(h)));
	const names = hasHeader ? rawNames.map(String) : rawNames.map((_, i) => `column${i}`);
	const text = `${view}_text`;
	const parts = names.map((n, i) => `p[${i + 1}] AS ${quoteIdent(n)}`).join(', ');
	await db.query(
		`CREATE OR REPLACE TABLE ${quoteIdent(text)} AS SELECT ${parts} FROM (SELECT string_split_regex(trim(line), '\\s+') AS p, ` +
			`row_number() OVER () AS rn FROM ${readLines(file)} WHERE trim(line) <> '') WHERE len(p) = ${fields}` +
			(hasHeader ? ' AND rn > 1' : '')
	);
	const types = await inferWhitespaceTypes(db, quoteIdent(text), names);
	const cols = names
		.map((n, i) => `CAST(${quoteIdent(n)} AS ${types[i]}) AS ${quoteIdent(n)}`)
		.join(', ');
	await db.query(
		`CREATE OR REPLACE VIEW ${quoteIdent(view)} AS SELECT ${cols} FROM ${quoteIdent(text)}`
	);
}

export function sourceView(registeredAs: string): string {
	return `src_${registeredAs.replace(/[^A-Za-z0-9_]/g, '_')}`;
}
