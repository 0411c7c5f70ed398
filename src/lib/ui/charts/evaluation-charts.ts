// Charts of the model evaluation and the backtest: ROC, lift and cumulative gains by decile,
// calibration, and measures per past cutoff. The model and the recency rule share each chart,
// so the model's added value is what the user sees.
import * as d3 from 'd3';
import { lineWithMarks } from './series';
import type { FoldResult } from '../../engine/metrics/backtest';
import {
	thinCurve,
	type CalibrationBin,
	type LiftRow,
	type RocPoint
} from '../../engine/metrics/curves';
import { BUCKETS } from '../../engine/scores';
import { fmtAuc, fmtDay, fmtInt, fmtPct } from '../format';
import { axisTitles, drawAxes, fmtShare, frame, gridY, legend, type Svg } from './axes';
import { BASELINE_COLOUR, BUCKET_COLOUR, BUCKET_NAME, MODEL_COLOUR } from './colours';

const M = { top: 26, right: 12, bottom: 38, left: 52 };

function unitSquare(svg: Svg, width: number, height: number) {
	const x = d3
		.scaleLinear()
		.domain([0, 1])
		.range([M.left, width - M.right]);
	const y = d3
		.scaleLinear()
		.domain([0, 1])
		.range([height - M.bottom, M.top]);
	gridY(svg, y, M.left, width - M.right);
	svg
		.append('line')
		.attr('x1', x(0))
		.attr('y1', y(0))
		.attr('x2', x(1))
		.attr('y2', y(1))
		.attr('stroke', 'var(--border)')
		.attr('stroke-dasharray', '2 3');
	return { x, y };
}

function modelAndRule(svg: Svg, rule = 'Recency rule') {
	legend(
		svg,
		[
			{ label: 'Model', colour: MODEL_COLOUR },
			{ label: rule, colour: BASELINE_COLOUR, dashed: true }
		],
		M.left,
		10
	);
}

/** ROC curves of the model and the recency rule, with their AUCs. */
export function drawRoc(
	node: SVGSVGElement,
	width: number,
	height: number,
	model: RocPoint[],
	rule: RocPoint[],
	aucs: { model: number; rule: number }
): void {
	const svg = frame(node, width, height);
	const { x, y } = unitSquare(svg, width, height);
	for (const [points, colour, dash, name, auc] of [
		[rule, BASELINE_COLOUR, '5 4', 'Recency rule', aucs.rule],
		[model, MODEL_COLOUR, null, 'Model', aucs.model]
	] as const)
		lineWithMarks(
			svg,
			points,
			(p) => x(p.fpr),
			(p) => y(p.tpr),
			{
				colour,
				dash,
				name,
				// Hover points at every tenth of the way along the curve.
				marks: thinCurve(points, 11).slice(1, -1),
				tip: (p) =>
					`${name} (AUC ${fmtAuc(auc)}): finds ${fmtPct(p.tpr)} of those who met the goal ` +
					`while flagging ${fmtPct(p.fpr)} of those who did not`
			}
		);
	drawAxes(svg, d3.axisBottom(x).ticks(5, '.0%'), d3.axisLeft(y).ticks(5, '.0%'), height, M);
	axisTitles(svg, width, height, M, 'False positive rate', 'True positive rate');
	modelAndRule(svg);
}

