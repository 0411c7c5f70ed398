// Charts of the model itself: global importance of each feature, and a feature's learned shape
// (its contribution to the score across the values the scored profiles have).
import * as d3 from 'd3';
import type { Importance } from '../../engine/scored';
import type { FeatureShape } from '../../ml/protocol';
import { axisTitles, drawAxes, frame, gridY } from './axes';
import { drawBars } from './bars';
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
	svg
		.append('line')
		.attr('x1', m.left)
		.attr('x2', width - m.right)
		.attr('y1', y(0))
		.attr('y2', y(0))
		.attr('stroke', 'var(--muted)');
	svg
		.append('path')
		.attr(
			'd',
			d3
				.line<(typeof points)[number]>()
				.x((p) => x(p.v))
				.y((p) => y(p.c))(points)
		)
		.attr('fill', 'none')
		.attr('stroke', MODEL_COLOUR)
		.attr('stroke-width', 2);
	const describe = (c: number) =>
		`${c >= 0 ? 'raises' : 'lowers'} the log-odds by ${Math.abs(c).toFixed(3)} (odds × ${Math.exp(c).toFixed(2)})`;
	svg
		.append('g')
		.selectAll('circle')
		.data(points)
		.join('circle')
		.attr('cx', (p) => x(p.v))
		.attr('cy', (p) => y(p.c))
		.attr('r', 3.5)
		.attr('fill', MODEL_COLOUR)
		.attr('data-tip', (p) => `${name} = ${NUMBER(p.v)}: ${describe(p.c)}`);
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
