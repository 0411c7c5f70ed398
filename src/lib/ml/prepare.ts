// Splits a feature matrix into what the ML worker trains on (training and validation rows) and
// what it scores (rows at the scoring cutoff), and refuses clearly when a model cannot be trained.
import type { FeatureMatrix } from '../engine/features/matrix';
import { trainabilityProblem, type CutoffCounts } from '../engine/trainability';
import type { GoalKind } from '../engine/types';
import { ROLE_TRAIN, ROLE_VALIDATION, type ScoreInput, type TrainingData } from './protocol';

export class TrainabilityError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'TrainabilityError';
	}
}

export function countsPerCutoff(m: FeatureMatrix): CutoffCounts[] {
	const out = m.cutoffs.map((c) => ({ t: c.t, role: c.role, eligible: 0, positives: 0 }));
	for (let i = 0; i < m.rows; i++) {
		const c = out[m.cutoffIndex[i]!]!;
		c.eligible++;
		if (m.labels[i] === 1) c.positives++;
	}
	return out;
}

/** Throws a TrainabilityError that says what is wrong and how to fix it. */
export function checkTrainable(m: FeatureMatrix, kind: GoalKind): void {
	const problem = trainabilityProblem(countsPerCutoff(m), kind);
	if (problem) throw new TrainabilityError(problem);
}

/** Copies the rows with the given cutoff roles. */
function rowsWhere(m: FeatureMatrix, keep: (role: string) => boolean): number[] {
	const out: number[] = [];
	for (let i = 0; i < m.rows; i++) if (keep(m.cutoffs[m.cutoffIndex[i]!]!.role)) out.push(i);
	return out;
}

function copyRows(m: FeatureMatrix, rows: number[]): Float32Array {
	const x = new Float32Array(rows.length * m.cols);
	rows.forEach((r, k) => x.set(m.x.subarray(r * m.cols, (r + 1) * m.cols), k * m.cols));
	return x;
}

export function trainingData(m: FeatureMatrix, kind: GoalKind): TrainingData {
	const rows = rowsWhere(m, (r) => r !== 'score');
	const recencyColumn = m.features.findIndex((f) => f.key === 'days_since_last');
	return {
		x: copyRows(m, rows),
		rows: rows.length,
		cols: m.cols,
		labels: Int8Array.from(rows, (r) => m.labels[r]!),
		role: Uint8Array.from(rows, (r) =>
			m.cutoffs[m.cutoffIndex[r]!]!.role === 'train' ? ROLE_TRAIN : ROLE_VALIDATION
		),
		transforms: m.features.map((f) => f.transform),
		recencyColumn,
		kind
	};
}

export function scoringInput(m: FeatureMatrix): { input: ScoreInput; customerIds: string[] } {
	const rows = rowsWhere(m, (r) => r === 'score');
	return {
		input: { x: copyRows(m, rows), rows: rows.length, cols: m.cols },
		customerIds: rows.map((r) => m.customerIds[r]!)
	};
}
