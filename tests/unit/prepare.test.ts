// Splitting a matrix by cutoff role copies exactly the rows of each role, in order, however the
// roles interleave (a matrix built in parts repeats every cutoff once per part).
import { describe, expect, it } from 'vitest';
import type { FeatureMatrix } from '../../src/lib/engine/features/matrix';
import { scoringInput, trainingData } from '../../src/lib/ml/prepare';
import { ROLE_TRAIN, ROLE_VALIDATION } from '../../src/lib/ml/protocol';

const cols = 3;
// Two parts of cutoffs train (0, 1), validation (2), score (3), and a lone row between.
const cutoffIndex = Int32Array.from([0, 0, 1, 2, 2, 3, 3, 3, 0, 1, 1, 2, 3, 0, 3]);
const rows = cutoffIndex.length;
const matrix = {
	cutoffs: [
		{ t: 1, role: 'train' },
		{ t: 2, role: 'train' },
		{ t: 3, role: 'validation' },
		{ t: 4, role: 'score' }
	],
	cutoffIndex,
	customerIds: Array.from({ length: rows }, (_, i) => `c${i}`),
	labels: Int8Array.from(cutoffIndex, (k, i) => (k === 3 ? -1 : i % 2)),
	x: Float32Array.from({ length: rows * cols }, (_, k) => k + 0.5),
	rows,
	cols,
	features: [
		{ key: 'a', kind: 'count', group: { key: 'x', name: 'X' } },
		{ key: 'days_since_last', kind: 'daysSince', group: { key: 'recency', name: 'Recency' } },
		{ key: 'b', kind: 'share', group: { key: 'x', name: 'X' } }
	].map((f) => ({ ...f, transform: 'none' }))
} as unknown as FeatureMatrix;

/** The rows of `x` (row-major, `cols` wide) as arrays. */
function rowsOf(x: Float32Array): number[][] {
	return Array.from({ length: x.length / cols }, (_, i) => [
		...x.subarray(i * cols, (i + 1) * cols)
	]);
}

describe('a matrix split by cutoff role', () => {
	it('trains on the training and validation rows, in matrix order', async () => {
		const d = await trainingData(matrix, 'conversion');
		const kept = [...cutoffIndex.keys()].filter((i) => cutoffIndex[i] !== 3);
		expect(d.rows).toBe(kept.length);
		expect(rowsOf(d.x)).toEqual(kept.map((i) => rowsOf(matrix.x)[i]));
		expect([...d.role]).toEqual(
			kept.map((i) => (cutoffIndex[i] === 2 ? ROLE_VALIDATION : ROLE_TRAIN))
		);
		expect([...d.labels]).toEqual(kept.map((i) => matrix.labels[i]));
		// Each feature's group and activity direction, for the agreement penalty.
		expect([...d.agreement!.group]).toEqual([0, 1, 0]);
		expect([...d.agreement!.direction]).toEqual([1, -1, 0]);
	});
	it('scores the scoring cutoff rows with their customers', async () => {
		const { input, customerIds } = await scoringInput(matrix);
		const scored = [5, 6, 7, 12, 14];
		expect(customerIds).toEqual(scored.map((i) => `c${i}`));
		expect(rowsOf(input.x)).toEqual(scored.map((i) => rowsOf(matrix.x)[i]));
	});
});
