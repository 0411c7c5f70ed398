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

export function drawAxes(
	svg: d3.Selection<SVGSVGElement, unknown, null, undefined>,
	bottom: d3.Axis<d3.NumberValue | Date>,
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
