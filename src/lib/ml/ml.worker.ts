// The ML worker: TF.js training and scoring behind comlink. One model trains at a time; a
// cancel is seen between epochs and leaves the previous model untouched (it lives in the caller).
import { expose, transfer } from 'comlink';
import { chooseBackend } from './backend';
import { featureShapes, scoreAdditive, trainModels } from './additive';
import type { FeatureInfo } from '../engine/explain/factors';
import { audienceInsights } from '../engine/insights/summary';
import { scoreColumns } from '../engine/scores';
import { shapeGrid } from '../engine/explain/shape';
import { bucketCodes, eachColumn } from '../engine/insights/drivers';
import { driftReport, featureReference, type FeatureReference } from '../engine/metrics/drift';
import type {
	AudienceDescribe,
	AudienceResult,
	BackendInfo,
	BackendName,
	EpochProgress,
	ScoreInput,
	ScoreResult,
	TrainOptions,
	TrainResult,
	TrainingData,
	ModelState
} from './protocol';

let backend: Promise<BackendInfo> | null = null;
let cancelled = false;

/** Starts the backend once; `threads` is how many the page allows WASM (1: no threads). */
function init(forced?: BackendName, threads = 1): Promise<BackendInfo> {
	backend ??= chooseBackend(forced, threads);
	return backend;
}

async function train(
	data: TrainingData,
	opts: TrainOptions,
	onEpoch: (p: EpochProgress) => void
): Promise<TrainResult> {
	const info = await init();
	cancelled = false;
	const result = await trainModels(data, opts, info.name, {
		onEpoch,
		isCancelled: () => cancelled,
		yieldNow: () => new Promise((resolve) => setTimeout(resolve, 0))
	});
	return { ...result, report: { ...result.report, threads: info.threads } };
}

function score(model: ModelState, input: ScoreInput): ScoreResult {
	const result = scoreAdditive(model, input);
	return transfer(result, [result.probability.buffer, result.contributions.buffer]);
}

/**
 * Scores the rows and summarises the audience for the Insights charts here, beside the rows,
 * so a million profiles never block the page; `describe` adds what the rows show of the model
 * (shapes and the drift reference after training, drift when rescoring: see AudienceDescribe).
 */
function scoreAudience(
	model: ModelState,
	input: ScoreInput,
	features: FeatureInfo[],
	describe?: AudienceDescribe
): AudienceResult {
	const scored = scoreAdditive(model, input);
	const columns = scoreColumns(scored.probability);
	const insights = audienceInsights(features, input.x, scored.contributions, {
		probability: scored.probability,
		bucket: columns.bucket
	});
	const { x, rows, cols } = input;
	const described: Pick<AudienceResult, 'shapes' | 'reference' | 'drift'> = {};
	if (describe && 'trained' in describe) {
		// One pass over the columns for both: each gather reads the whole matrix.
		const grids: number[][] = [];
		const reference: FeatureReference[] = [];
		eachColumn(x, cols, rows, (j, values) => {
			grids[j] = shapeGrid(values);
			reference[j] = featureReference(values);
		});
		described.shapes = featureShapes(model, grids);
		described.reference = reference;
	} else if (describe) described.drift = driftReport(features, describe.reference, x, rows);
	const { bucket, ...numbers } = columns;
	const coded = { ...numbers, bucketCode: bucketCodes(bucket) };
	return transfer({ x, scored, columns: coded, insights, ...described }, [
		x.buffer,
		scored.probability.buffer,
		scored.contributions.buffer,
		columns.score.buffer,
		columns.percentile.buffer,
		coded.bucketCode.buffer
	]);
}

function cancel(): void {
	cancelled = true;
}

const api = { init, train, score, scoreAudience, cancel };
export type MlApi = typeof api;
expose(api);
