// Horizontal bars with a label on the left and the value at the bar's end: the shape of the
// importance chart and the reason segments chart.
import * as d3 from 'd3';
import { fitLabel, frame } from './axes';

export interface Bar {
	label: string;
	value: number;
	/** The value as written at the bar's end. */
	text: string;
	tip: string;
	colour: string;
}

/** Each row's name, right-aligned before the bars that start at `left`, shortened to fit. */
export function rowLabels<T>(
	row: d3.Selection<d3.BaseType | SVGGElement, T, SVGGElement, unknown>,
	label: (d: T) => string,
	left: number,
	bandwidth: number
): void {
	row
		.append('text')
		.attr('x', left - 6)
		.attr('y', bandwidth / 2)
		.attr('text-anchor', 'end')
		.attr('dominant-baseline', 'middle')
		.attr('font-size', 12)
		.attr('fill', 'var(--text)')
		.text((d) => fitLabel(label(d), left - 10));
}

export function drawBars(node: SVGSVGElement, width: number, height: number, bars: Bar[]): void {
	const m = { top: 4, right: 56, bottom: 4, left: Math.min(300, width * 0.45) };
	const svg = frame(node, width, height);
	const y = d3
		.scaleBand<number>()
		.domain(bars.map((_, i) => i))
		.range([m.top, height - m.bottom])
		.padding(0.18);
	const x = d3
		.scaleLinear()
		.domain([0, d3.max(bars, (b) => b.value) || 1])
		.range([m.left, width - m.right]);
	const row = svg
		.append('g')
		.selectAll('g')
		.data(bars)
		.join('g')
		.attr('transform', (_, i) => `translate(0,${y(i)})`);
	row
		.append('rect')
		.attr('x', m.left)
		.attr('width', (b) => Math.max(1, x(b.value) - m.left))
		.attr('height', y.bandwidth())
		.attr('fill', (b) => b.colour)
		.attr('data-tip', (b) => b.tip);
	rowLabels(row, (b) => b.label, m.left, y.bandwidth());
	row
		.append('text')
		.attr('x', (b) => x(b.value) + 4)
		.attr('y', y.bandwidth() / 2)
		.attr('dominant-baseline', 'middle')
		.attr('font-size', 12)
		.attr('fill', 'var(--muted)')
		.text((b) => b.text);
}
