import { describe, expect, it } from 'vitest';
import { csvField, scoresCsvHeader, scoresToCsv } from '../../src/lib/engine/export/csv';
import { bucketOf, scoreColumns } from '../../src/lib/engine/scores';

describe('scoreColumns(probability)', () => {
	it('gives percentiles by rank, ties sharing one, and buckets by percentile', () => {
		const p = Float32Array.from([0.1, 0.5, 0.5, 0.9, 0.2]);
		const s = scoreColumns(p);
		expect(Array.from(s.percentile)).toEqual([20, 80, 80, 100, 40]);
		expect(s.bucket).toEqual(['low', 'medium', 'medium', 'high', 'low']);
		expect(Array.from(s.score)).toEqual([0, 50, 50, 100, 13]);
	});
	it('puts the top 20 % in high and the bottom half in low', () => {
		expect([bucketOf(81), bucketOf(80), bucketOf(51), bucketOf(50)]).toEqual([
			'high',
			'medium',
			'medium',
			'low'
		]);
	});
});

describe('scoresToCsv', () => {
	it('quotes fields with commas, quotes and line breaks', () => {
		expect(csvField('a,b')).toBe('"a,b"');
		expect(csvField('say "hi"')).toBe('"say ""hi"""');
		expect(csvField('plain')).toBe('plain');
	});
	it('writes a header and one row per profile in the given order', () => {
		const csv = scoresToCsv(
			{
				customerIds: ['a', 'b,2'],
				probability: Float32Array.from([0.25, 0.75]),
				score: Uint8Array.from([0, 100]),
				percentile: Uint8Array.from([50, 100]),
				bucket: ['low', 'high'],
				factors: [
					[],
					[
						{
							key: 'k',
							name: 'Events',
							value: 3,
							contribution: 0.5,
							importance: 'high',
							direction: 'raises',
							sentence: '3 events, lately'
						}
					]
				]
			},
			[1, 0]
		);
		const lines = csv.trim().split('\n');
		expect(lines[0]).toBe(scoresCsvHeader().join(','));
		expect(lines[1]).toBe(
			'"b,2",0.750000,100,100,high,Events,3,0.5,high,"3 events, lately",,,,,,,,,,'
		);
		expect(lines[2]).toBe('a,0.250000,0,50,low' + ',,,,,'.repeat(3));
	});
});
