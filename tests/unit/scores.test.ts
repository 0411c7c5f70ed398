import { describe, expect, it } from 'vitest';
import { listedGroups } from '../../src/lib/engine/explain/profile-groups';
import {
	csvField,
	EXPORT_PART_ROWS,
	scoresCsvHeader,
	scoresCsvParts,
	scoresJsonParts
} from '../../src/lib/engine/export/csv';
import { fingerprint } from '../../src/lib/engine/hash';
import type { Bucket } from '../../src/lib/engine/types';
import { bucketOf, scoreColumns } from '../../src/lib/engine/scores';
import { listedFactors } from '../../src/lib/engine/explain/profile-factors';

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

const twoProfiles = {
	customerIds: ['a', 'b,2'],
	probability: Float32Array.from([0.25, 0.75]),
	score: Uint8Array.from([0, 100]),
	percentile: Uint8Array.from([50, 100]),
	bucket: ['low', 'high'] as Bucket[],
	factors: listedFactors([
		[],
		[
			{
				key: 'count_30d',
				name: 'Events',
				value: 3,
				contribution: 0.5,
				importance: 'high' as const,
				direction: 'raises' as const,
				sentence: '3 events, lately'
			}
		]
	]),
	groups: listedGroups([
		[],
		[
			{
				key: 'activity',
				name: 'Overall activity',
				contribution: 0.61234,
				importance: 'high' as const,
				direction: 'raises' as const,
				sentence: '3 events, lately, =1'
			}
		]
	])
};
const ctx = { propensityType: 'churn' as const, scoreDate: '2026-01-01', modelId: 'abc123' };

describe('scored profiles in the output schema', () => {
	it('quotes CSV fields with commas, quotes and line breaks', () => {
		expect(csvField('a,b')).toBe('"a,b"');
		expect(csvField('say "hi"')).toBe('"say ""hi"""');
		expect(csvField('plain')).toBe('plain');
	});
	it('writes a CSV header and one row per profile in the given order', () => {
		const csv = [...scoresCsvParts(twoProfiles, [1, 0], ctx)].join('');
		const lines = csv.trim().split('\n');
		expect(lines[0]).toBe(scoresCsvHeader().join(','));
		expect(lines[0]).toMatch(
			/^customer_id,probability,score,percentile,bucket,propensity_type,score_date,model_id,factor_1,factor_1_name,/
		);
		expect(lines[0]).toMatch(
			/,factor_3_sentence,factor_group_1,factor_group_1_name,factor_group_1_contribution,factor_group_1_importance,factor_group_1_sentence,factor_group_2,/
		);
		expect(lines[1]).toBe(
			'"b,2",0.750000,100,100,high,churn,2026-01-01,abc123,count_30d,Events,3,0.5,high,"3 events, lately"' +
				',,,,,,'.repeat(2) +
				',activity,Overall activity,0.6123,high,"3 events, lately, =1"' +
				',,,,,'.repeat(2)
		);
		expect(lines[2]).toBe(
			'a,0.250000,0,50,low,churn,2026-01-01,abc123' + ',,,,,,'.repeat(3) + ',,,,,'.repeat(3)
		);
	});
	it('makes a large export a row at a time, joined into one CSV and one valid JSON document', () => {
		const n = EXPORT_PART_ROWS * 2 + 7;
		const many = {
			...twoProfiles,
			customerIds: Array.from({ length: n }, (_, i) => `c${i}`),
			probability: new Float32Array(n).fill(0.5),
			score: new Uint8Array(n),
			percentile: new Uint8Array(n),
			bucket: new Array<Bucket>(n).fill('low'),
			factors: listedFactors(Array.from({ length: n }, () => [])),
			groups: listedGroups(Array.from({ length: n }, () => []))
		};
		const rows = Int32Array.from({ length: n }, (_, i) => n - 1 - i);
		const csvParts = [...scoresCsvParts(many, rows, ctx)];
		// The header, then one line per row: no piece is ever a large string.
		expect(csvParts).toHaveLength(n + 1);
		expect(csvParts.every((p) => p.endsWith('\n') && p.indexOf('\n') === p.length - 1)).toBe(true);
		expect(csvParts[1]!.startsWith(`c${n - 1},`)).toBe(true);
		expect(csvParts.join('').trim().split('\n')).toHaveLength(n + 1);
		const jsonParts = [...scoresJsonParts(many, rows, ctx)];
		expect(jsonParts).toHaveLength(n + 2);
		const json = JSON.parse(jsonParts.join('')) as {
			customer_id: string;
		}[];
		expect(json).toHaveLength(n);
		expect(json[0]!.customer_id).toBe(`c${n - 1}`);
	});
	it('writes JSON records with the factors as a list', () => {
		const json = JSON.parse([...scoresJsonParts(twoProfiles, [1, 0], ctx)].join('')) as unknown[];
		expect(json[0]).toEqual({
			customer_id: 'b,2',
			probability: 0.75,
			score: 100,
			percentile: 100,
			bucket: 'high',
			propensity_type: 'churn',
			score_date: '2026-01-01',
			model_id: 'abc123',
			factors: [
				{
					feature: 'count_30d',
					name: 'Events',
					value: 3,
					contribution: 0.5,
					importance: 'high',
					sentence: '3 events, lately'
				}
			],
			factor_groups: [
				{
					group: 'activity',
					name: 'Overall activity',
					contribution: 0.6123,
					importance: 'high',
					sentence: '3 events, lately, =1'
				}
			]
		});
		expect(json[1]).toMatchObject({ customer_id: 'a', factors: [], factor_groups: [] });
	});
});

describe('fingerprint', () => {
	it('is stable, 16 hex digits, and changes with any character', () => {
		expect(fingerprint('model')).toBe(fingerprint('model'));
		expect(fingerprint('model')).toMatch(/^[0-9a-f]{16}$/);
		expect(fingerprint('model')).not.toBe(fingerprint('modem'));
		expect(fingerprint('')).not.toBe(fingerprint(' '));
	});
});
