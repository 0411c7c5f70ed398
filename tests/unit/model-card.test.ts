import { describe, expect, it } from 'vitest';
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
	it('reports the measures with the grade, the drivers and the expected churners', () => {
		expect(card).toContain('| AUC | 0.612 (95 %: 0.570–0.650) — poor |');
		expect(card).toContain('| Recency rule AUC | 0.580 |');
		expect(card).toContain('| Top-decile lift | 2.35 |');
		expect(card).toContain('| Calibration error (ECE) | 1.2 % |');
		expect(card).toContain('| Days since last event | 0.610 |');
		expect(card).toContain('| Bucket | Customers | Expected churners |');
		expect(card).toContain('| high | 860 | 120 |');
	});
	it('lists the known limits, with the uncertainty, the advice and the leakage warnings', () => {
		const limits = card.slice(card.indexOf('## Known limits'));
		expect(limits).toContain('could be anywhere from 0.570 to 0.650');
		expect(limits).toContain('shorter outcome window');
		expect(limits).toContain('"total_orders" alone predicts');
		expect(limits).toContain('interactions');
	});
	it('keeps tables intact when a name holds a pipe', () => {
		expect(card).toContain('| plan is a\\|b | 0.200 |');
	});
});
