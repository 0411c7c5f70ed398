// The app's training path without the worker: matrix → split → train (TF.js CPU) → score.
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { buildMatrix, type DataContext } from '../../src/lib/db/matrix';
import type { Db } from '../../src/lib/db/types';
import { featureInfo } from '../../src/lib/engine/explain/factors';
import { scoredProfiles } from '../../src/lib/engine/scored';
import type { GoalSpec } from '../../src/lib/engine/types';
import { scoreAdditive, trainModels } from '../../src/lib/ml/additive';
import { checkTrainable, scoringInput, trainingData } from '../../src/lib/ml/prepare';
import { DEFAULT_TRAIN_OPTIONS, type TrainOptions } from '../../src/lib/ml/protocol';

export async function runPipeline(
	db: Db,
	spec: GoalSpec,
	ctx: DataContext,
	opts: Partial<TrainOptions> = {}
) {
	await tf.setBackend('cpu');
	const matrix = await buildMatrix(db, spec, ctx);
	checkTrainable(matrix, spec.kind);
	const { model, report } = await trainModels(
		await trainingData(matrix, spec.kind),
		{ ...DEFAULT_TRAIN_OPTIONS, ...opts },
		'cpu'
	);
	const { input, customerIds } = await scoringInput(matrix);
	const xScore = input.x.slice();
	const scored = scoreAdditive(model, input);
	const profiles = await scoredProfiles(
		customerIds,
		matrix.features.map(featureInfo),
		xScore,
		scored.probability,
		scored.contributions
	);
	return { matrix, model, report, scored, profiles, xScore };
}
