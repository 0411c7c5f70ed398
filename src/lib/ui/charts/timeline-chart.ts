// A customer's events over the lookback before the scoring cutoff (one row per event type), the
// cutoff itself, and the outcome window after it that the score is about.
import * as d3 from 'd3';
import type { CustomerTimeline } from '../../state/profile-explain';
import { fmtDay } from '../format';
import { fitLabel, frame } from './axes';

const COLOURS = d3.schemeTableau10;

export function drawTimeline(
	node: SVGSVGElement,
	width: number,
	height: number,
	t: CustomerTimeline
): void {
	const m = { top: 18, right: 12, bottom: 24, left: Math.min(200, width * 0.3) };
	const svg = frame(node, width, height);
	const types = [...new Set(t.events.map((e) => e.event))];
	const x = d3
		.scaleUtc()
		.domain([t.start, t.windowEnd])
		.range([m.left, width - m.right]);
	const y = d3
		.scaleBand()
		.domain(types)
		.range([m.top, height - m.bottom])
		.padding(0.3);
	// The outcome window: what the score predicts, after the data ends.
	svg
		.append('rect')
		.attr('x', x(t.cutoff))
		.attr('y', m.top)
		.attr('width', x(t.windowEnd) - x(t.cutoff))
		.attr('height', height - m.top - m.bottom)
		.attr('fill', 'var(--notice-bg)')
		.attr(
			'data-tip',
			`Outcome window: ${fmtDay(t.cutoff)} to ${fmtDay(t.windowEnd)} (what the score predicts)`
		);
	svg
		.append('line')
		.attr('x1', x(t.cutoff))
		.attr('x2', x(t.cutoff))
		.attr('y1', m.top - 6)
		.attr('y2', height - m.bottom)
		.attr('stroke', 'var(--text)')
		.attr('stroke-width', 2);
	svg
		.append('text')
		.attr('x', x(t.cutoff) + 4)
		.attr('y', m.top - 6)
		.attr('font-size', 11)
		.attr('fill', 'var(--text)')
		.text(`scoring cutoff ${fmtDay(t.cutoff)}`);
	svg
		.append('g')
		.selectAll('circle')
		.data(t.events)
		.join('circle')
		.attr('cx', (e) => x(e.t))
		.attr('cy', (e) => y(e.event)! + y.bandwidth() / 2)
		.attr('r', 4)
		.attr('fill', (e) => COLOURS[types.indexOf(e.event) % COLOURS.length]!)
		.attr('fill-opacity', 0.8)
		.attr(
			'data-tip',
			(e) =>
				`${new Date(e.t).toISOString().slice(0, 16).replace('T', ' ')} UTC: ${e.event}` +
				(isFinite(e.value) ? `, value ${e.value.toLocaleString('en-US')}` : '')
		);
	svg
		.append('g')
		.selectAll('text')
		.data(types)
		.join('text')
		.attr('x', m.left - 6)
		.attr('y', (d) => y(d)! + y.bandwidth() / 2)
		.attr('text-anchor', 'end')
		.attr('dominant-baseline', 'middle')
		.attr('font-size', 11)
		.attr('fill', 'var(--text)')
		.text((d) => fitLabel(d, m.left - 10));
	svg
		.append('g')
		.attr('transform', `translate(0,${height - m.bottom})`)
		.call(d3.axisBottom(x).ticks(Math.max(2, width / 110)))
		.attr('color', 'var(--muted)');
}
