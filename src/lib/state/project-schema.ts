// The shape of a project file, checked whole (valibot, which needs no eval: our CSP allows none)
// before anything open changes: every number finite and in its range (probabilities, shares and
// AUCs in [0, 1], times from 1900 to 2200, log-odds bounded), every text and list bounded, kinds
// from their closed vocabularies. A statistic that is NaN when undefined (an empty bucket's
// lowest probability) is saved as JSON null and read back as NaN. How parts relate (one weight
// per basis column, one shape per feature) is checked in project-check.ts.
import * as v from 'valibot';
import { MAX_DEPTH } from '../engine/ingest/flatten';
import type { FeatureKind, Transform } from '../engine/features/spec';
import {
	count,
	days,
	got,
	list,
	logit,
	name,
	obj,
	oneOf,
	orNaN,
	perBucket,
	positive,
	range,
	real,
	text,
	time,
	unit
} from './schema-atoms';

const FEATURE_KINDS = [
	'count',
	'daysSince',
	'tenure',
	'activeDays',
	'valueSum',
	'valueMean',
	'distinctTypes',
	'trend',
	'gap',
	'overdue',
	'share',
	'attribute',
	'attributeDays',
	'category'
] as const satisfies readonly FeatureKind[];
// Every FeatureKind is listed: this fails to compile when spec.ts gains one.
const ALL_KINDS: Exclude<FeatureKind, (typeof FEATURE_KINDS)[number]> extends never ? true : never =
	true;
void ALL_KINDS;

export const TRANSFORMS = ['log1p', 'signedLog1p', 'none'] as const satisfies readonly Transform[];
const BUCKETS = ['high', 'medium', 'low'] as const;
const VARIANTS = ['linear', 'spline'] as const;
const ROLES = ['train', 'validation', 'score'] as const;

// Loose: a mapping option this page does not know is kept, as the model's goal reuses the
// mapping (and the goal validator checks it then).
const mapping = v.looseObject(
	{
		customerId: text(1000),
		timestamp: text(1000),
		timestampFormat: v.nullish(text(100)),
		event: v.nullable(text(1000)),
		eventName: v.nullish(text(1000)),
		value: v.nullish(text(1000)),
		valueTimes: v.nullish(text(1000))
	},
	got('an object')
);

const MAX_FEATURES = 10_000;
const MAX_COLUMNS = 200_000;
const MAX_SOURCE_COLUMNS = 10_000;

export const MODEL_SCHEMA = obj({
	family: v.literal('additive', got('"additive"')),
	variant: oneOf(VARIANTS),
	basis: obj({
		standardiser: obj({
			transforms: list(oneOf(TRANSFORMS), MAX_FEATURES),
			means: list(real, MAX_FEATURES),
			stds: list(range(1e-12, 1e15, 'a standard deviation > 0'), MAX_FEATURES)
		}),
		knots: list(list(real, 100), MAX_FEATURES),
		missing: list(v.boolean(got('true or false')), MAX_FEATURES),
		means: list(real, MAX_COLUMNS),
		owner: list(count, MAX_COLUMNS),
		kinds: list(oneOf(['linear', 'hinge', 'missing'] as const), MAX_COLUMNS)
	}),
	weights: list(logit, MAX_COLUMNS),
	bias: logit,
	platt: obj({ a: logit, b: logit })
});

const feature = obj({
	key: name,
	name,
	unit: oneOf(['events', 'days', 'value', 'types', 'flag', 'number'] as const),
	kind: oneOf(FEATURE_KINDS),
	noun: obj({ one: name, many: name }),
	windowDays: v.optional(days),
	capDays: v.optional(days),
	attribute: v.optional(name),
	category: v.optional(name),
	transform: oneOf(TRANSFORMS),
	// Saved since factor groups; read back from the feature plan, which decides it.
	group: v.optional(obj({ key: name, name }))
});

const column = obj({ name, type: text(200), ref: v.optional(name) });
const nestedColumn = obj({
	name,
	steps: list(obj({ field: name, list: v.boolean(got('true or false')) }), MAX_DEPTH)
});