/** Lift per decile of score: model and recency rule side by side, 1 = no better than random. */
export function drawLift(
	node: SVGSVGElement,
	width: number,
	height: number,
	model: LiftRow[],
	rule: LiftRow[]
): void {
	const svg = frame(node, width, height);
	const x = d3
		.scaleBand<number>()
		.domain(model.map((r) => r.decile))
		.range([M.left, width - M.right])
		.padding(0.2);
	const inner = d3
		.scaleBand<string>()
		.domain(['model', 'rule'])
		.range([0, x.bandwidth()])
		.padding(0.1);
	const y = d3
		.scaleLinear()
		.domain([0, d3.max([...model, ...rule], (r) => r.lift) || 1])
		.nice()
		.range([height - M.bottom, M.top]);
	gridY(svg, y, M.left, width - M.right);
	const bars = [
		...model.map((r) => ({ r, who: 'model', colour: MODEL_COLOUR, name: 'Model' })),
		...rule.map((r) => ({ r, who: 'rule', colour: BASELINE_COLOUR, name: 'Recency rule' }))
	];
	svg
		.append('g')
		.selectAll('rect')
		.data(bars)
		.join('rect')
		.attr('x', (b) => x(b.r.decile)! + inner(b.who)!)
		.attr('width', inner.bandwidth())
		.attr('y', (b) => y(b.r.lift))
		.attr('height', (b) => Math.max(1, y(0) - y(b.r.lift)))
		.attr('fill', (b) => b.colour)
		.attr('data-series', (b) => b.who)
		.attr(
			'data-tip',
			(b) =>
				`${b.name}, decile ${b.r.decile}: lift ${b.r.lift.toFixed(2)}\n` +
				`${fmtInt(b.r.positives)} of ${fmtInt(b.r.rows)} met the goal (${fmtPct(b.r.rate)})`
		);
	svg
		.append('line')
		.attr('x1', M.left)
		.attr('x2', width - M.right)
		.attr('y1', y(1))
		.attr('y2', y(1))
		.attr('stroke', 'var(--text)')
		.attr('stroke-dasharray', '2 3');
	drawAxes(svg, d3.axisBottom(x), d3.axisLeft(y).ticks(4), height, M);
	axisTitles(svg, width, height, M, 'Decile of score (1 = highest)', 'Lift');
	modelAndRule(svg);
}

/** Cumulative gains: the share of goal events found in the top k deciles. */
export function drawGains(
	node: SVGSVGElement,
	width: number,
	height: number,
	model: LiftRow[],
	rule: LiftRow[]
): void {
	const svg = frame(node, width, height);
	const { x, y } = unitSquare(svg, width, height);
	const start = { cumulativeShare: 0, cumulativeGain: 0, decile: 0 } as LiftRow;
	for (const [rows, colour, dash, name] of [
		[rule, BASELINE_COLOUR, '5 4', 'Recency rule'],
		[model, MODEL_COLOUR, null, 'Model']
	] as const)
		lineWithMarks(
			svg,
			[start, ...rows],
			(r) => x(r.cumulativeShare),
			(r) => y(r.cumulativeGain),
			{
				colour,
				dash,
				marks: rows,
				tip: (r) =>
					`${name}: the top ${fmtShare(r.cumulativeShare)} of scores hold ` +
					`${fmtPct(r.cumulativeGain)} of those who met the goal`
			}
		);
	drawAxes(svg, d3.axisBottom(x).ticks(5, '.0%'), d3.axisLeft(y).ticks(5, '.0%'), height, M);
	axisTitles(
		svg,
		width,
		height,
		M,
		'Share of profiles contacted, best first',
		'Share of goal events found'
	);
	modelAndRule(svg);
}

/** Predicted against observed goal rate per probability bin; on the diagonal is calibrated. */
export function drawCalibration(
	node: SVGSVGElement,
	width: number,
	height: number,
	bins: CalibrationBin[]
): void {
	const svg = frame(node, width, height);
	const top = Math.min(1, Math.max(0.05, d3.max(bins, (b) => Math.max(b.hi, b.observed)) ?? 1));
	const x = d3
		.scaleLinear()
		.domain([0, top])
		.nice()
		.range([M.left, width - M.right]);
	const y = d3
		.scaleLinear()
		.domain(x.domain())
		.range([height - M.bottom, M.top]);
	gridY(svg, y, M.left, width - M.right);
	const end = x.domain()[1]!;
	svg
		.append('line')
		.attr('x1', x(0))
		.attr('y1', y(0))
		.attr('x2', x(end))
		.attr('y2', y(end))
		.attr('stroke', 'var(--border)')
		.attr('stroke-dasharray', '2 3');
	const r = d3
		.scaleSqrt()
		.domain([0, d3.max(bins, (b) => b.rows) || 1])
		.range([3, 12]);
	lineWithMarks(
		svg,
		bins,
		(b) => x(b.meanPredicted),
		(b) => y(b.observed),
		{
			colour: MODEL_COLOUR,
			width: 1.5,
			r: (b) => r(b.rows),
			fillOpacity: 0.75,
			tip: (b) =>
				`Predicted ${fmtPct(b.lo, 0)}–${fmtPct(b.hi, 0)}: ${fmtInt(b.rows)} profiles\n` +
				`mean predicted ${fmtPct(b.meanPredicted)}, observed ${fmtPct(b.observed)}`
		}
	);
	drawAxes(svg, d3.axisBottom(x).ticks(5, '.0%'), d3.axisLeft(y).ticks(5, '.0%'), height, M);
	axisTitles(svg, width, height, M, 'Predicted probability', 'Observed goal rate');
}

