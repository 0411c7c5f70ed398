// The main thread's handle on the ML worker. Type-only import of the worker, so its code (and
// TF.js) never lands in the main bundle; the worker starts on first use.
import { proxy, transfer, wrap, type Remote } from 'comlink';
import type { MlApi } from './ml.worker';
import type { FeatureInfo } from '../engine/explain/factors';
import type {
	AudienceDescribe,
	AudienceResult,
	BackendInfo,
	BackendName,
	EpochProgress,
	ModelState,
	ScoreInput,
	ScoreResult,
	TrainOptions,
	TrainResult,
	TrainingData
} from './protocol';

let remote: Remote<MlApi> | null = null;

function api(): Remote<MlApi> {
	remote ??= wrap<MlApi>(
		new Worker(new URL('./ml.worker.ts', import.meta.url), { type: 'module' })
	);
	return remote;
}

/** Starts the backend; `threads` is the most the WASM backend may use (1 turns threads off). */
export function initMl(forced?: BackendName, threads = 1): Promise<BackendInfo> {
	return api().init(forced, threads);
}

/** Trains; `data`'s arrays are transferred (unusable here afterwards). */
export function trainModel(
	data: TrainingData,
	opts: TrainOptions,
	onEpoch: (p: EpochProgress) => void
): Promise<TrainResult> {
	return api().train(
		transfer(data, [data.x.buffer, data.labels.buffer, data.role.buffer]),
		opts,
		proxy(onEpoch)
	);
}

export function scoreRows(model: ModelState, input: ScoreInput): Promise<ScoreResult> {
	return api().score(model, transfer(input, [input.x.buffer]));
}

/** Scores and summarises the audience in the worker; `input.x` is transferred. */
export function scoreAudience(
	model: ModelState,
	input: ScoreInput,
	features: FeatureInfo[],
	describe?: AudienceDescribe
): Promise<AudienceResult> {
	return api().scoreAudience(model, transfer(input, [input.x.buffer]), features, describe);
}

export function cancelTraining(): Promise<void> {
	return api().cancel();
}
