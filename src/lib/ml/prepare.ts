// Splits a feature matrix into what the ML worker trains on (training and validation rows) and
// what it scores (rows at the scoring cutoff), and refuses clearly when a model cannot be trained.
import type { FeatureMatrix } from '../engine/features/matrix';
import type { GoalKind } from '../engine/types';
import { ROLE_TRAIN, ROLE_VALIDATION, type ScoreInput, type TrainingData } from './protocol';

export class TrainabilityError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'TrainabilityError';
	}
}

/** Fewest rows of each class at the training cutoffs (together) for a model worth having. */
export const MIN_CLASS_ROWS = 10;

export interface CutoffCounts {
	t: number;
	role: string;
	eligible: number;
	positives: number;
}

export function countsPerCutoff(m: FeatureMatrix): CutoffCounts[] {
	const out = m.cutoffs.map((c) => ({ t: c.t, role: c.role as string, eligible: 0, positives: 0 }));
	for (let i = 0; i < m.rows; i++) {
		const c = out[m.cutoffIndex[i]!]!;
		c.eligible++;
		if (m.labels[i] === 1) c.positives++;
	}
	return out;
}

/** Throws a TrainabilityError that says what is wrong and how to fix it. */
export function checkTrainable(m: FeatureMatrix, kind: GoalKind): void {
	const counts = countsPerCutoff(m);
	const train = counts.filter((c) => c.role === 'train');
	const valid = counts.find((c) => c.role === 'validation')!;
	const score = counts.find((c) => c.role === 'score')!;
	const pos = train.reduce((s, c) => s + c.positives, 0);
	const all = train.reduce((s, c) => s + c.eligible, 0);
	const goalWord = kind === 'conversion' ? 'met the goal' : 'churned';
	if (score.eligible === 0)
		throw new TrainabilityError(
			'No profile is eligible at the scoring cutoff, so there is nobody to score. Widen the eligible population.'
		);
	if (all === 0)
		throw new TrainabilityError(
			'No profile is eligible at any training cutoff. Widen the eligible population or load a longer event log.'
		);
	if (pos === 0 || pos === all)
		throw new TrainabilityError(
			`At the training cutoffs ${pos === 0 ? 'no' : 'every'} eligible profile ${goalWord}, so there is nothing to learn. ` +
				(pos === 0
					? 'Check the goal condition: no event in an outcome window matches it.'
					: 'Make the goal stricter.')
		);
	if (pos < MIN_CLASS_ROWS || all - pos < MIN_CLASS_ROWS)
		throw new TrainabilityError(
			`Only ${Math.min(pos, all - pos)} training rows are ${pos < all - pos ? 'positive' : 'negative'} (at least ${MIN_CLASS_ROWS} are needed). ` +
				'Lengthen the outcome window, widen the goal, or load more history.'
		);
	if (valid.positives === 0 || valid.positives === valid.eligible)
		throw new TrainabilityError(
			`At the validation cutoff ${valid.positives === 0 ? 'no' : 'every'} eligible profile ${goalWord}, so the model cannot be checked. ` +
				'Lengthen the outcome window or load more recent data.'
		);
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
