// How the parts of a project file relate, checked once each part has its shape
// (project-schema.ts): the model has one weight per basis column, laid out feature by feature;
// every per-feature list has one entry per feature; the feature plan rebuilds exactly these
// features (same keys, kinds and transforms); every key the insights name is a feature's; the
// cutoffs run train…, validation, score. A file that passes can be drawn and can score.
import { featureInfo, type FeatureInfo } from '../engine/explain/factors';
import { planFeatures, type FeaturePlanInput } from '../engine/features/spec';
import type { ModelState } from '../ml/protocol';
import type { CheckedParts } from './project-schema';

const isAscending = (xs: number[]) => xs.every((x, i) => i === 0 || x >= xs[i - 1]!);

/** The basis columns feature j owns: its value, one hinge per knot, a missing indicator. */
function basisProblem(model: ModelState, features: number): string | null {
	const b = model.basis;
	const s = b.standardiser;
	const perFeature = [s.transforms, s.means, s.stds, b.knots, b.missing];
	if (perFeature.some((xs) => xs.length !== features))
		return `its model describes ${s.means.length} features, but the file lists ${features}`;
	const owner: number[] = [];
	const kinds: string[] = [];
	for (let j = 0; j < features; j++) {
		if (!isAscending(b.knots[j]!)) return `the knots of feature ${j + 1} are not in order`;
		owner.push(j);
		kinds.push('linear');
		for (let k = 0; k < b.knots[j]!.length; k++) {
			owner.push(j);
			kinds.push('hinge');
		}
		if (b.missing[j]) {
			owner.push(j);
			kinds.push('missing');
		}
	}
	const columns = [b.means.length, b.owner.length, b.kinds.length, model.weights.length];
	if (columns.some((n) => n !== owner.length))
		return `its model weights are incomplete (${model.weights.length} weights for ${owner.length} columns)`;
	if (owner.some((j, c) => b.owner[c] !== j || b.kinds[c] !== kinds[c]))
		return 'its model columns are not laid out feature by feature';
	return null;
}

/** The plan rebuilds these features, in this order (re-scoring builds them from the plan). */
function planProblem(
	plan: FeaturePlanInput,
	features: Pick<FeatureInfo, 'key' | 'kind' | 'transform'>[]
): string | null {
	let planned: FeatureInfo[];
	try {
		planned = planFeatures(plan).map(featureInfo);
	} catch {
		return 'its feature plan cannot be read';
	}
	if (planned.length !== features.length)
		return `its feature plan makes ${planned.length} features, but the file lists ${features.length}`;
	const j = planned.findIndex(
		(p, j) =>
			p.key !== features[j]!.key ||
			p.kind !== features[j]!.kind ||
			p.transform !== features[j]!.transform
	);
	return j < 0
		? null
		: `feature ${j + 1} (“${features[j]!.key}”) is not the one its feature plan makes (“${planned[j]!.key}”, ${planned[j]!.kind})`;
}

function keysProblem(p: CheckedParts, keys: Set<string>): string | null {
	const { insights } = p;
	const named: [string, (string | null)[]][] = [
		['importance', p.importance.map((x) => x.key)],
		['leakage', p.leakage.map((x) => x.key)],
		['insights.drivers', Object.values(insights.drivers).flatMap((d) => d.map((x) => x.key))],
		[
			'insights.distributions',
			Object.entries(insights.distributions).flatMap(([k, d]) => [k, d.key])
		],
		['insights.segments', insights.segments.map((s) => s.key)],
		['segments', p.segments.map((s) => s.filter.topFactor)]
	];
	for (const [where, list] of named) {
		const bad = list.find((k) => k !== null && !keys.has(k));
		if (bad !== undefined)
			return `${where} names the feature “${bad}”, which the model does not have`;
	}
	return null;
}

/** Every factor group a segment names is one the plan makes (run after `planProblem`). */
function groupsProblem(p: CheckedParts, plan: FeaturePlanInput): string | null {
	const groups = new Set(planFeatures(plan).map((f) => f.group.key));
	const named: [string, (string | null)[]][] = [
		['segments', p.segments.map((s) => s.filter.topGroup)],
		[
			'insights.groups.drivers',
			Object.values(p.insights.groups?.drivers ?? {}).flatMap((d) => d.map((x) => x.key))
		],
		['insights.groups.segments', (p.insights.groups?.segments ?? []).map((s) => s.key)],
		['insights.groups.importance', (p.insights.groups?.importance ?? []).map((s) => s.key)]
	];
	for (const [where, list] of named) {
		const bad = list.find((k) => k !== null && !groups.has(k));
		if (bad !== undefined)
			return `${where} names the factor group “${bad}”, which the model does not have`;
	}
	return null;
}

function cutoffsProblem(p: CheckedParts): string | null {
	const { cutoffs } = p;
	const roles = cutoffs.map((c) => c.role).join(' ');
	if (!/^(train )*validation score$/.test(roles))
		return `its cutoffs (${roles}) are not training cutoffs, then a validation and a scoring cutoff`;
	if (!cutoffs.every((c, i) => i === 0 || c.t > cutoffs[i - 1]!.t))
		return 'its cutoffs are not in time order';
	if (p.trainedOn.start > p.trainedOn.end) return 'its data summary ends before it starts';
	return null;
}

/** The first way the parts do not fit together, in words; null when they all do. */
export function projectPartsProblem(
	p: CheckedParts & { plan: FeaturePlanInput },
	model: ModelState
): string | null {
	const { features } = p;
	if (!features.length) return 'it has no features';
	const keys = new Set(features.map((f) => f.key));
	if (keys.size !== features.length) return 'two of its features have the same key';
	const j = features.findIndex((f, j) => f.transform !== model.basis.standardiser.transforms[j]);
	const perFeature: [string, unknown[]][] = [
		['reference', p.reference],
		['shapes', p.shapes]
	];
	const uneven = perFeature.find(([, xs]) => xs.length !== features.length);
	return (
		basisProblem(model, features.length) ??
		(j >= 0 && j < features.length
			? `feature ${j + 1} is transformed differently by its model`
			: null) ??
		(uneven ? `its ${uneven[0]} list does not have one entry per feature` : null) ??
		(p.shapes.some((s) => s.x.length !== s.contribution.length)
			? 'a feature shape has more values than contributions'
			: null) ??
		(p.reference.some(
			(r) => !isAscending(r.edges) || r.shares.length !== Math.max(1, r.edges.length - 1) + 1
		)
			? 'a drift reference does not have one share per value range'
			: null) ??
		planProblem(p.plan, features) ??
		keysProblem(p, keys) ??
		groupsProblem(p, p.plan) ??
		cutoffsProblem(p)
	);
}
