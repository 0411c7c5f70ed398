// The model card: one Markdown page that says what a trained model predicts, from what data, how
// well it did on the held-out cutoff, what drives it and where not to trust it — to keep with
// the scores or hand to a reviewer. Pure: everything comes in as plain data. Every name from the
// user's files goes through `mdText` (or a code block), so it renders as the same plain text.
import { isoDay } from '../cutoffs';
import type { BucketSummary } from '../insights/audience';
import type { CalibrationBin } from '../metrics/curves';
import { gradeAuc } from '../metrics/classification';
import type { Importance } from '../scored';
import type { CutoffCounts } from '../trainability';
import type { TrainingSample } from '../features/sample';
import type { GoalSpec } from '../types';
import { codeBlock, mdText } from './markdown';

export interface ModelCardInput {
	spec: GoalSpec;
	data: { files: string[]; rows: number; profiles: number; start: number; end: number };
	cutoffs: CutoffCounts[];
	model: {
		/** The chosen model family, in words, and every family tried with its validation AUC. */
		name: string;
		compared: { name: string; auc: number }[];
		backend: string;
		trainRows: number;
		trainPositives: number;
		/** The training sample of customers, when one was drawn. */
		sample?: TrainingSample | null;
		/** The validation cutoff's sample of customers, when one was drawn. */
		validationSample?: TrainingSample | null;
	};
	validation: {
		rows: number;
		positives: number;
		auc: number;
		aucInterval: [number, number] | null;
		baselineAuc: number;
		logloss: number;
		brier: number;
		ece: number;
		topDecileLift: number;
		calibration: CalibrationBin[];
	};
	importance: Importance[];
	/** Factor groups over the scored customers, largest first, each with its features' names. */
	groups?: { name: string; meanAbs: number; features: string[] }[];
	buckets: BucketSummary[];
	/** Messages about features that look like they leak the outcome. */
	leakage: string[];
	/** When the card was made (epoch ms): passed in, so the card is reproducible. */
	generated: number;
}

const n = (x: number) => Math.round(x).toLocaleString('en-US');
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

/** What the validation cutoff holds, in words for the model card. */
function validationWords(sample: TrainingSample | null | undefined): string {
	return sample
		? `the validation cutoff holds a sample of ${pct(sample.share)} of its customers by the same hash (about ${n(sample.estimatedRows)} rows without it)`
		: 'the validation cutoff holds every customer';
}

const f3 = (x: number) => (isFinite(x) ? x.toFixed(3) : '—');

/** A Markdown table; pipes and line breaks in cells are escaped so a name cannot break it. */
function table(head: string[], rows: (string | number)[][]): string {
	const cell = (c: string | number) => String(c).replaceAll('|', '\\|').replaceAll('\n', ' ');
	return [
		`| ${head.map(cell).join(' | ')} |`,
		`| ${head.map(() => '---').join(' | ')} |`,
		...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)
	].join('\n');
}

function json(x: unknown): string {
	return codeBlock('json', JSON.stringify(x, null, 2));
}

