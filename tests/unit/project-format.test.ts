import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../src/lib/engine/hash';
import type { ModelState } from '../../src/lib/ml/protocol';
import {
	parseProject,
	PROJECT_VERSION,
	ProjectFileError,
	serialiseProject,
	type ProjectFile
} from '../../src/lib/state/project-format';

const model: ModelState = {
	family: 'additive',
	variant: 'linear',
	basis: {
		standardiser: { transforms: ['log1p'], means: [1.5], stds: [0.5] },
		knots: [[]],
		missing: [false],
		means: [0.25],
		owner: [0],
		kinds: ['linear']
	},
	weights: [0.75],
	bias: -1.25,
	platt: { a: 1, b: 0 }
};

function project(): Omit<ProjectFile, 'format' | 'version'> {
	return {
		spec: {
			version: 1,
			name: 'Buyers',
			kind: 'conversion',
			goal: { all: [{ field: 'event', op: 'eq', value: 'purchase' }] },
			outcomeWindowDays: 30,
			lookbackDays: 90
		},
		plan: { lookbackDays: 90, eventTypes: [], customEvents: [], hasValue: false, attributes: [] },
		model,
		modelId: fingerprint(JSON.stringify(model)),
		report: { auc: 0.8, validation: { labels: [1, 0] } } as unknown as ProjectFile['report'],
		features: [{ key: 'count_90d' }] as ProjectFile['features'],
		cutoffs: [{ t: 0, role: 'score' }],
		counts: [],
		importance: [],
		shapes: [{ x: [0, 1], contribution: [0, 0.5], missing: null }],
		leakage: [],
		reference: [{ edges: [0, 1], shares: [1, 0] }],
		trainedOn: {
			files: ['events.csv'],
			profileFile: null,
			fingerprint: '0123456789abcdef',
			mapping: null,
			profileIdColumn: null,
			events: 10,
			profiles: 2,
			start: 0,
			end: 1
		},
		insights: {} as ProjectFile['insights'],
		scoredAt: 0,
		backtest: null,
		savedAt: '2026-11-29T12:00:00.000Z',
		segments: [
			{
				name: 'Top',
				filter: {
					search: '',
					buckets: ['high'],
					score: [0, 100],
					percentile: [1, 100],
					topFactor: null
				}
			}
		]
	};
}

function error(text: string): string {
	try {
		parseProject(text);
	} catch (e) {
		expect(e).toBeInstanceOf(ProjectFileError);
		return (e as Error).message;
	}
	throw new Error('parsed');
}

describe('project files', () => {
	it('round-trips, without the validation rows of the report', () => {
		const text = serialiseProject(project());
		const p = parseProject(text);
		expect(p.version).toBe(PROJECT_VERSION);
		expect(p.model).toEqual(model);
		expect(p.segments[0]!.name).toBe('Top');
		expect('validation' in p.report).toBe(false);
	});

	it('says a file cut short is damaged', () => {
		const text = serialiseProject(project());
		expect(error(text.slice(0, text.length / 2))).toMatch(/damaged: it is not valid JSON/);
	});

	it('says a JSON file of another kind is not a project', () => {
		expect(error(JSON.stringify({ version: 1, name: 'a goal' }))).toMatch(
			/not a Propensity Lab project file/
		);
	});

	it('says a project from a newer version needs that version', () => {
		const text = serialiseProject(project()).replace('"version":1,', '"version":2,');
		expect(error(text)).toMatch(
			/newer version of Propensity Lab \(project format 2; this page reads format 1\)/
		);
	});

	it('finds a changed model weight through the fingerprint', () => {
		const text = serialiseProject(project()).replace('"weights":[0.75]', '"weights":[0.76]');
		expect(error(text)).toMatch(/does not match the fingerprint/);
	});

	it('finds missing weights, an invalid goal and features that do not match the model', () => {
		const noWeights = project();
		noWeights.model = { ...model, weights: [] };
		noWeights.modelId = fingerprint(JSON.stringify(noWeights.model));
		expect(error(serialiseProject(noWeights))).toMatch(/weights are incomplete/);
		const badGoal = project();
		badGoal.spec = { ...badGoal.spec, kind: 'maybe' as 'churn' };
		expect(error(serialiseProject(badGoal))).toMatch(/goal is invalid.*kind/);
		const extra = project();
		extra.features = [...extra.features, ...extra.features];
		expect(error(serialiseProject(extra))).toMatch(/features do not match its model/);
	});
});
