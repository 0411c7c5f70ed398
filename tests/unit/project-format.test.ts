import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../src/lib/engine/hash';
import {
	parseProject,
	PROJECT_VERSION,
	ProjectFileError,
	serialiseProject
} from '../../src/lib/state/project-format';
import { projectFixture } from '../helpers/project-fixture';

// A project's JSON, edited freely as a damaged file would be.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any path, any value
type Raw = Record<string, any>;

const project = () => projectFixture();
const model = project().model;

/** The fixture's JSON with `edit` applied; `refingerprint` signs a changed model again. */
function edited(edit: (p: Raw) => void, refingerprint = false): string {
	const p = JSON.parse(serialiseProject(project())) as Raw;
	edit(p);
	if (refingerprint) p.modelId = fingerprint(JSON.stringify(p.model));
	return JSON.stringify(p);
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
		// As saved, key order included: that is what its fingerprint covers.
		expect(JSON.stringify(p.model)).toBe(JSON.stringify(model));
		expect(p.segments[0]!.name).toBe('Top');
		expect('validation' in p.report).toBe(false);
		// Saved again (as the app keeps it in IndexedDB after each change), it reads the same.
		expect(parseProject(serialiseProject(p))).toEqual(p);
	});

	it('keeps the samples a model learned and was validated on; older files have none', () => {
		const samples = {
			train: { share: 0.125, estimatedRows: 1_600_000 },
			validation: { share: 0.5, estimatedRows: 500_000 }
		};
		const p = parseProject(serialiseProject({ ...project(), samples }));
		expect(p.samples).toEqual(samples);
		expect(parseProject(serialiseProject(project())).samples).toBeUndefined();
	});

	it('saves each feature’s factor group; a file saved before groups reads them from its plan', () => {
		const p = parseProject(serialiseProject(project()));
		const groups = p.features.map((f) => f.group.key);
		expect(new Set(groups).size).toBeGreaterThan(3);
		expect(JSON.parse(serialiseProject(p)).features[0].group).toEqual(p.features[0]!.group);
		const older = parseProject(
			edited((raw) => {
				for (const f of raw.features) delete f.group;
				for (const s of raw.segments) delete s.filter.topGroup;
			})
		);
		expect(older.features.map((f) => f.group.key)).toEqual(groups);
		expect(older.segments[0]!.filter.topGroup).toBeNull();
	});

	it('reads statistics saved from NaN and Infinity (as JSON null) back as NaN and Infinity', () => {
		const p = parseProject(serialiseProject(project()));
		const oneClass = p.backtest!.folds[1]!;
		expect(oneClass.auc).toBeNaN();
		expect(oneClass.baselineAuc).toBeNaN();
		expect(p.report.curves.roc.model[0]!.threshold).toBe(Infinity);
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
		const text = edited((p) => (p.model.weights[0] += 0.01));
		expect(error(text)).toMatch(/does not match the fingerprint/);
	});

	it('finds missing weights, an invalid goal and features that do not match the model', () => {
		expect(error(edited((p) => (p.model.weights = []), true))).toMatch(/weights are incomplete/);
		expect(error(edited((p) => (p.spec.kind = 'maybe')))).toMatch(/goal is invalid.*kind/);
		expect(error(edited((p) => p.features.push({ ...p.features[0], key: 'extra' })))).toMatch(
			/model describes 44 features, but the file lists 45/
		);
	});

	// Issue 13, item 7: each of these was taken in, then broke a view or re-scoring.
	it.each<[string, (p: Raw) => void, RegExp]>([
		[
			'an AUC of 1e308',
			(p) => (p.report.auc = 1e308),
			/report\.auc: expected a number from 0 to 1, got 1e\+308/
		],
		[
			'a probability above 1',
			(p) => (p.insights.buckets[0].maxProbability = 1.5),
			/insights\.buckets\.0\.maxProbability/
		],
		[
			'a cutoff in the year 5000',
			(p) => (p.cutoffs[3].t = Date.UTC(5000, 0, 1)),
			/cutoffs\.3\.t: expected a time from 1900 to 2200/
		],
		['a data summary before 1900', (p) => (p.trainedOn.start = -1e14), /trainedOn\.start/],
		[
			'an infinite number (1e999)',
			(p) => (p.scoredAt = '__INF__'),
			/scoredAt: expected a time .*got Infinity/
		],
		[
			'a text for a number',
			(p) => (p.report.trainRows = '240'),
			/report\.trainRows: expected a whole number ≥ 0, got "240"/
		],
		[
			'a count that is not whole',
			(p) => (p.insights.histogram[0].total = 2.5),
			/insights\.histogram\.0\.total/
		],
		[
			'an unknown feature kind',
			(p) => (p.features[0].kind = 'magic'),
			/features\.0\.kind: expected one of count, daysSince/
		],
		[
			'a changed feature kind',
			(p) => (p.features[1].kind = 'tenure'),
			/feature 2 .* is not the one its feature plan makes/
		],
		[
			'a changed feature key',
			(p) => (p.features[2].key = 'count_7d_x'),
			/feature 3 .* is not the one its feature plan makes/
		],
		[
			'a changed transform',
			(p) => (p.features[0].transform = 'none'),
			/feature 1 is transformed differently/
		],
		[
			'a driver that is no feature',
			(p) => (p.insights.drivers.high[0].key = 'nope'),
			/insights\.drivers names the feature “nope”/
		],
		[
			'a segment filtering on no factor group',
			(p) => (p.segments[0].filter.topGroup = 'nope'),
			/segments names the factor group “nope”/
		],
		[
			'a segment filtering on no feature',
			(p) => (p.segments[0].filter.topFactor = 'nope'),
			/segments names the feature “nope”/
		],
		['a drift reference short of shares', (p) => p.reference[0].shares.pop(), /drift reference/],
		[
			'one shape too few',
			(p) => p.shapes.pop(),
			/its shapes list does not have one entry per feature/
		],
		[
			'cutoffs out of order',
			(p) => ([p.cutoffs[0].t, p.cutoffs[1].t] = [p.cutoffs[1].t, p.cutoffs[0].t]),
			/not in time order/
		],
		[
			'no validation cutoff',
			(p) => (p.cutoffs[2].role = 'train'),
			/cutoffs \(train train train score\)/
		],
		[
			'a bucket that does not exist',
			(p) => (p.segments[0].filter.buckets = ['top']),
			/segments\.0\.filter\.buckets\.0: expected one of high, medium, low/
		],
		[
			'a segment name of 10,000 characters',
			(p) => (p.segments[0].name = 'x'.repeat(10_000)),
			/segments\.0\.name: expected at most 200 characters/
		],
		['an invalid saved time', (p) => (p.savedAt = 'yesterday'), /savedAt/],
		[
			'a training sample of no customers',
			(p) => (p.samples = { train: { share: 0, estimatedRows: 10 }, validation: null }),
			/samples\.train\.share: expected a share above 0/
		],
		[
			'a validation sample of a fractional row count',
			(p) => (p.samples = { train: null, validation: { share: 0.5, estimatedRows: 2.5 } }),
			/samples\.validation\.estimatedRows: expected a whole number/
		],
		['features that are not a list', (p) => (p.features = {}), /features: expected a list/]
	])('refuses %s, saying where', (_, edit, message) => {
		const text = edited(edit).replace('"__INF__"', '1e999');
		expect(error(text)).toMatch(message);
	});

	it.each<[string, (p: Raw) => void, RegExp]>([
		[
			'a weight of 1e308',
			(p) => (p.model.weights[0] = 1e308),
			/model\.weights\.0: expected a log-odds/
		],
		[
			'a zero standard deviation',
			(p) => (p.model.basis.standardiser.stds[0] = 0),
			/model\.basis\.standardiser\.stds\.0/
		],
		['an unknown model family', (p) => (p.model.family = 'forest'), /model\.family/],
		[
			'a basis column of another feature',
			(p) => (p.model.basis.owner[1] = 7),
			/not laid out feature by feature/
		],
		[
			'knots out of order',
			(p) => p.model.basis.knots.find((k: number[]) => k.length > 1).reverse(),
			/knots of feature \d+ are not in order/
		]
	])('refuses a model with %s even when its fingerprint was made again', (_, edit, message) => {
		expect(error(edited(edit, true))).toMatch(message);
	});
});
