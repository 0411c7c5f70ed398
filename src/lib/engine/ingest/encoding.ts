// How a text file is encoded, from its first bytes. DuckDB and our record readers read UTF-8
// only, so a file in another encoding is decoded to UTF-8 first (Excel's "Unicode text" is
// UTF-16LE with a byte order mark; older Windows exports are Windows-1252, a superset of Latin-1).

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** The encoding's name for people. */
export const ENCODING_NAME: Record<TextEncoding, string> = {
	'utf-8': 'UTF-8',
	'utf-16le': 'UTF-16 (little-endian)',
	'utf-16be': 'UTF-16 (big-endian)',
	'windows-1252': 'Windows-1252 (Latin-1)'
};

/**
 * `head`: the file's first bytes (already gunzipped). A UTF-16 byte order mark decides; so does a
 * NUL in every other byte of the first line (UTF-16 text without a mark). Otherwise bytes that
 * are not valid UTF-8 mean Windows-1252, which reads every byte; a multi-byte character cut at
 * the end of `head` is not held against UTF-8.
 */
export function detectEncoding(head: Uint8Array): TextEncoding {
	if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
	if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
	const pairs = Math.min(64, head.length >> 1);
	if (pairs >= 4) {
		let evenNul = 0;
		let oddNul = 0;
		for (let i = 0; i < pairs; i++) {
			if (head[2 * i] === 0) evenNul++;
			if (head[2 * i + 1] === 0) oddNul++;
		}
		if (oddNul >= pairs * 0.9 && evenNul === 0) return 'utf-16le';
		if (evenNul >= pairs * 0.9 && oddNul === 0) return 'utf-16be';
	}
	try {
		new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
		return 'utf-8';
	} catch {
		return 'windows-1252';
	}
}
