import { describe, expect, it } from 'vitest';
import { codeBlock, mdText } from '../../src/lib/engine/export/markdown';
import { modelCard, type ModelCardInput } from '../../src/lib/engine/export/model-card';

const DAY = 86_400_000;
const input: ModelCardInput = {
	spec: {
		version: 1,
		name: 'Churn | 14 days',
		kind: 'churn',
		goal: { all: [{ field: 'event', op: 'eq', value: 'session' }] },
		outcomeWindowDays: 14,
		lookbackDays: 90,
		customEvents: [
			{ name: 'Big order', when: { all: [{ field: 'value', op: 'gte', value: 100 }] } }
		]
	},
	data: { files: ['events.csv'], rows: 120_000, profiles: 5000, start: 0, end: 365 * DAY },
	cutoffs: [
		{ t: 300 * DAY, role: 'train', eligible: 4000, positives: 800 },
		{ t: 350 * DAY, role: 'validation', eligible: 4200, positives: 210 },
		{ t: 366 * DAY, role: 'score', eligible: 4300, positives: 0 }
	],
	model: {
		name: 'Additive model with learned shapes (GAM)',
		compared: [
			{ name: 'Additive model with learned shapes (GAM)', auc: 0.71 },
			{ name: 'Logistic model on transformed features', auc: 0.7 }
		],
		backend: 'WASM',
		trainRows: 4000,
		trainPositives: 800
	},
	validation: {
		rows: 4200,
		positives: 210,
		auc: 0.6123,
		aucInterval: [0.57, 0.65],
		baselineAuc: 0.58,
		logloss: 0.19,
		brier: 0.045,
		ece: 0.012,
		topDecileLift: 2.345,
		calibration: [{ lo: 0, hi: 0.1, rows: 4000, meanPredicted: 0.04, observed: 0.045 }]
	},
	importance: [
		{ key: 'days_since_last', name: 'Days since last event', meanAbs: 0.61 },
		{ key: 'attr:plan=a|b', name: 'plan is a|b', meanAbs: 0.2 }
	],
	buckets: [
		{ bucket: 'high', profiles: 860, expected: 120.4, minProbability: 0.1, maxProbability: 0.6 },
		{ bucket: 'medium', profiles: 1290, expected: 50, minProbability: 0.03, maxProbability: 0.1 },
		{ bucket: 'low', profiles: 2150, expected: 20, minProbability: 0, maxProbability: 0.03 }
	],
	leakage: ['"total_orders" alone predicts the outcome almost perfectly.'],
	generated: Date.UTC(2026, 10, 29)
};

