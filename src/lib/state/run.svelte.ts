// The Train, Insights and Profiles steps' state: one training run (features → model → scores),
// its progress and cancel, the results, and the export. A failed or cancelled run keeps the
// previous results.
import {
	buildMatrix,
	buildScoringMatrix,
	missingEventTypes,
	type PartsProgress
} from '../db/matrix';
import { epochsLeftAtMost, stepProgress, type StepProgress } from '../engine/progress';
import type { FeatureMatrix } from '../engine/features/matrix';
import { featureInfo, type FeatureInfo } from '../engine/explain/factors';
import {
	scoresCsvParts,
	scoresJsonParts,
	type ExportPiece,
	type ScoreContext,
	type ScoredProfiles
} from '../engine/export/csv';
import { fingerprint } from '../engine/hash';
import { isoDay } from '../engine/cutoffs';
import { byProbability, globalImportance, scoredProfiles } from '../engine/scored';
import { yieldToPage } from '../engine/slices';
import { bucketsOf } from '../engine/insights/drivers';
import type { FeatureDrift } from '../engine/metrics/drift';
import type { DataSummary, SavedBacktest, SavedModel } from './project-format';
import type { GoalSpec } from '../engine/types';
import { leakageWarnings } from '../engine/leakage';
import {
	checkTrainable,
	countsPerCutoff,
	foldData,
	scoringInput,
	trainingData,
	type FoldData
} from '../ml/prepare';
import { backtestFolds, foldResult, type FoldResult } from '../engine/metrics/backtest';
import { dataSummary, mappingChanges, trainingDataSummary } from './project-file';
import {
	DEFAULT_TRAIN_OPTIONS,
	ROLE_TRAIN,
	ROLE_VALIDATION,
	type AudienceDescribe,
	type AudienceResult,
	type BackendInfo,
	type EpochProgress,
	type ModelState,
	type ScoreInput
} from '../ml/protocol';
import { errorMessage, type DataState } from './data.svelte';
import { writeBlob } from '../engine/export/blob-parts';
import { slug, slugOf, type ResultFile } from './result-files';
import {
	emptyTally,
	type DestinationOptions,
	type ExportTally,
	type Preset
} from '../engine/export/destinations';
import { forcedBackend, getDb, getMl, matrixRowsPerPart, trainingRowBudget } from './engines';

export type Stage = 'features' | 'training' | 'scoring' | 'backtest' | 'rescoring';

export const STAGE_LABEL: Record<Stage, string> = {
	features: 'Building labels and features in DuckDB',
	training: 'Training the model',
	scoring: 'Scoring profiles and explaining scores',
	backtest: 'Backtesting at past cutoffs',
	rescoring: 'Building features and scoring with the saved model'
};

export interface Timings {
	load: number;
	features: number;
	train: number;
	score: number;
	export: number;
}

/**
 * A trained model (what a project file keeps) and its scores of the loaded data. A model read
 * from a project file, or kept when new data is loaded, has no profiles until it scores them.
 */
export interface RunResult extends SavedModel {
	/** Scored profiles; empty until the model has scored the loaded data. */
	profiles: ScoredProfiles;
	/** Row order of `profiles`, highest probability first. */
	order: Int32Array;
	/** Row-major raw feature values of the scored profiles (for the drill-down). */
	scoredX: Float32Array;
	/** What the model was trained, validated and scored on; null for a model from a project file. */
	matrix: FeatureMatrix | null;
	/** The data `profiles` were scored from, or null when there are none. */
	scoredOn: DataSummary | null;
	/** What scoring newer data with a saved model found: same data, changed mapping, drift. */
	rescore: RescoreCheck | null;
}

export interface RescoreCheck {
	/** The loaded events are exactly the ones the model was trained on. */
	sameData: boolean;
	mappingChanges: string[];
	/** Event types the model has features for that the new data lacks. */
	missingTypes: string[];
	/** Population stability of every feature, against the profiles scored at training. */
	drift: FeatureDrift[];
}

export type BacktestResult = SavedBacktest;

