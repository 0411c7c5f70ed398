import { describe, expect, it } from 'vitest';
import { tooLarge } from '../../src/lib/engine/ingest/limits';

const GB = 2 ** 30;

describe('tooLarge(name, bytes, format, isGzip)', () => {
	it('lets a 1 GB CSV through', () => {
		expect(tooLarge('big.csv', 1 * GB, 'csv', false)).toBeNull();
	});
	it('refuses a 5 GB CSV at once, with the reason and what to do', () => {
		expect(tooLarge('huge.csv', 5 * GB, 'csv', false)).toMatch(
			/"huge.csv" is 5.0 GB; this browser can hold about 3.0 GB.*Export fewer months/
		);
	});
	it('counts a gzip file by the data it holds', () => {
		expect(tooLarge('a.csv.gz', 0.5 * GB, 'csv', true)).toBeNull();
		expect(tooLarge('a.csv.gz', 1 * GB, 'csv', true)).toMatch(/about 5.0 GB of data/);
	});
	it('sends big JSON documents to NDJSON', () => {
		expect(tooLarge('a.json', 600 * 2 ** 20, 'json', false)).toMatch(/Export it as NDJSON/);
		expect(tooLarge('a.ndjson', 600 * 2 ** 20, 'ndjson', false)).toBeNull();
	});
});
