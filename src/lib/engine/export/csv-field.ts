// One cell of a CSV we write (RFC 4180), safe to open in a spreadsheet. A text cell that a
// spreadsheet would read as the start of a formula (OWASP "CSV injection": = + - @ TAB CR, and
// their fullwidth forms) gets a leading `'` and is quoted, as OWASP recommends; so does a text
// cell that already starts with `'`, so removing one leading `'` always gives the text back.
// Numbers stay plain numbers (docs/output-schema.md, "Spreadsheet safety").

/** What a spreadsheet may take as the start of a formula, and `'` (see above). */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20']/;

/** A number as our CSVs write them (and as spreadsheets read them): `-3.5`, `+1`, `1e5`, `.5`. */
const CSV_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Whether a text cell is neutralised: it starts with a formula character (or `'`) and is not a
 * number in the CSV's own number syntax. A text cell that is a number ("-5") is left alone: a
 * spreadsheet reads it as that number, and no formula can hide in one.
 */
export function isFormulaLike(text: string): boolean {
	return FORMULA_START.test(text) && !CSV_NUMBER.test(text);
}

/**
 * The cell as written: a finite number as JavaScript prints it; text quoted when it holds a
 * comma, quote or line break (quotes doubled), and prefixed with `'` and quoted when
 * `isFormulaLike` (`=1+2` → `"'=1+2"`). Non-finite numbers are written as text.
 */
export function csvField(x: string | number): string {
	if (typeof x === 'number' && isFinite(x)) return String(x);
	const s = String(x);
	if (isFormulaLike(s)) return `"'${s.replaceAll('"', '""')}"`;
	return /[",\r\n]/.test(s) ? '"' + s.replaceAll('"', '""') + '"' : s;
}

/** The original text of a text cell read back from our CSV (after CSV unquoting). */
export function restoreCsvText(cell: string): string {
	return cell.startsWith("'") ? cell.slice(1) : cell;
}
