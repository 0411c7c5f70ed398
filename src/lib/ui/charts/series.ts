// What most charts here draw: a line through points with a hover mark (and its tooltip) on some
// of them, and a line at zero. One place, so every chart's marks behave alike.
import * as d3 from 'd3';
import type { Svg } from './axes';

export interface SeriesStyle<T> {
	colour: string;
	/** Line width; 2 unless given. */
	width?: number;
	/** Stroke dashes, e.g. '5 4' for a baseline; solid unless given. */
	dash?: string | null;
	/** The path's `data-series` (tests and styles find a series by it). */
	name?: string;
	/** The points that get a hover mark; every point of the line unless given. */
	marks?: T[];
	/** Mark radius, fixed or per point; 4 unless given. */
	r?: number | ((d: T) => number);
	/** Marks filled with the panel colour and outlined (a secondary series). */
	hollow?: boolean;
	/** Outline the marks in the series colour (hollow ones always are). */
	outline?: boolean;
	fillOpacity?: number;
	tip: (d: T) => string;
}

export function lineWithMarks<T>(
	svg: Svg,
	points: T[],
	x: (d: T) => number,
	y: (d: T) => number,
	s: SeriesStyle<T>
): void {
	svg
		.append('path')
		.attr('d', d3.line<T>().x(x).y(y)(points))
		.attr('fill', 'none')
		.attr('stroke', s.colour)
		.attr('stroke-width', s.width ?? 2)
		.attr('stroke-dasharray', s.dash ?? null)
		.attr('data-series', s.name ?? null);
	const marks = svg
		.append('g')
		.selectAll('circle')
		.data(s.marks ?? points)
		.join('circle')
		.attr('cx', x)
		.attr('cy', y)
		.attr('r', s.r ?? 4)
		.attr('fill', s.hollow ? 'var(--panel)' : s.colour)
		.attr('data-tip', s.tip);
	if (s.hollow || s.outline) marks.attr('stroke', s.colour);
	if (s.fillOpacity !== undefined) marks.attr('fill-opacity', s.fillOpacity);
}

/** A horizontal line at y = 0 from x0 to x1. */
export function zeroLine(
	svg: Svg,
	y: d3.ScaleLinear<number, number>,
	x0: number,
	x1: number
): void {
	svg
		.append('line')
		.attr('x1', x0)
		.attr('x2', x1)
		.attr('y1', y(0))
		.attr('y2', y(0))
		.attr('stroke', 'var(--muted)');
}