describe('modelCard', () => {
	const card = modelCard(input);

	it('says what the model predicts, from which data, with which cutoffs', () => {
		expect(card).toMatch(/^# Model card — Churn \| 14 days\n/);
		expect(card).toContain('Made on 2026-11-29');
		expect(card).toContain('does **not** meet the goal in the 14 days after the scoring cutoff');
		expect(card).toContain('"value": "session"');
		expect(card).toContain('Custom events: Big order.');
		expect(card).toContain(
			'events.csv: 120,000 events from 5,000 customers, 1970-01-01 to 1971-01-01.'
		);
		expect(card).toContain('| 1970-12-17 | validation | 4,200 | 210 | 5.0 % |');
		expect(card).toContain('| 1971-01-02 | score | 4,300 | — | — |');
	});
	it('says when the model learned from a sample of customers, and only then', () => {
		expect(card).not.toContain('a sample');
		const sampled = modelCard({
			...input,
			model: { ...input.model, sample: { share: 0.125, estimatedRows: 3_200_000 } }
		});
		expect(sampled).toMatch(
			/trained on [\d,]+ customer-cutoff rows \([\d,]+ positive\), a sample: 12\.5 % of customers at the learning cutoffs, chosen by a hash of the customer id \(without it those cutoffs would give about 3,200,000 rows\); the validation cutoff holds every customer, and every eligible customer is scored, with TensorFlow\.js/
		);
		const bothSampled = modelCard({
			...input,
			model: {
				...input.model,
				sample: { share: 0.125, estimatedRows: 3_200_000 },
				validationSample: { share: 0.5, estimatedRows: 500_000 }
			}
		});
		expect(bothSampled).toContain(
			'rows); the validation cutoff holds a sample of 50.0 % of its customers by the same hash (about 500,000 rows without it), and every eligible customer is scored, with'
		);
		const validationOnly = modelCard({
			...input,
			model: { ...input.model, validationSample: { share: 0.5, estimatedRows: 500_000 } }
		});
		expect(validationOnly).toMatch(
			/positive\); the validation cutoff holds a sample of 50\.0 % of its customers by the same hash \(about 500,000 rows without it\), with TensorFlow/
		);
	});
	it('reports the measures with the grade, the drivers and the expected churners', () => {
		expect(card).toContain('| AUC | 0.612 (95 %: 0.570–0.650) — poor |');
		expect(card).toContain('| Recency rule AUC | 0.580 |');
		expect(card).toContain('| Top-decile lift | 2.35 |');
		expect(card).toContain('| Calibration error (ECE) | 1.2 % |');
		expect(card).toContain('| Days since last event | 0.610 |');
		expect(card).toContain('| Bucket | Customers | Expected churners |');
		expect(card).toContain('| high | 860 | 120 |');
		// Without factor groups (a project saved before them), the features alone.
		expect(card).not.toContain('By factor group');
	});
	it('lists the factor groups first, each with its features', () => {
		const grouped = modelCard({
			...input,
			groups: [
				{
					name: 'Session activity',
					meanAbs: 0.72,
					features: ['Sessions in the last 7 days', 'Days since last session', 'a', 'b', 'c']
				},
				{ name: 'plan', meanAbs: 0.2, features: ['plan is a|b'] }
			]
		});
		expect(grouped).toContain('| Group | Features | Mean \\|contribution\\| |');
		expect(grouped).toContain(
			'| Session activity | Sessions in the last 7 days; Days since last session; a and 2 more | 0.720 |'
		);
		expect(grouped.indexOf('By factor group')).toBeLessThan(grouped.indexOf('By feature:'));
		expect(grouped.indexOf('By feature:')).toBeLessThan(
			grouped.indexOf('| Days since last event |')
		);
	});
	it('lists the known limits, with the uncertainty, the advice and the leakage warnings', () => {
		const limits = card.slice(card.indexOf('## Known limits'));
		expect(limits).toContain('could be anywhere from 0.570 to 0.650');
		expect(limits).toContain('shorter outcome window');
		expect(limits).toContain('"total\\_orders" alone predicts');
		expect(limits).toContain('interactions');
	});
	it('keeps tables intact when a name holds a pipe', () => {
		expect(card).toContain('| plan is a\\|b | 0.200 |');
	});
});

