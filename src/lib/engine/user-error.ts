// What a failure means to the user. Our own errors already say it in their words; an engine's
// (DuckDB's "Binder Error: …") or JavaScript's own ("Maximum call stack size exceeded") never
// reach the page as they are: they become what happened and what to do (the caller logs the raw
// error for whoever debugs it).

// DuckDB's messages start with their class: "Out of Memory Error: …", "Invalid Input Error: …".
const ENGINE_ERROR = /^(?:[A-Z][a-z]+ )*(?:Error|Exception): /;
const JS_ERRORS = new Set([
	'TypeError',
	'RangeError',
	'ReferenceError',
	'SyntaxError',
	'EvalError'
]);

export const MEMORY_MESSAGE =
	'This browser tab ran out of memory for the data. Load fewer months, fewer columns or a sample of customers, and try again; what was loaded before is kept.';

/** `raw` is the error as thrown; the result is a sentence or two for the page. */
export function userMessage(raw: unknown): string {
	const e = raw instanceof Error ? raw : new Error(String(raw));
	const msg = e.message;
	if (/out of memory|could not allocate|allocation failed|array buffer allocation/i.test(msg)) {
		return MEMORY_MESSAGE;
	}
	if (JS_ERRORS.has(e.name) || ENGINE_ERROR.test(msg)) {
		if (/call stack/i.test(msg))
			return 'The file or goal is nested too deeply to read (more than a few hundred levels). Flatten it, or export it again from the tool that made it.';
		return 'This step failed on something in the data or the goal that the app does not handle yet. Check the column mapping and the goal, then try again; what was loaded or trained before is kept.';
	}
	return msg;
}
