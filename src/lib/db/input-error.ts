// The error a file or mapping the user gave raises, with a message in their words, and what a
// failed read of a text table means.
export class InputError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'InputError';
	}
}

/**
 * What a failed read of a text table means, in the user's words. DuckDB's own message names our
 * internal file names and parser states, so it is never shown (it goes to the console).
 */
export function explainReadError(fileName: string, e: unknown): InputError {
	const msg = e instanceof Error ? e.message : String(e);
	console.warn(`Reading "${fileName}" failed:`, msg);
	const line = /on Line: (\d+)/i.exec(msg)?.[1];
	const at = line ? ` (line ${line})` : '';
	if (/invalid unicode|invalid utf-?8/i.test(msg))
		return new InputError(
			`"${fileName}" is not a text table we can read${at}: part of it is not UTF-8 text. If it is a spreadsheet, save it as CSV UTF-8 (in Excel: "CSV UTF-8 (Comma delimited)") and open that file.`
		);
	if (/gzip|decompress|zlib|inflate/i.test(msg))
		return new InputError(
			`"${fileName}" is not a readable gzip file (it is damaged, cut short, or not compressed). Open the uncompressed file, or download the archive again.`
		);
	if (/sniffing|could not detect|dialect/i.test(msg))
		return new InputError(
			`The columns of "${fileName}" could not be told apart: its lines do not split the same way. Check that it is a CSV or TSV file with one header line, and that fields holding the delimiter or quotes are quoted.`
		);
	if (/out of memory|could not allocate/i.test(msg))
		return new InputError(
			`"${fileName}" is too large for the memory this browser tab has. Export fewer months or columns, or a sample of customers, and open that file.`
		);
	if (/Maximum line size|line size/i.test(msg))
		return new InputError(
			`"${fileName}" has a line${at} longer than the reader accepts; it is probably not a table of events. Check that the file is a CSV or TSV file.`
		);
	return new InputError(
		`"${fileName}" could not be read as a table${at}. Check that it is a CSV or TSV file with one header line and the same number of fields on every line.`
	);
}
