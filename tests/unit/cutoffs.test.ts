import { describe, expect, it } from 'vitest';
import { CutoffError, DAY_MS, isoDay, planCutoffs } from '../../src/lib/engine/cutoffs';

const t = (iso: string) => Date.parse(iso + 'T00:00:00Z');

describe('planCutoffs', () => {
	it('scores the day after the last event, validates one window earlier, trains a window apart', () => {
		const plan = planCutoffs({
			dataStart: t('1997-01-01'),
			dataEnd: t('1998-06-30') + 5 * 3600_000,
			outcomeWindowDays: 90,
			lookbackDays: 365
		});
		expect(isoDay(plan.scoring)).toBe('1998-07-01');
		expect(isoDay(plan.validation)).toBe('1998-04-02');
		expect(plan.training.map(isoDay)).toEqual([
			'1997-04-07',
			'1997-07-06',
			'1997-10-04',
			'1998-01-02'
		]);
		expect(plan.cutoffs.map((c) => c.role)).toEqual([
			'train',
			'train',
			'train',
			'train',
			'validation',
			'score'
		]);
		// Label windows never overlap: each training window ends where the next cutoff starts.
		for (let i = 1; i < plan.cutoffs.length; i++)
			expect(plan.cutoffs[i]!.t - plan.cutoffs[i - 1]!.t).toBe(90 * DAY_MS);
	});

	it('uses the scoring cutoff of the spec for a backtest', () => {
		const plan = planCutoffs({
			dataStart: t('2024-01-01'),
			dataEnd: t('2024-12-31'),
			outcomeWindowDays: 30,
			lookbackDays: 90,
			scoringCutoff: '2024-10-01'
		});
		expect(isoDay(plan.scoring)).toBe('2024-10-01');
		expect(isoDay(plan.validation)).toBe('2024-09-01');
	});

	it('caps the number of training cutoffs', () => {
		const plan = planCutoffs({
			dataStart: t('2020-01-01'),
			dataEnd: t('2024-12-31'),
			outcomeWindowDays: 7,
			lookbackDays: 90,
			maxTraining: 3
		});
		expect(plan.training).toHaveLength(3);
	});

	it('refuses too little history, saying how much is needed', () => {
		expect(() =>
			planCutoffs({
				dataStart: t('2024-01-01'),
				dataEnd: t('2024-03-01'),
				outcomeWindowDays: 30,
				lookbackDays: 90
			})
		).toThrow(CutoffError);
		expect(() =>
			planCutoffs({
				dataStart: t('2024-01-01'),
				dataEnd: t('2024-03-01'),
				outcomeWindowDays: 30,
				lookbackDays: 90
			})
		).toThrow(/needs at least 90 days.*covers 61 days/);
	});
});