const plan = obj({
	lookbackDays: v.pipe(range(7, 3650), v.integer(got('a whole number'))),
	eventTypes: list(name, 1000),
	// Conditions: checked by the goal validator (project-check.ts).
	customEvents: v.array(v.unknown(), got('a list')),
	hasValue: v.boolean(got('true or false')),
	hasTime: v.optional(v.boolean(got('true or false'))),
	attributes: list(
		obj({
			column,
			categories: list(name, 1000)
		}),
		1000
	),
	names: v.optional(
		list(obj({ kind: oneOf(['event', 'attribute'] as const), key: name, name }), 1000)
	)
});

/** The model's and the recency rule's curves. */
function modelAndRule<T extends v.GenericSchema>(item: T) {
	return obj({ model: item, rule: item });
}

/** Saved from Infinity (the ROC curve's first threshold) as JSON null. */
const threshold = v.pipe(
	v.nullable(real),
	v.transform((x) => x ?? Infinity)
);

const curves = obj({
	roc: modelAndRule(list(obj({ fpr: unit, tpr: unit, threshold }), 2000)),
	lift: modelAndRule(
		list(
			obj({
				decile: v.pipe(range(1, 100), v.integer(got('a whole number'))),
				rows: count,
				positives: count,
				rate: orNaN(unit),
				lift: orNaN(positive),
				cumulativeGain: orNaN(unit),
				cumulativeShare: orNaN(unit)
			}),
			100
		)
	),
	calibration: list(
		obj({ lo: unit, hi: unit, rows: count, meanPredicted: unit, observed: unit }),
		100
	)
});

const report = obj({
	backend: oneOf(['webgpu', 'webgl', 'wasm', 'cpu'] as const),
	threads: v.optional(v.pipe(count, v.minValue(1, got('at least 1 thread')))),
	variant: oneOf(VARIANTS),
	auc: unit,
	aucInterval: v.nullable(v.tuple([orNaN(unit), orNaN(unit)], got('[low, high]'))),
	logloss: orNaN(positive),
	brier: orNaN(unit),
	ece: orNaN(unit),
	baselineAuc: orNaN(unit),
	trainRows: count,
	trainPositives: count,
	validationRows: count,
	validationPositives: count,
	epochs: count,
	bestEpoch: count,
	trainMs: positive,
	classWeights: obj({ positive, negative: positive }),
	curves,
	comparison: list(
		obj({
			variant: oneOf(VARIANTS),
			auc: orNaN(unit),
			logloss: orNaN(positive),
			epochs: count,
			trainMs: positive
		}),
		10
	),
	history: list(
		obj({
			variant: oneOf(VARIANTS),
			epoch: count,
			maxEpochs: count,
			loss: orNaN(positive),
			valLoss: orNaN(positive),
			valAuc: orNaN(unit)
		}),
		100_000
	)
});

const driver = obj({ key: name, name, meanAbs: logit, mean: logit });
const reasonSegment = obj({
	key: v.nullable(name),
	name,
	profiles: count,
	expected: positive,
	meanProbability: orNaN(unit),
	medianContribution: orNaN(logit),
	typical: text(2000)
});

const insights = obj({
	buckets: list(
		obj({
			bucket: oneOf(BUCKETS),
			profiles: count,
			expected: positive,
			minProbability: orNaN(unit),
			maxProbability: orNaN(unit)
		}),
		3
	),
	histogram: list(obj({ x0: unit, x1: unit, counts: perBucket(count), total: count }), 1000),
	drivers: perBucket(list(driver, 1000)),
	distributions: v.pipe(
		v.record(
			name,
			obj({
				key: name,
				name,
				kind: oneOf(['numeric', 'flag', 'category'] as const),
				groups: list(obj({ label: name, share: perBucket(orNaN(unit)) }), 1000),
				median: v.nullable(perBucket(orNaN(real)))
			}),
			got('an object')
		),
		v.maxEntries(MAX_FEATURES, got(`at most ${MAX_FEATURES} entries`))
	),
	segments: list(reasonSegment, 1000),
	// Saved since factor groups.
	groups: v.optional(
		obj({
			drivers: perBucket(list(driver, 1000)),
			segments: list(reasonSegment, 1000),
			importance: list(driver, MAX_FEATURES)
		})
	)
});