export interface BacktestStep {
	fold: number;
	folds: number;
	/** The cutoff being tested (epoch ms). */
	t: number;
}

class Cancelled extends Error {}

/** Why a fold cannot be trained or tested: a set with one class only. */
function foldProblem(d: FoldData, t: number): string | null {
	const day = isoDay(t);
	for (const role of [ROLE_TRAIN, ROLE_VALIDATION]) {
		let rows = 0;
		let positives = 0;
		d.training.role.forEach((r, i) => {
			if (r !== role) return;
			rows++;
			positives += d.training.labels[i]!;
		});
		if (!positives || positives === rows)
			return `${day}: its ${role === ROLE_TRAIN ? 'training' : 'validation'} cutoffs have only one outcome.`;
	}
	const positives = d.labels.reduce((s, y) => s + y, 0);
	if (!positives || positives === d.labels.length)
		return `${day}: every customer there had the same outcome, so ranking cannot be measured.`;
	return null;
}

export type ExportFormat = 'csv' | 'json' | 'parquet';

const EXPORT_TYPE: Record<ExportFormat, string> = {
	csv: 'text/csv',
	json: 'application/json',
	parquet: 'application/vnd.apache.parquet'
};

/** What every exported row shares (the kind, the scoring day, the model). */
function scoreContext(r: RunResult): ScoreContext {
	return { propensityType: r.spec.kind, scoreDate: isoDay(r.scoredAt), modelId: r.modelId };
}

/** `propensity-<goal>-<day>.csv`; a segment's `segment-<name>-…`; a preset's id first. */
function exportFileName(r: RunResult, kind: string, label: string | undefined, ext: string) {
	const segment = label && (slugOf(label) || 'segment');
	const base = `${slug(r)}-${isoDay(r.scoredAt)}.${ext}`;
	if (!segment) return `${kind}-${base}`;
	return `${kind === 'propensity' ? '' : `${kind}-`}segment-${segment}-${base}`;
}

export class RunState {
	stage = $state<Stage | null>(null);
	epoch = $state.raw<EpochProgress | null>(null);
	history = $state.raw<EpochProgress[]>([]);
	backend = $state.raw<BackendInfo | null>(null);
	error = $state<string | null>(null);
	notice = $state<string | null>(null);
	result = $state.raw<RunResult | null>(null);
	timings = $state<Timings>({
		load: 0,
		features: 0,
		train: 0,
		score: 0,
		export: 0
	});
	backtestStep = $state.raw<BacktestStep | null>(null);
	/** At most how long the model being trained has left (ms), from its epochs so far. */
	trainingLeftMs = $state<number | null>(null);
	#variantStartedAt = 0;
	/** The feature matrix's partitions built so far, while features are built. */
	featureParts = $state.raw<StepProgress | null>(null);
	/** Share of the running export written (0–1), or null when none runs. */
	exportProgress = $state<number | null>(null);
	#cancelRequested = false;
	#exportCancelled = false;

	constructor(private data: DataState) {}

	get isRunning(): boolean {
		return this.stage !== null;
	}

	async prepareBackend(): Promise<void> {
		try {
			this.backend = await getMl();
		} catch (e) {
			this.error = errorMessage(e);
		}
	}

	#checkCancel(): void {
		if (this.#cancelRequested) throw new Cancelled();
	}

	/** The bound of `epochsLeftAtMost` in time, at the pace of this model's epochs so far. */
	#trainingLeft(p: EpochProgress): number | null {
		const fit = this.history.filter((h) => h.variant === p.variant);
		if (fit.length === 1) this.#variantStartedAt = performance.now();
		if (fit.length < 2) return null;
		const perEpoch = (performance.now() - this.#variantStartedAt) / (fit.length - 1);
		return perEpoch * epochsLeftAtMost(fit, p.maxEpochs, DEFAULT_TRAIN_OPTIONS.patience);
	}