export function modelCard(c: ModelCardInput): string {
	const s = c.spec;
	const v = c.validation;
	const grade = gradeAuc(v.auc);
	const scoring = c.cutoffs.find((x) => x.role === 'score');
	const events = s.kind === 'churn' ? 'churners' : 'conversions';
	const limits = [
		'The model is additive: each feature adds its own effect to the log-odds; interactions ' +
			'between features are not modelled.',
		`Scores, percentiles and buckets are relative to the ${n(scoring?.eligible ?? 0)} profiles ` +
			'scored together; probabilities are calibrated on one cutoff and drift as behaviour changes. ' +
			'Re-check the model when the data or the customers change.',
		'Features see only events before each cutoff and labels only the outcome window after it ' +
			'(tested); profile attributes are taken as they are in the profile file, so an attribute ' +
			'updated after a cutoff can leak the outcome.',
		...(v.aucInterval
			? [
					`Few validation examples: the AUC could be anywhere from ${f3(v.aucInterval[0])} to ` +
						`${f3(v.aucInterval[1])} (95 % bootstrap interval).`
				]
			: []),
		...(grade.advice ? [grade.advice] : []),
		...c.leakage.map(mdText)
	];
	return [
		`# Model card — ${mdText(s.name)}`,
		'',
		`Made on ${isoDay(c.generated)} with Propensity Lab, in the browser: the data never left the ` +
			'machine it was loaded on.',
		'',
		'## What it predicts',
		'',
		s.kind === 'churn'
			? `The probability that a customer does **not** meet the goal in the ${s.outcomeWindowDays} days after the scoring cutoff (churn).`
			: `The probability that a customer meets the goal in the ${s.outcomeWindowDays} days after the scoring cutoff (conversion).`,
		'',
		`- Goal condition${s.minOccurrences && s.minOccurrences > 1 ? `, at least ${s.minOccurrences} times` : ''}` +
			`${s.minValueSum !== undefined ? `, value summing to at least ${s.minValueSum}` : ''}:`,
		'',
		json(s.goal),
		'',
		`- Lookback: ${s.lookbackDays} days of history before each cutoff.`,
		`- Eligible population: ${s.eligible ? 'see below' : `every customer with an event in the ${s.lookbackDays} days before the cutoff`}.`,
		...(s.eligible ? ['', json(s.eligible)] : []),
		...(s.customEvents?.length
			? [`- Custom events: ${s.customEvents.map((e) => mdText(e.name)).join(', ')}.`]
			: []),
		...(s.profileAttributes?.length
			? [`- Profile attributes used: ${s.profileAttributes.map(mdText).join(', ')}.`]
			: []),
		...(s.exclude ? ['- Events ignored everywhere:', '', json(s.exclude)] : []),
		'',
		'## Data',
		'',
		`${c.data.files.map(mdText).join(', ') || 'Loaded files'}: ${n(c.data.rows)} events from ${n(c.data.profiles)} ` +
			`customers, ${isoDay(c.data.start)} to ${isoDay(c.data.end)}.`,
		'',
		'## Cutoffs',
		'',
		'Features at a cutoff see only earlier events; labels only the outcome window after it.',
		'',
		table(
			['Cutoff', 'Role', 'Eligible', 'Positive', 'Rate'],
			c.cutoffs.map((x) => [
				isoDay(x.t),
				x.role,
				n(x.eligible),
				x.role === 'score' ? '—' : n(x.positives),
				x.role === 'score' || !x.eligible ? '—' : pct(x.positives / x.eligible)
			])
		),
		'',
		'## Model',
		'',
		`${c.model.name}, trained on ${n(c.model.trainRows)} customer-cutoff rows ` +
			`(${n(c.model.trainPositives)} positive)` +
			(c.model.sample
				? `, a sample: ${pct(c.model.sample.share)} of customers at the learning cutoffs, chosen by a hash of the customer id (without it those cutoffs would give about ${n(c.model.sample.estimatedRows)} rows); ${validationWords(c.model.validationSample)}, and every eligible customer is scored,`
				: c.model.validationSample
					? `; ${validationWords(c.model.validationSample)},`
					: '') +
			` with TensorFlow.js (${c.model.backend}); ` +
			'probabilities calibrated (Platt) on the validation cutoff. Every score is the sum of one ' +
			'exact contribution per feature.',
		'',
		table(
			['Model family', 'Validation AUC'],
			c.model.compared.map((m) => [m.name, f3(m.auc)])
		),
		'',
		`## Performance on the validation cutoff (${n(v.rows)} customers, ${n(v.positives)} positive)`,
		'',
		table(
			['Measure', 'Value'],
			[
				[
					'AUC',
					`${f3(v.auc)}${v.aucInterval ? ` (95 %: ${f3(v.aucInterval[0])}–${f3(v.aucInterval[1])})` : ''} — ${grade.grade}`
				],
				['Recency rule AUC', f3(v.baselineAuc)],
				['Top-decile lift', isFinite(v.topDecileLift) ? v.topDecileLift.toFixed(2) : '—'],
				['Log loss', f3(v.logloss)],
				['Brier score', f3(v.brier)],
				['Calibration error (ECE)', pct(v.ece)]
			]
		),
		'',
		'### Calibration',
		'',
		table(
			['Predicted', 'Customers', 'Mean predicted', 'Observed'],
			v.calibration.map((b) => [
				`${pct(b.lo)}–${pct(b.hi)}`,
				n(b.rows),
				pct(b.meanPredicted),
				pct(b.observed)
			])
		),
		'',
		'## What drives the scores',
		'',
		'Mean absolute contribution to the log-odds over the scored customers.',
		'',
		...(c.groups?.length
			? [
					'By factor group (the features that measure one thing; a group contributes the sum of its features):',
					'',
					table(
						['Group', 'Features', 'Mean |contribution|'],
						c.groups.map((g) => [
							mdText(g.name),
							mdText(
								g.features.length <= 3
									? g.features.join('; ')
									: `${g.features.slice(0, 3).join('; ')} and ${g.features.length - 3} more`
							),
							g.meanAbs.toFixed(3)
						])
					),
					'',
					'By feature:',
					''
				]
			: []),
		table(
			['Feature', 'Mean |contribution|'],
			c.importance.slice(0, 10).map((f) => [mdText(f.name), f.meanAbs.toFixed(3)])
		),
		'',
		`## Scores (${scoring ? isoDay(scoring.t) : 'scoring cutoff'})`,
		'',
		table(
			['Bucket', 'Customers', `Expected ${events}`],
			c.buckets.map((b) => [b.bucket, n(b.profiles), n(b.expected)])
		),
		'',
		'## Known limits',
		'',
		...limits.map((l) => `- ${l}`),
		''
	].join('\n');
}
