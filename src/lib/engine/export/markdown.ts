// Text from the user's files (goal, event, attribute and file names) placed in Markdown we write,
// so that it renders as the same plain text in any CommonMark or GitHub renderer: no HTML, no
// link, image, autolink, emphasis, code, heading or list can come out of a name.

/**
 * `s` as inline Markdown text on one line. Backslash escapes for the inline markers (CommonMark
 * allows one before any ASCII punctuation), entities for `<` `>` and for an `&` that would start
 * an entity; `://`, `www.` and `@` are broken up with an escape, because GitHub turns bare URLs
 * and e-mail addresses into links (an escaped character ends the text run its autolinker reads).
 * A leading list or heading marker is escaped too. Table pipes are the table's to escape.
 */
export function mdText(s: string): string {
	return (
		s
			// eslint-disable-next-line no-control-regex -- control characters are what is removed
			.replace(/[\u0000-\u001f\u007f]+/g, ' ')
			.replace(/&(?=#?[a-z0-9]+;)/gi, '&amp;')
			.replace(/[\\`*_[\]~#$]/g, '\\$&')
			.replaceAll('<', '&lt;')
			.replaceAll('>', '&gt;')
			.replace(/:(?=\/\/)/g, '\\:')
			.replace(/(www)\./gi, '$1\\.')
			.replaceAll('@', '\\@')
			.replace(/^([-+=])/, '\\$1')
			.replace(/^(\d+)([.)])/, '$1\\$2')
	);
}

/** A fenced code block holding `text` literally: the fence is longer than any backtick run in it. */
export function codeBlock(info: string, text: string): string {
	const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
	const fence = '`'.repeat(Math.max(3, longest + 1));
	return `${fence}${info}\n${text}\n${fence}`;
}