	/** Shows the matrix's partitions as they finish, and stops between them on a cancel. */
	#partsProgress(): PartsProgress {
		const startedAt = performance.now();
		this.featureParts = null;
		return (done, parts) => {
			this.#checkCancel();
			this.featureParts =
				parts > 1 ? stepProgress(startedAt, performance.now(), done, parts) : null;
		};
	}

	/**
	 * Runs one long piece of work with `stage` shown and Cancel armed. A cancel sets `notice` to
	 * `cancelled`, a failure sets `error`; either way the previous results stay. Returns whether
	 * the work finished.
	 */
	async #guarded(stage: Stage, cancelled: string, work: () => Promise<void>): Promise<boolean> {
		if (this.isRunning) return false;
		this.#cancelRequested = false;
		this.error = null;
		this.notice = null;
		this.stage = stage;
		try {
			await work();
			return true;
		} catch (e) {
			if (e instanceof Cancelled || this.#cancelRequested) this.notice = cancelled;
			else this.error = errorMessage(e);
			return false;
		} finally {
			this.stage = null;
			this.featureParts = null;
			this.trainingLeftMs = null;
		}
	}

	async train(spec: GoalSpec): Promise<boolean> {
		if (this.isRunning || !this.data.isLoaded) return false;
		this.history = [];
		this.epoch = null;
		const timings = { ...this.timings, load: Math.round(this.data.loadMs) };
		const kept = this.result !== null;
		return this.#guarded(
			'features',
			kept
				? 'Training cancelled. The previous model and its scores are kept.'
				: 'Training cancelled.',
			async () => {
				let t = performance.now();
				const db = await getDb();
				const matrix = await buildMatrix(
					db,
					spec,
					{ eventColumns: this.data.eventColumns, profileColumns: this.data.profileColumns },
					{
						onPart: this.#partsProgress(),
						budget: trainingRowBudget(),
						rowsPerPart: matrixRowsPerPart()
					}
				);
				timings.features = Math.round(performance.now() - t);
				this.#checkCancel();
				checkTrainable(matrix, spec.kind);
				const trainedOn = await trainingDataSummary(this.data);
				const counts = countsPerCutoff(matrix);
				const leakage = leakageWarnings(matrix);
				const scoring = await scoringInput(matrix, yieldToPage);
				const features = matrix.features.map(featureInfo);

				this.stage = 'training';
				this.backend = await getMl();
				const ml = await import('../ml/ml-client');
				t = performance.now();
				const { model, report } = await ml.trainModel(
					await trainingData(matrix, spec.kind, yieldToPage),
					DEFAULT_TRAIN_OPTIONS,
					(p) => {
						this.epoch = p;
						this.history = [...this.history, p];
						this.trainingLeftMs = this.#trainingLeft(p);
					}
				);
				timings.train = Math.round(performance.now() - t);
				this.#checkCancel();

				this.stage = 'scoring';
				t = performance.now();
				const { shapes, reference, ...scores } = await this.#score(
					model,
					features,
					scoring.input,
					scoring.customerIds,
					{ trained: true }
				);
				const rows = scoring.customerIds.length;
				const importance = globalImportance(features, scores.contributions, rows);
				timings.score = Math.round(performance.now() - t);
				this.result = {
					...scores,
					spec: $state.snapshot(spec) as GoalSpec,
					plan: matrix.plan,
					report,
					model,
					modelId: fingerprint(JSON.stringify(model)),
					features,
					cutoffs: matrix.cutoffs,
					counts,
					leakage,
					importance,
					shapes: shapes!,
					reference: reference!,
					trainedOn,
					scoredOn: trainedOn,
					scoredAt: matrix.cutoffs.at(-1)!.t,
					matrix,
					samples: { train: matrix.sample, validation: matrix.validationSample },
					backtest: null,
					rescore: null
				};
				this.timings = timings;
			}
		);
	}

	/**
	 * Scores rows with their top factors, ranks them, and summarises the audience (in the worker).
	 * `input.x` is transferred to the worker and back, as `scoredX` (no copy of the rows is made).
	 */
	async #score(
		model: ModelState,
		features: FeatureInfo[],
		input: ScoreInput,
		customerIds: string[],
		describe: AudienceDescribe
	): Promise<
		Pick<RunResult, 'profiles' | 'order' | 'scoredX' | 'insights'> &
			Pick<AudienceResult, 'shapes' | 'reference' | 'drift'> & { contributions: Float32Array }
	> {
		const ml = await import('../ml/ml-client');
		const {
			x: scoredX,
			scored,
			columns,
			insights,
			...described
		} = await ml.scoreAudience(model, input, features, describe);
		const profiles = await scoredProfiles(
			customerIds,
			features,
			scoredX,
			scored.probability,
			scored.contributions,
			{ columns: { ...columns, bucket: bucketsOf(columns.bucketCode) }, pause: yieldToPage }
		);
		const order = byProbability(profiles);
		await yieldToPage();
		return {
			profiles,
			order,
			scoredX,
			insights,
			contributions: scored.contributions,
			...described
		};
	}

	/**
	 * Scores the loaded data with the current model, without retraining: the features it was
	 * trained on, built at the end of this data. Checks first that the data has what the model
	 * needs (a failure changes nothing), and reports drift against the training data.
	 */
	async rescore(): Promise<boolean> {
		const r = this.result;
		if (!r || !this.data.isLoaded) return false;
		return this.#guarded(
			'rescoring',
			'Scoring cancelled. The model and any earlier scores are kept.',
			async () => {
				const t = performance.now();
				const db = await getDb();
				const ctx = {
					eventColumns: this.data.eventColumns,
					profileColumns: this.data.profileColumns
				};
				const matrix = await buildScoringMatrix(db, r.spec, r.plan, ctx, this.#partsProgress());
				this.#checkCancel();
				if (!matrix.rows)
					throw new Error(
						'No customer in this data is eligible at its end (the goal’s eligibility rule and the lookback select none), so there is nothing to score.'
					);
				const scoredOn = await dataSummary(this.data);
				const missingTypes = await missingEventTypes(db, r.plan.eventTypes);
				const { input, customerIds } = await scoringInput(matrix, yieldToPage);
				this.backend = await getMl();
				const { drift, ...scores } = await this.#score(r.model, r.features, input, customerIds, {
					reference: r.reference
				});
				this.#checkCancel();
				this.result = {
					...r,
					...scores,
					matrix: null,
					scoredOn,
					scoredAt: matrix.cutoffs[0]!.t,
					rescore: {
						sameData: scoredOn.fingerprint === r.trainedOn.fingerprint,
						mappingChanges: mappingChanges(r.trainedOn, scoredOn),
						missingTypes,
						drift: drift!
					}
				};
				this.timings = { ...this.timings, score: Math.round(performance.now() - t) };
			}
		);
	}

	/**
	 * The walk-forward backtest: per past cutoff, the chosen model family trained only on older
	 * cutoffs, then tested there. Keeps the current model; a cancel keeps the previous backtest.
	 */
	async backtest(): Promise<boolean> {
		const r = this.result;
		const matrix = r?.matrix;
		if (!r || !matrix) return false;
		const started = performance.now();
		const folds = backtestFolds(r.cutoffs);
		const results: FoldResult[] = [];
		const skipped: string[] = [];
		return this.#guarded('backtest', 'Backtest cancelled.', async () => {
			try {
				const ml = await import('../ml/ml-client');
				for (const [k, fold] of folds.entries()) {
					this.#checkCancel();
					const t = r.cutoffs[fold.test]!.t;
					this.backtestStep = { fold: k + 1, folds: folds.length, t };
					const d = await foldData(matrix, r.spec.kind, fold, yieldToPage);
					const problem = foldProblem(d, t);
					if (problem) {
						skipped.push(problem);
						continue;
					}
					const { labels, recency, test } = d;
					const { model } = await ml.trainModel(
						d.training,
						{ ...DEFAULT_TRAIN_OPTIONS, variants: [r.model.variant] },
						() => {}
					);
					this.#checkCancel();
					const scored = await ml.scoreRows(model, test);
					results.push(foldResult(t, labels, scored.probability, recency));
				}
				const backtest = { folds: results, skipped, ms: Math.round(performance.now() - started) };
				this.result = { ...r, backtest };
			} finally {
				this.backtestStep = null;
			}
		});
	}

	async cancel(): Promise<void> {
		if (!this.isRunning) return;
		this.#cancelRequested = true;
		if (this.stage === 'training' || this.stage === 'backtest') {
			const ml = await import('../ml/ml-client');
			await ml.cancelTraining();
		} else await (await getDb()).cancel();
	}

	/**
	 * The scored profiles (all in rank order, or `rows` in that order) as a file in the documented
	 * output schema, built in parts so no single string or buffer holds the whole export and no
	 * row exists twice in JS memory; progress in `exportProgress`, stopped by `cancelExport`.
	 * `label` (a segment's name) goes into the file name.
	 */
	async exportScores(
		format: ExportFormat,
		rows?: ArrayLike<number>,
		label?: string
	): Promise<ResultFile | null> {
		const r = this.result;
		if (!r || this.exportProgress !== null) return null;
		const order = rows ?? r.order;
		const ctx = scoreContext(r);
		const parquet = format === 'parquet' ? await import('../engine/export/parquet') : null;
		// Parquet's row groups are encoded in a worker of their own.
		const encoder =
			parquet && (await import('../writers/parquet-client')).workerParquetEncoder(r.profiles, ctx);
		const [pieces, rowsPerPiece] = parquet
			? [parquet.scoresParquetParts(r.profiles, order, ctx, encoder!), parquet.PARQUET_SLICE_ROWS]
			: [(format === 'csv' ? scoresCsvParts : scoresJsonParts)(r.profiles, order, ctx), 1];
		let blob: Blob | null;
		try {
			blob = await this.#writeParts(
				pieces,
				rowsPerPiece / Math.max(1, order.length),
				EXPORT_TYPE[format]
			);
		} finally {
			encoder?.close();
		}
		return blob && { blob, fileName: exportFileName(r, 'propensity', label, format) };
	}

	/**
	 * The profiles (`rows`, or all) as `preset` expects them (engine/export/destinations), each
	 * identified by `identity(i)`; with what was written and left out (`tally`).
	 */
	async exportDestination(
		preset: Preset,
		options: DestinationOptions,
		identity: (i: number) => string | null,
		rows?: ArrayLike<number>,
		label?: string
	): Promise<(ResultFile & { tally: ExportTally }) | null> {
		const r = this.result;
		if (!r || this.exportProgress !== null) return null;
		const order = rows ?? r.order;
		const tally = emptyTally();
		const parts = preset.parts({
			profiles: r.profiles,
			rows: order,
			ctx: scoreContext(r),
			identity,
			options,
			tally
		});
		const blob = await this.#writeParts(parts, 1 / Math.max(1, order.length), preset.type);
		return blob && { blob, tally, fileName: exportFileName(r, preset.id, label, preset.extension) };
	}

	/** Writes an export's pieces into one Blob, with progress; null when cancelled. */
	async #writeParts(
		pieces: Iterable<ExportPiece> | AsyncIterable<ExportPiece>,
		sharePerPiece: number,
		type: string
	): Promise<Blob | null> {
		const t = performance.now();
		this.exportProgress = 0;
		this.#exportCancelled = false;
		this.notice = null;
		try {
			const blob = await writeBlob(pieces, {
				type,
				sharePerPiece,
				progress: (share) => (this.exportProgress = share),
				pause: async () => {
					await yieldToPage();
					return this.#exportCancelled;
				}
			});
			if (!blob) this.notice = 'Export cancelled; no file was saved.';
			else this.timings = { ...this.timings, export: Math.round(performance.now() - t) };
			return blob;
		} finally {
			this.exportProgress = null;
		}
	}

	/** Stops the running export between parts; nothing is saved. */
	cancelExport(): void {
		this.#exportCancelled = true;
	}

	get forcedBackend(): string | undefined {
		return forcedBackend();
	}
}
