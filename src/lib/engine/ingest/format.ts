// Which reader a file needs, from its name and first bytes: DuckDB's CSV reader for delimited
// text; our record readers for JSON, NDJSON and Parquet.

export type RecordFormat = 'json' | 'ndjson' | 'parquet';
export type FileFormat = 'csv' | RecordFormat;

/** `head`: the first bytes of the file, already gunzipped when the file is gzip. */
export function detectFormat(name: string, head: Uint8Array): FileFormat {
	const lower = name.toLowerCase().replace(/\.gz$/, '');
	if (head[0] === 0x50 && head[1] === 0x41 && head[2] === 0x52 && head[3] === 0x31)
		return 'parquet'; // PAR1
	if (lower.endsWith('.parquet')) return 'parquet';
	if (lower.endsWith('.ndjson') || lower.endsWith('.jsonl')) return 'ndjson';
	const text = new TextDecoder().decode(head).trimStart();
	if (lower.endsWith('.json') || text.startsWith('[') || text.startsWith('{')) {
		// A first line that is a whole object, followed by another line, is NDJSON.
		const firstLine = text.split('\n', 1)[0]!.trim();
		if (text.startsWith('{') && firstLine.endsWith('}') && text.length > firstLine.length + 1) {
			try {
				JSON.parse(firstLine);
				return 'ndjson';
			} catch {
				return 'json';
			}
		}
		return 'json';
	}
	return 'csv';
}