/** The text a CommonMark renderer shows for escaped inline text: escapes and entities undone. */
function rendered(md: string): string {
	return md
		.replace(/\\([!-/:-@[-`{-~])/g, '$1')
		.replaceAll('&lt;', '<')
		.replaceAll('&gt;', '>')
		.replaceAll('&amp;', '&');
}

/** What is left of Markdown text once its escape sequences are taken out. */
const unescaped = (md: string) => md.replace(/\\[!-/:-@[-`{-~]/g, '');

/** Markdown that could turn text into HTML, a link, an image, emphasis, code or a heading. */
const ACTIVE = /[<>[\]*_`~#$@]|:\/\/|www\./i;

const HOSTILE_NAMES = [
	'<img src=x onerror=alert(1)>',
	'<script>alert(1)</script>',
	'[click](https://evil.example)',
	'![pixel](http://evil.example/x.png)',
	'[ref]: https://evil.example',
	'**bold** _it_ `code` ~~gone~~ $x^2$',
	'https://evil.example/login',
	'www.evil.example',
	'mail a@evil.example',
	'&lt;b&gt; and &#60;i&#62;',
	'# heading',
	'- item',
	'+ item',
	'1. first',
	'2) second',
	'back\\slash \\[x]',
	'line\nbreak\r\n<b>',
	'=1+1 | pipe'
];

describe('mdText(name)', () => {
	for (const name of HOSTILE_NAMES)
		it(`renders ${JSON.stringify(name)} as the same plain text, with nothing active left`, () => {
			const md = mdText(name);
			expect(md).not.toMatch(/[\r\n]/);
			expect(unescaped(md)).not.toMatch(ACTIVE);
			expect(md).not.toMatch(/^([-+=]|\d+[.)])/);
			expect(rendered(md)).toBe(name.replace(/[\r\n]+/g, ' '));
		});

	it('escapes a link and an image to text', () => {
		expect(mdText('![i](http://x.example/a.png) [a](b)')).toBe(
			'!\\[i\\](http\\://x.example/a.png) \\[a\\](b)'
		);
		expect(mdText('<img src=x>')).toBe('&lt;img src=x&gt;');
	});
});

describe('codeBlock(info, text)', () => {
	it('uses a fence longer than any backtick run in the text', () => {
		expect(codeBlock('json', '"a"')).toBe('```json\n"a"\n```');
		expect(codeBlock('json', '"````"')).toBe('`````json\n"````"\n`````');
	});
});

describe('modelCard with hostile names', () => {
	const hostile: ModelCardInput = {
		...input,
		spec: {
			...input.spec,
			name: HOSTILE_NAMES[0]! + ' ' + HOSTILE_NAMES[2]!,
			goal: { all: [{ field: 'event', op: 'eq', value: '```\n<script>alert(1)</script>\n```' }] },
			customEvents: HOSTILE_NAMES.map((name) => ({ name, when: { all: [] } })),
			profileAttributes: HOSTILE_NAMES
		},
		data: { ...input.data, files: ['# events.csv', '<b>x</b>.csv', '[a](https://e.example).csv'] },
		importance: [HOSTILE_NAMES[2]!, HOSTILE_NAMES.at(-1)!].map((name, i) => ({
			key: `attr:${name}`,
			name,
			meanAbs: 1 - i / 10
		})),
		groups: HOSTILE_NAMES.map((name, i) => ({
			name,
			meanAbs: 1 - i / 100,
			features: [...HOSTILE_NAMES].reverse().slice(0, (i % 4) + 1)
		})),
		leakage: ['"<img src=x onerror=alert(1)>" alone predicts the outcome.']
	};
	const card = modelCard(hostile);
	const fence = /^(`{3,})json\n[\s\S]*?\n\1$/gm;
	const prose = card.replace(fence, '');

	it('leaves no HTML, link, image or autolink outside its code blocks', () => {
		expect(prose).not.toContain('<');
		expect(
			unescaped(prose)
				.replace(/^#+ /gm, '')
				.replace(/\*\*not\*\*/g, '')
		).not.toMatch(ACTIVE);
	});
	it('writes each name where it was, escaped', () => {
		expect(card).toMatch(
			/^# Model card — &lt;img src=x onerror=alert\(1\)&gt; \\\[click\\\]\(https\\:\/\/evil\.example\)\n/
		);
		expect(card).toContain(
			'\n\\# events.csv, &lt;b&gt;x&lt;/b&gt;.csv, \\[a\\](https\\://e.example).csv: '
		);
		expect(card).toContain('- Custom events: &lt;img src=x onerror=alert(1)&gt;, ');
		expect(card).toContain('| \\[click\\](https\\://evil.example) | 1.000 |');
		expect(card).toContain('| \\=1+1 \\| pipe | 0.900 |');
		expect(card).toContain('- "&lt;img src=x onerror=alert(1)&gt;" alone predicts the outcome.');
	});
	it('keeps the goal JSON in a fence it cannot close', () => {
		const blocks = [...card.matchAll(fence)];
		expect(blocks.length).toBeGreaterThan(0);
		const goal = blocks[0]![0];
		expect(goal.startsWith('````json\n')).toBe(true);
		expect(JSON.parse(goal.slice(9, -5))).toEqual(hostile.spec.goal);
	});
});
