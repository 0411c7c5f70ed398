// JSON.parse, except that an integer a double cannot hold exactly (beyond ±2^53) comes back as
// its text, digit for digit: ids like 12345678901234567890 must not be rounded, or customers
// merge. Text with no such candidate (the usual case) goes straight to JSON.parse.
//
// Why not a reviver reading `context.source` (the JSON.parse source text access proposal)?
// Chromium has it, but Node 20 (V8 11.3) only behind a flag, and a reviver runs for every value:
// it costs more than this scan, which adds under a tenth to JSON.parse's time where no integer
// of 16 digits is, and about half where one is on every line.

/** A character code (or byte) of 0–9; false past the end of the text (undefined). */
export const isDigit = (c: number | undefined) => c !== undefined && c >= 48 && c <= 57;
/** JSON's whitespace: space, tab, carriage return, line feed. */
export const isSpace = (c: number | undefined) => c === 32 || c === 9 || c === 13 || c === 10;

/**
 * Whether a number can start at `start`: after an optional `-` and spaces, the text begins or has
 * `:`, `,`, `[` or a line break before it. Outside strings every number token passes this.
 */
function canStartNumber(text: string, start: number): boolean {
	let i = start - 1;
	if (text.charCodeAt(i) === 45 /* - */) i--;
	for (; i >= 0; i--) {
		const c = text.charCodeAt(i);
		if (c === 32 || c === 9 || c === 13) continue;
		return c === 58 /* : */ || c === 44 /* , */ || c === 91 /* [ */ || c === 10; /* \n */
	}
	return true;
}

/** Whether an integer ends at `end`: after spaces, `,`, `]`, `}` or the end of the text. */
function endsInteger(text: string, end: number): boolean {
	let i = end;
	while (i < text.length && isSpace(text.charCodeAt(i))) i++;
	const c = text.charCodeAt(i);
	return i === text.length || c === 44 /* , */ || c === 93 /* ] */ || c === 125; /* } */
}

/**
 * The next run of 16 digits or more at or after `from` (not inside a run) where a number can
 * start, as [start, end), or null. Every integer past 2^53 = 9007199254740992 has such a run,
 * and a run of 16 covers one index in every 16, so only those are looked at: a regex scan
 * costs a third of JSON.parse's time, this less than a tenth.
 */
function nextLongRun(text: string, from: number): [number, number] | null {
	const n = text.length;
	for (let p = from + 15; p < n; p += 16) {
		if (!isDigit(text.charCodeAt(p))) continue;
		let start = p;
		while (start > from && isDigit(text.charCodeAt(start - 1))) start--;
		let end = p + 1;
		while (end < n && isDigit(text.charCodeAt(end))) end++;
		if (end - start >= 16 && canStartNumber(text, start)) return [start, end];
		while (p + 16 < end) p += 16;
	}
	return null;
}

/**
 * Whether `text` may hold an integer beyond ±2^53 (false means JSON.parse is exact). Ids written
 * as strings (`"12345678901234567890"`) do not count.
 */
export function mayHoldLongIntegers(text: string): boolean {
	return nextLongRun(text, 0) !== null;
}

/** Whether the quote at `q` is escaped (an odd run of backslashes before it). */
function isEscaped(text: string, q: number): boolean {
	let b = q - 1;
	while (text.charCodeAt(b) === 92 /* \ */) b--;
	return (q - 1 - b) % 2 === 1;
}

/**
 * `text` with every integer token beyond ±2^53 wrapped in quotes. Whether a candidate lies in a
 * string is told by the quotes before it (found with `indexOf`, escaped ones skipped), so digits
 * in strings are never touched. A candidate followed by anything but `,`, `]`, `}` or the end is
 * left alone: quoting it could make invalid JSON (a bare numeric key) valid.
 */
function quoteUnsafeIntegers(text: string): string {
	let out = '';
	let last = 0;
	let counted = 0; // quotes before this index have been counted
	let inString = false;
	for (let run = nextLongRun(text, 0); run; run = nextLongRun(text, run[1])) {
		const [start, end] = run;
		for (let q = text.indexOf('"', counted); q >= 0 && q < start; q = text.indexOf('"', q + 1)) {
			if (!inString || !isEscaped(text, q)) inString = !inString;
			counted = q + 1;
		}
		if (inString || !endsInteger(text, end)) continue;
		const tokenStart = text.charCodeAt(start - 1) === 45 /* - */ ? start - 1 : start;
		const token = text.slice(tokenStart, end);
		if (Number.isSafeInteger(Number(token))) continue;
		out += text.slice(last, tokenStart) + '"' + token + '"';
		last = end;
	}
	return last === 0 ? text : out + text.slice(last);
}

/**
 * `JSON.parse(text)`, with every integer beyond ±2^53 as a string of exactly the digits written.
 * Other numbers (fractions, exponents, safe integers) are numbers as usual. A syntax error is
 * JSON.parse's own error for the text as given (its positions are those of `text`).
 */
export function parseJsonExact(text: string): unknown {
	if (!mayHoldLongIntegers(text)) return JSON.parse(text);
	const exact = quoteUnsafeIntegers(text);
	if (exact === text) return JSON.parse(text);
	try {
		return JSON.parse(exact);
	} catch (e) {
		JSON.parse(text); // throws the error with the positions of the original text
		throw e;
	}
}
