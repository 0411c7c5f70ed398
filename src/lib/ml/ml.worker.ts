// The ML worker: TF.js training and scoring behind comlink. One model trains at a time; a
// cancel is seen between epochs and leaves the previous model untouched (it lives in the caller).
import { expose, transfer } from 'comlink';
import { chooseBackend } from './backend';
import { featureShapes, scoreAdditive, trainModels } from './additive';
import type {
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

function init(forced?: BackendName): Promise<BackendInfo> {
	backend ??= chooseBackend(forced);
	return backend;
}

async function train(
	data: TrainingData,
	opts: TrainOptions,
	onEpoch: (p: EpochProgress) => void
): Promise<TrainResult> {
	const info = await init();
	cancelled = false;
	return trainModels(data, opts, info.name, {
		onEpoch,
		isCancelled: () => cancelled,
		yieldNow: () => new Promise((resolve) => setTimeout(resolve, 0))
	});
}

function score(model: ModelState, input: ScoreInput): ScoreResult {
	const result = scoreAdditive(model, input);
	return transfer(result, [result.probability.buffer, result.contributions.buffer]);
}

function cancel(): void {
	cancelled = true;
}

const api = { init, train, score, shapes: featureShapes, cancel };
export type MlApi = typeof api;
expose(api);
