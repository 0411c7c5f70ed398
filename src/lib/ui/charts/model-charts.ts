// Charts of the model itself: global importance of each feature, and a feature's learned shape
// (its contribution to the score across the values the scored profiles have).
import * as d3 from 'd3';
import { lineWithMarks, zeroLine } from './series';
import type { Importance } from '../../engine/scored';
import type { FeatureShape } from '../../ml/protocol';
import type { Waterfall } from '../../engine/explain/waterfall';
import { axisTitles, drawAxes, frame, gridY } from './axes';
import { drawBars, rowLabels } from './bars';
import { MODEL_COLOUR } from './colours';

const NUMBER = d3.format(',.4~g');

/** Mean absolute contribution per feature, largest first, as horizontal bars. */
export function drawImportance(
	node: SVGSVGElement,
	width: number,
	height: number,
	importance: Importance[]
): void {
	drawBars(
		node,
		width,
		height,
		importance.map((f) => ({
			label: f.name,
			value: f.meanAbs,
			text: f.meanAbs.toFixed(2),
			colour: MODEL_COLOUR,
			tip:
				`${f.name}: moves a score by ${f.meanAbs.toFixed(3)} log-odds on average ` +
				`(odds × ${Math.exp(f.meanAbs).toFixed(2)})`
		}))
	);
}

/** Contribution (log-odds) against the feature's value; a dot for "missing" when it occurs. */
export function drawShape(
	node: SVGSVGElement,
	width: number,
	height: number,
	shape: FeatureShape,
	name: string
): void {
	const m = { top: 10, right: 12, bottom: 38, left: 52 };
	const svg = frame(node, width, height);
	const points = shape.x.map((v, k) => ({ v, c: shape.contribution[k]! }));
	const cs = [...shape.contribution, ...(shape.missing === null ? [] : [shape.missing]), 0];
	const x = d3
		.scaleLinear()
		.domain(d3.extent(shape.x) as [number, number])
		.range([m.left, width - m.right]);
	if (points.length < 2) x.domain([(shape.x[0] ?? 0) - 1, (shape.x[0] ?? 0) + 1]);
	const y = d3
		.scaleLinear()
		.domain(d3.extent(cs) as [number, number])
		.nice()
		.range([height - m.bottom, m.top]);
	gridY(svg, y, m.left, width - m.right, 4);
	zeroLine(svg, y, m.left, width - m.right);
	const describe = (c: number) =>
		`${c >= 0 ? 'raises' : 'lowers'} the log-odds by ${Math.abs(c).toFixed(3)} (odds × ${Math.exp(c).toFixed(2)})`;
	lineWithMarks(
		svg,
		points,
		(p) => x(p.v),
		(p) => y(p.c),
		{
			colour: MODEL_COLOUR,
			r: 3.5,
			tip: (p) => `${name} = ${NUMBER(p.v)}: ${describe(p.c)}`
		}
	);
	if (shape.missing !== null)
		svg
			.append('circle')
			.attr('cx', m.left + 6)
			.attr('cy', y(shape.missing))
			.attr('r', 5)
			.attr('fill', 'var(--panel)')
			.attr('stroke', MODEL_COLOUR)
			.attr('stroke-width', 2)
			.attr('data-tip', `${name} missing: ${describe(shape.missing)}`);
	drawAxes(
		svg,
		d3.axisBottom(x).ticks(Math.max(2, width / 80)),
		d3.axisLeft(y).ticks(4),
		height,
		m
	);
	axisTitles(svg, width, height, m, name, 'Contribution (log-odds)');
}

/** A profile's walk from the baseline logit to its own, one horizontal bar per step. */
export function drawWaterfall(
	node: SVGSVGElement,
	width: number,
	height: number,
	w: Waterfall
): void {
	const m = { top: 4, right: 16, bottom: 34, left: Math.min(280, width * 0.42) };
	const svg = frame(node, width, height);
	const rows = [
		{ name: w.labels.start, from: w.baseline, to: w.baseline, contribution: 0 },
		...w.steps,
		{ name: w.labels.end, from: w.logit, to: w.logit, contribution: 0 }
	];
	const y = d3
		.scaleBand<number>()
		.domain(rows.map((_, i) => i))
		.range([m.top, height - m.bottom])
		.padding(0.2);
	const ends = rows.flatMap((r) => [r.from, r.to]);
	const x = d3
		.scaleLinear()
		.domain(d3.extent(ends) as [number, number])
		.nice()
		.range([m.left, width - m.right]);
	const odds = (z: number) => `${(100 / (1 + Math.exp(-z))).toFixed(1)} %`;
	const g = svg
		.append('g')
		.selectAll('g')
		.data(rows)
		.join('g')
		.attr('transform', (_, i) => `translate(0,${y(i)})`);
	g.append('rect')
		.attr('x', (r) => x(Math.min(r.from, r.to)) - (r.from === r.to ? 2 : 0))
		.attr('width', (r) => Math.max(4, Math.abs(x(r.to) - x(r.from))))
		.attr('height', y.bandwidth())
		.attr('fill', (r) =>
			r.from === r.to ? 'var(--text)' : r.contribution > 0 ? 'var(--high)' : 'var(--danger)'
		)
		.attr('data-tip', (r) =>
			r.from === r.to
				? `${r.name}: log-odds ${r.to.toFixed(2)} (probability ${odds(r.to)})`
				: `${r.name}: ${r.contribution >= 0 ? '+' : ''}${r.contribution.toFixed(3)} log-odds ` +
					`(probability ${odds(r.from)} → ${odds(r.to)})`
		);
	rowLabels(g, (r) => r.name, m.left, y.bandwidth());
	svg
		.append('g')
		.attr('transform', `translate(0,${height - m.bottom})`)
		.call(d3.axisBottom(x).ticks(Math.max(2, width / 90)))
		.attr('color', 'var(--muted)');
	axisTitles(svg, width, height, m, 'Log-odds of the goal', '');
}
