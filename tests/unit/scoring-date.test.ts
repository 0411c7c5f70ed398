import { describe, expect, it } from 'vitest';
import { scoringDateProblem } from '../../src/lib/engine/scale-out/score-sql';

describe('the scoring date of score.sql', () => {
	const range = { start: Date.UTC(2024, 0, 10, 8), end: Date.UTC(2024, 5, 30, 22) };
	it('is refused where no customer could be scored, saying which days can', () => {
		expect(scoringDateProblem('2024-01-10', range, 90)).toMatch(
			/not after the first event \(2024-01-10\).*Choose a day after 2024-01-10 and up to 2024-09-29/
		);
		expect(scoringDateProblem('2023-06-01', range, 90)).toMatch(/not after the first event/);
		expect(scoringDateProblem('2024-09-30', range, 90)).toMatch(
			/more than the 90-day lookback after the last event \(2024-06-30\)/
		);
		expect(scoringDateProblem('2024-13-45', range, 90)).toMatch(/is not a date/);
	});
	it('is taken anywhere in between, later data included', () => {
		for (const ok of ['2024-01-11', '2024-07-01', '2024-09-29'])
			expect(scoringDateProblem(ok, range, 90), ok).toBeNull();
	});
});