interface FoldSeries {
	value: (f: FoldResult) => number;
	colour: string;
	dashed: boolean;
	tip: (f: FoldResult) => string;
}

/** Lines with a point per backtested cutoff (x: the cutoffs, evenly spaced). */
function drawOverCutoffs(
	node: SVGSVGElement,
	width: number,
	height: number,
	folds: FoldResult[],
	series: FoldSeries[],
	domain: [number, number],
	yFormat: string | undefined,
	yTitle: string
): Svg {
	const svg = frame(node, width, height);
	const x = d3
		.scalePoint<number>()
		.domain(folds.map((f) => f.t))
		.range([M.left + 20, width - M.right - 20]);
	const y = d3
		.scaleLinear()
		.domain(domain)
		.nice()
		.range([height - M.bottom, M.top]);
	gridY(svg, y, M.left, width - M.right);
	for (const s of series)
		lineWithMarks(
			svg,
			folds,
			(f) => x(f.t)!,
			(f) => y(s.value(f)),
			{
				colour: s.colour,
				dash: s.dashed ? '5 4' : null,
				r: s.dashed ? 3 : 4.5,
				hollow: s.dashed,
				outline: true,
				tip: s.tip
			}
		);
	drawAxes(
		svg,
		d3.axisBottom(x).tickFormat((t) => fmtDay(+t)),
		d3.axisLeft(y).ticks(4, yFormat),
		height,
		M
	);
	axisTitles(svg, width, height, M, 'Cutoff tested', yTitle);
	return svg;
}

/** The model's and the recency rule's AUC at each backtested cutoff. */
export function drawBacktestAuc(
	node: SVGSVGElement,
	width: number,
	height: number,
	folds: FoldResult[]
): void {
	const values = folds.flatMap((f) => [f.auc, f.baselineAuc]).filter(isFinite);
	const series: FoldSeries[] = [
		{
			value: (f) => f.baselineAuc,
			colour: BASELINE_COLOUR,
			dashed: true,
			tip: (f) => `Recency rule at ${fmtDay(f.t)}: AUC ${fmtAuc(f.baselineAuc)}`
		},
		{
			value: (f) => f.auc,
			colour: MODEL_COLOUR,
			dashed: false,
			tip: (f) =>
				`Model at ${fmtDay(f.t)}: AUC ${fmtAuc(f.auc)}\n` +
				`top-decile lift ${f.topDecileLift.toFixed(2)}, ${fmtInt(f.rows)} profiles`
		}
	];
	const domain: [number, number] = [Math.min(0.5, d3.min(values) ?? 0.5), Math.max(...values, 0.6)];
	modelAndRule(drawOverCutoffs(node, width, height, folds, series, domain, undefined, 'AUC'));
}

/** Expected (dashed) and actual (solid) goal rate per bucket at each backtested cutoff. */
export function drawBucketRates(
	node: SVGSVGElement,
	width: number,
	height: number,
	folds: FoldResult[]
): void {
	const series = BUCKETS.flatMap((bucket, k) =>
		(['expected', 'actual'] as const).map((kind): FoldSeries => ({
			value: (f) => f.buckets[k]![kind],
			colour: BUCKET_COLOUR[bucket],
			dashed: kind === 'expected',
			tip: (f) => {
				const b = f.buckets[k]!;
				return (
					`${BUCKET_NAME[bucket]} bucket at ${fmtDay(f.t)}: ${kind} goal rate ${fmtPct(b[kind])}\n` +
					`(expected ${fmtPct(b.expected)}, actual ${fmtPct(b.actual)}, ${fmtInt(b.profiles)} profiles)`
				);
			}
		}))
	);
	const values = folds.flatMap((f) => f.buckets.flatMap((b) => [b.expected, b.actual]));
	const top = d3.max(values.filter(isFinite)) || 1;
	const svg = drawOverCutoffs(node, width, height, folds, series, [0, top], '.0%', 'Goal rate');
	legend(
		svg,
		[
			...BUCKETS.map((b) => ({ label: BUCKET_NAME[b], colour: BUCKET_COLOUR[b] })),
			{ label: 'expected', colour: 'var(--muted)', dashed: true }
		],
		M.left,
		10
	);
}
