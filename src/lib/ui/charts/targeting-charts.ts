// Charts of the targeting helper: the expected goal events captured as more profiles are
// contacted (best first), and the expected profit of each campaign size.
import * as d3 from 'd3';
import { lineWithMarks, zeroLine } from './series';
import type { Targeting } from '../../engine/insights/targeting';
import { fmtInt, fmtPct } from '../format';
import { axisTitles, drawAxes, frame, gridY } from './axes';
import { MODEL_COLOUR } from './colours';

const M = { top: 12, right: 16, bottom: 38, left: 64 };

function marker(
	svg: d3.Selection<SVGSVGElement, unknown, null, undefined>,
	x: number,
	top: number,
	bottom: number,
	colour: string,
	tip: string,
	label: string
) {
	const g = svg.append('g').attr('data-marker', label);
	g.append('line')
		.attr('x1', x)
		.attr('x2', x)
		.attr('y1', top)
		.attr('y2', bottom)
		.attr('stroke', colour)
		.attr('stroke-width', 2)
		.attr('data-tip', tip);
	g.append('text')
		.attr('x', x + 4)
		.attr('y', top + 10)
		.attr('font-size', 11)
		.attr('fill', colour)
		.text(label);
}

/** Both charts' axes: profiles contacted (best first) along the bottom, a measure up the side. */
function contactedAxes(
	svg: d3.Selection<SVGSVGElement, unknown, null, undefined>,
	x: d3.ScaleLinear<number, number>,
	y: d3.ScaleLinear<number, number>,
	width: number,
	height: number,
	yFormat: string,
	yTitle: string
): void {
	drawAxes(
		svg,
		d3.axisBottom(x).ticks(Math.max(2, width / 90), ','),
		d3.axisLeft(y).ticks(5, yFormat),
		height,
		M
	);
	axisTitles(svg, width, height, M, 'Profiles contacted, highest probability first', yTitle);
}

/** Share of expected goal events against profiles contacted, with the current selection. */
export function drawCapture(
	node: SVGSVGElement,
	width: number,
	height: number,
	t: Targeting,
	selected: number,
	events: string
): void {
	const svg = frame(node, width, height);
	const total = t.cumulative[t.n] || 1;
	const ks = Array.from({ length: 201 }, (_, q) => Math.round((q / 200) * t.n));
	const x = d3
		.scaleLinear()
		.domain([0, t.n])
		.range([M.left, width - M.right]);
	const y = d3
		.scaleLinear()
		.domain([0, 1])
		.range([height - M.bottom, M.top]);
	gridY(svg, y, M.left, width - M.right);
	svg
		.append('path')
		.attr(
			'd',
			d3
				.area<number>()
				.x((k) => x(k))
				.y0(y(0))
				.y1((k) => y(t.cumulative[k]! / total))(ks.filter((k) => k <= selected).concat(selected))
		)
		.attr('fill', MODEL_COLOUR)
		.attr('fill-opacity', 0.15);
	lineWithMarks(
		svg,
		ks,
		(k) => x(k),
		(k) => y(t.cumulative[k]! / total),
		{
			colour: MODEL_COLOUR,
			marks: ks.filter((_, q) => q % 20 === 10),
			r: 3.5,
			tip: (k) =>
				`Top ${fmtInt(k)} profiles: ${fmtInt(t.cumulative[k]!)} expected ${events} ` +
				`(${fmtPct(t.cumulative[k]! / total)})`
		}
	);
	marker(
		svg,
		x(selected),
		M.top,
		height - M.bottom,
		'var(--text)',
		`Selected: ${fmtInt(selected)} profiles, ${fmtInt(t.cumulative[selected]!)} expected ${events} (${fmtPct(t.cumulative[selected]! / total)})`,
		'selected'
	);
	contactedAxes(svg, x, y, width, height, '.0%', `Expected ${events} captured`);
}

/** Expected profit against profiles contacted, with the best size and the current selection. */
export function drawProfit(
	node: SVGSVGElement,
	width: number,
	height: number,
	curve: { k: number; profit: number }[],
	best: number,
	selected: number,
	n: number
): void {
	const svg = frame(node, width, height);
	const x = d3
		.scaleLinear()
		.domain([0, n])
		.range([M.left, width - M.right]);
	const y = d3
		.scaleLinear()
		.domain(d3.extent([0, ...curve.map((p) => p.profit)]) as [number, number])
		.nice()
		.range([height - M.bottom, M.top]);
	gridY(svg, y, M.left, width - M.right);
	zeroLine(svg, y, M.left, width - M.right);
	const money = d3.format(',.0f');
	lineWithMarks(
		svg,
		curve,
		(p) => x(p.k),
		(p) => y(p.profit),
		{
			colour: 'var(--good)',
			marks: curve.filter((_, q) => q % 20 === 10),
			r: 3.5,
			tip: (p) => `Contact the top ${fmtInt(p.k)}: expected profit ${money(p.profit)}`
		}
	);
	const at = (k: number) => curve.find((p) => p.k === k)?.profit ?? NaN;
	marker(
		svg,
		x(best),
		M.top,
		height - M.bottom,
		'var(--good)',
		`Best: contact the top ${fmtInt(best)} for an expected profit of ${money(at(best))}`,
		'best'
	);
	if (selected !== best)
		marker(
			svg,
			x(selected),
			M.top + 14,
			height - M.bottom,
			'var(--text)',
			`Selected: ${fmtInt(selected)} profiles, expected profit ${money(at(selected))}`,
			'selected'
		);
	contactedAxes(svg, x, y, width, height, '~s', 'Expected profit');
}
