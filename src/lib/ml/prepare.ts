// Splits a feature matrix into what the ML worker trains on (training and validation rows) and
// what it scores (rows at the scoring cutoff), and refuses clearly when a model cannot be trained.
import { activityDirection, grouping } from '../engine/features/groups';
import type { FeatureMatrix } from '../engine/features/matrix';
import { trainabilityProblem, type CutoffCounts } from '../engine/trainability';
import type { GoalKind } from '../engine/types';
import type { Fold } from '../engine/metrics/backtest';
import { recencyRuleScores } from '../engine/metrics/baseline';
import { pacer, type Pause } from '../engine/slices';
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

/**
 * The given rows of `m.x`, in their order. A cutoff's rows are consecutive within each matrix
 * part, so runs are copied as blocks (a copy per row held the page's thread 400 ms at 880,000
 * rows), with `pause` awaited between blocks once 40 ms of copying have passed.
 */
async function copyRows(m: FeatureMatrix, rows: number[], pause?: Pause): Promise<Float32Array> {
	const cols = m.cols;
	const x = new Float32Array(rows.length * cols);
	const pace = pause ? pacer(pause) : null;
	for (let k = 0; k < rows.length;) {
		let end = k + 1;
		while (end < rows.length && rows[end] === rows[end - 1]! + 1) end++;
		x.set(m.x.subarray(rows[k]! * cols, (rows[end - 1]! + 1) * cols), k * cols);
		k = end;
		await pace?.();
	}
	return x;
}

/** `value(r)` for each of the rows, in a typed array (a loop: `from` with a map is slow). */
function pick<T extends Int8Array | Uint8Array>(
	Out: new (n: number) => T,
	rows: number[],
	value: (r: number) => number
): T {
	const out = new Out(rows.length);
	for (let k = 0; k < rows.length; k++) out[k] = value(rows[k]!);
	return out;
}

/** Column of "days since last event" (the recency rule's input). */
export function recencyColumn(m: FeatureMatrix): number {
	return m.features.findIndex((f) => f.key === 'days_since_last');
}

/** Rows of the cutoffs that `roleOf` gives a role, with that role. */
async function learningData(
	m: FeatureMatrix,
	kind: GoalKind,
	roleOf: (cutoff: number) => number | null,
	pause?: Pause
): Promise<TrainingData> {
	const rows: number[] = [];
	for (let i = 0; i < m.rows; i++) if (roleOf(m.cutoffIndex[i]!) !== null) rows.push(i);
	return {
		x: await copyRows(m, rows, pause),
		rows: rows.length,
		cols: m.cols,
		labels: pick(Int8Array, rows, (r) => m.labels[r]!),
		role: pick(Uint8Array, rows, (r) => roleOf(m.cutoffIndex[r]!)!),
		transforms: m.features.map((f) => f.transform),
		recencyColumn: recencyColumn(m),
		kind,
		agreement: agreementOf(m)
	};
}

/** Each feature's group index and activity direction (see TrainingData.agreement). */
function agreementOf(m: FeatureMatrix): TrainingData['agreement'] {
	const { of } = grouping(m.features);
	return {
		group: of,
		direction: Int8Array.from(m.features, (f) => activityDirection(f.kind))
	};
}

/** The training and validation cutoffs' rows; `pause` lets the page in while they are copied. */
export function trainingData(
	m: FeatureMatrix,
	kind: GoalKind,
	pause?: Pause
): Promise<TrainingData> {
	return learningData(
		m,
		kind,
		(k) => {
			const role = m.cutoffs[k]!.role;
			return role === 'train' ? ROLE_TRAIN : role === 'validation' ? ROLE_VALIDATION : null;
		},
		pause
	);
}

export interface FoldData {
	/** Rows of the fold's training and validation cutoffs (nothing at or after the tested one). */
	training: TrainingData;
	/** Rows of the tested cutoff, their labels and the recency rule's scores. */
	test: ScoreInput;
	labels: Uint8Array;
	recency: Float32Array;
}

/** The rows of one walk-forward backtest fold. */
export async function foldData(
	m: FeatureMatrix,
	kind: GoalKind,
	fold: Fold,
	pause?: Pause
): Promise<FoldData> {
	const training = await learningData(
		m,
		kind,
		(k) =>
			k === fold.validation ? ROLE_VALIDATION : fold.training.includes(k) ? ROLE_TRAIN : null,
		pause
	);
	const rows: number[] = [];
	for (let i = 0; i < m.rows; i++) if (m.cutoffIndex[i] === fold.test) rows.push(i);
	const x = await copyRows(m, rows, pause);
	return {
		training,
		test: { x, rows: rows.length, cols: m.cols },
		labels: pick(Uint8Array, rows, (r) => m.labels[r]!),
		recency: recencyRuleScores(
			x,
			m.cols,
			recencyColumn(m),
			Int32Array.from(rows, (_, k) => k),
			kind
		)
	};
}

/** The scoring cutoff's rows and their customers; `pause` as for `trainingData`. */
export async function scoringInput(
	m: FeatureMatrix,
	pause?: Pause
): Promise<{ input: ScoreInput; customerIds: string[] }> {
	const rows = rowsWhere(m, (r) => r === 'score');
	return {
		input: { x: await copyRows(m, rows, pause), rows: rows.length, cols: m.cols },
		customerIds: rows.map((r) => m.customerIds[r]!)
	};
}