const segment = obj({
	name: text(200),
	filter: obj({
		search: text(1000),
		buckets: list(oneOf(BUCKETS), 3),
		score: v.tuple([range(0, 100), range(0, 100)], got('[low, high]')),
		percentile: v.tuple([range(1, 100), range(1, 100)], got('[low, high]')),
		topFactor: v.nullable(name),
		// Saved since factor groups: none before.
		topGroup: v.optional(v.nullable(name), null)
	})
});

/** A sample of customers: its share (0–1] and the rows the cutoffs would give without it. */
const sample = obj({
	share: v.pipe(unit, v.minValue(1e-6, got('a share above 0'))),
	estimatedRows: count
});

/** Every part of a project file but its goal and model, which are checked on their own. */
export const PROJECT_SCHEMA = obj({
	plan,
	modelId: text(100),
	report,
	features: list(feature, MAX_FEATURES),
	cutoffs: v.pipe(
		list(obj({ t: time, role: oneOf(ROLES) }), 1000),
		v.minLength(1, got('at least one cutoff'))
	),
	counts: list(obj({ t: time, role: oneOf(ROLES), eligible: count, positives: count }), 1000),
	importance: list(obj({ key: name, name, meanAbs: logit }), MAX_FEATURES),
	shapes: list(
		obj({ x: list(real, 10_000), contribution: list(logit, 10_000), missing: v.nullable(logit) }),
		MAX_FEATURES
	),
	leakage: list(obj({ key: name, name, auc: unit, message: text(2000) }), MAX_FEATURES),
	reference: list(obj({ edges: list(real, 1000), shares: list(unit, 1001) }), MAX_FEATURES),
	trainedOn: obj({
		files: list(name, 1000),
		profileFile: v.nullable(name),
		fingerprint: text(100),
		mapping: v.nullable(mapping),
		profileIdColumn: v.nullable(name),
		events: count,
		profiles: count,
		start: time,
		end: time,
		scaleOut: v.optional(
			obj({
				sourceColumns: list(column, MAX_SOURCE_COLUMNS),
				eventColumns: list(column, MAX_SOURCE_COLUMNS),
				profileColumns: v.nullable(list(column, MAX_SOURCE_COLUMNS)),
				timestampMagnitude: range(0, 1e19, 'a number from 0 to 1e19'),
				nested: v.optional(list(nestedColumn, MAX_SOURCE_COLUMNS)),
				// Saved before score.sql read nested fields: their names only (score.sql refuses them).
				nestedColumns: v.optional(list(name, MAX_SOURCE_COLUMNS))
			})
		)
	}),
	insights,
	scoredAt: time,
	samples: v.optional(obj({ train: v.nullable(sample), validation: v.nullable(sample) })),
	backtest: v.nullable(
		obj({
			folds: list(
				obj({
					t: time,
					rows: count,
					positives: count,
					auc: orNaN(unit),
					baselineAuc: orNaN(unit),
					topDecileLift: orNaN(positive),
					buckets: list(
						obj({
							bucket: oneOf(BUCKETS),
							profiles: count,
							expected: orNaN(unit),
							actual: orNaN(unit)
						}),
						3
					)
				}),
				1000
			),
			skipped: list(text(2000), 1000),
			ms: positive
		})
	),
	savedAt: v.pipe(text(40), v.isoTimestamp(got('a time like 2026-11-29T12:00:00.000Z'))),
	segments: list(segment, 1000)
});

export type CheckedParts = v.InferOutput<typeof PROJECT_SCHEMA>;

/** The first problem of a failed check, as `where: what` ("report.auc: expected …, got 2"). */
export function firstProblem(issues: [v.BaseIssue<unknown>, ...v.BaseIssue<unknown>[]]): string {
	const issue = issues[0];
	const path = v.getDotPath(issue);
	return path ? `${path}: ${issue.message}` : issue.message;
}
