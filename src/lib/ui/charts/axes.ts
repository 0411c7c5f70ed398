// The frame every chart shares: an SVG sized to its box, cleared, with a bottom and a left axis.
import * as d3 from 'd3';

export interface Margin {
	top: number;
	right: number;
	bottom: number;
	left: number;
}

/** Clears `node`, sets its viewBox, and returns the d3 selection to draw into. */
export function frame(node: SVGSVGElement, width: number, height: number) {
	const svg = d3.select(node).attr('viewBox', `0 0 ${width} ${height}`);
	svg.selectAll('*').remove();
	return svg;
}

export function drawAxes<X extends d3.AxisDomain>(
	svg: d3.Selection<SVGSVGElement, unknown, null, undefined>,
	bottom: d3.Axis<X>,
	left: d3.Axis<d3.NumberValue>,
	height: number,
	m: Margin
): void {
	svg
		.append('g')
		.attr('transform', `translate(0,${height - m.bottom})`)
		.call(bottom)
		.attr('color', 'var(--muted)');
	svg
		.append('g')
		.attr('transform', `translate(${m.left},0)`)
		.call(left)
		.attr('color', 'var(--muted)');
}

export type Svg = d3.Selection<SVGSVGElement, unknown, null, undefined>;

/** Draws into an SVG of the given size; what Chart.svelte calls on every redraw. */
export type Draw = (svg: SVGSVGElement, width: number, height: number) => void;

/** Axis titles: under the bottom axis and rotated beside the left one. */
export function axisTitles(
	svg: Svg,
	width: number,
	height: number,
	m: Margin,
	x: string,
	y: string
) {
	svg
		.append('text')
		.attr('x', (m.left + width - m.right) / 2)
		.attr('y', height - 4)
		.attr('text-anchor', 'middle')
		.attr('fill', 'var(--muted)')
		.attr('font-size', 11)
		.text(x);
	svg
		.append('text')
		.attr('transform', `translate(12,${(m.top + height - m.bottom) / 2}) rotate(-90)`)
		.attr('text-anchor', 'middle')
		.attr('fill', 'var(--muted)')
		.attr('font-size', 11)
		.text(y);
}

export interface LegendItem {
	label: string;
	colour: string;
	dashed?: boolean;
}

/** A one-row legend of line or swatch keys, starting at (x, y). */
export function legend(svg: Svg, items: LegendItem[], x: number, y: number): void {
	const g = svg.append('g').attr('transform', `translate(${x},${y})`).attr('font-size', 11);
	let at = 0;
	for (const item of items) {
		g.append('line')
			.attr('x1', at)
			.attr('x2', at + 16)
			.attr('y1', 0)
			.attr('y2', 0)
			.attr('stroke', item.colour)
			.attr('stroke-width', item.dashed ? 2 : 6)
			.attr('stroke-dasharray', item.dashed ? '4 3' : null);
		const text = g
			.append('text')
			.attr('x', at + 20)
			.attr('y', 0)
			.attr('dominant-baseline', 'middle')
			.attr('fill', 'var(--text)')
			.text(item.label);
		at += 28 + (text.node()?.getComputedTextLength?.() || item.label.length * 6);
	}
}

/** Horizontal grid lines at the y ticks, behind the marks. */
export function gridY(
	svg: Svg,
	y: d3.ScaleLinear<number, number>,
	x0: number,
	x1: number,
	ticks = 4
) {
	svg
		.append('g')
		.selectAll('line')
		.data(y.ticks(ticks))
		.join('line')
		.attr('x1', x0)
		.attr('x2', x1)
		.attr('y1', (v) => y(v))
		.attr('y2', (v) => y(v))
		.attr('stroke', 'var(--grid)');
}

export const fmtShare = d3.format('.0%');
export const fmtShare1 = d3.format('.1%');

/** Shortens a label to about `width` pixels of 12 px text (the full text stays in the tooltip). */
export function fitLabel(text: string, width: number): string {
	const chars = Math.max(4, Math.floor(width / 6.6));
	return text.length <= chars ? text : text.slice(0, chars - 1).trimEnd() + '…';
}
