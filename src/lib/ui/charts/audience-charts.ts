// Charts of the scored audience: the bucket ring, the probability histogram by bucket, a
// feature's value distribution per bucket, and the reason segments. Each draws from the small
// summaries of engine/insights, never from profile rows.
import * as d3 from 'd3';
import type { BucketSummary, HistogramBin } from '../../engine/insights/audience';
import type { Distribution } from '../../engine/insights/drivers';
import type { ReasonSegment } from '../../engine/insights/segments';
import { BUCKETS } from '../../engine/scores';
import { fmtInt, fmtPct } from '../format';
import { axisTitles, drawAxes, fmtShare, frame, gridY, legend } from './axes';
import { drawBars } from './bars';
import { BUCKET_COLOUR, BUCKET_NAME } from './colours';

/** Profiles per bucket as a ring, the total in its middle. `events` names the goal events. */
export function drawBucketRing(
	node: SVGSVGElement,
	width: number,
	height: number,
	buckets: BucketSummary[],
	events: string
): void {
	const svg = frame(node, width, height);
	const total = d3.sum(buckets, (b) => b.profiles);
	const r = Math.min(height, width) / 2 - 4;
	const g = svg.append('g').attr('transform', `translate(${width / 2},${height / 2})`);
	const arcs = d3
		.pie<BucketSummary>()
		.sort(null)
		.value((b) => b.profiles)(buckets);
	const arc = d3
		.arc<d3.PieArcDatum<BucketSummary>>()
		.innerRadius(r * 0.62)
		.outerRadius(r)
		.padAngle(0.01);
	g.selectAll('path')
		.data(arcs)
		.join('path')
		.attr('d', arc)
		.attr('fill', (a) => BUCKET_COLOUR[a.data.bucket])
		.attr('data-bucket', (a) => a.data.bucket)
		.attr(
			'data-tip',
			(a) =>
				`${BUCKET_NAME[a.data.bucket]} bucket: ${fmtInt(a.data.profiles)} profiles (${fmtPct(
					a.data.profiles / (total || 1),
					0
				)})\n${fmtInt(a.data.expected)} expected ${events}`
		);
	g.append('text')
		.attr('text-anchor', 'middle')
		.attr('dy', '-0.1em')
		.attr('font-size', 18)
		.attr('font-weight', 600)
		.attr('fill', 'var(--text)')
		.text(fmtInt(total));
	g.append('text')
		.attr('text-anchor', 'middle')
		.attr('dy', '1.3em')
		.attr('font-size', 11)
		.attr('fill', 'var(--muted)')
		.text('profiles');
}

/** Profiles per probability bin, stacked by bucket. */
export function drawHistogram(
	node: SVGSVGElement,
	width: number,
	height: number,
	bins: HistogramBin[]
): void {
	const m = { top: 22, right: 8, bottom: 36, left: 52 };
	const svg = frame(node, width, height);
	const x = d3
		.scaleLinear()
		.domain([bins[0]?.x0 ?? 0, bins.at(-1)?.x1 ?? 1])
		.range([m.left, width - m.right]);
	const y = d3
		.scaleLinear()
		.domain([0, d3.max(bins, (b) => b.total) || 1])
		.nice()
		.range([height - m.bottom, m.top]);
	gridY(svg, y, m.left, width - m.right);
	const stacked = bins.flatMap((b) => {
		let base = 0;
		return BUCKETS.map((bucket) => {
			const seg = { bin: b, bucket, y0: base, y1: base + b.counts[bucket] };
			base = seg.y1;
			return seg;
		}).filter((s) => s.y1 > s.y0);
	});
	const range = (b: HistogramBin) => `${fmtPct(b.x0)} – ${fmtPct(b.x1)}`;
	svg
		.append('g')
		.selectAll('rect')
		.data(stacked)
		.join('rect')
		.attr('x', (s) => x(s.bin.x0) + 0.5)
		.attr('width', (s) => Math.max(1, x(s.bin.x1) - x(s.bin.x0) - 1))
		.attr('y', (s) => y(s.y1))
		.attr('height', (s) => Math.max(1, y(s.y0) - y(s.y1)))
		.attr('fill', (s) => BUCKET_COLOUR[s.bucket])
		.attr(
			'data-tip',
			(s) =>
				`Probability ${range(s.bin)}: ${fmtInt(s.bin.total)} profiles\n` +
				BUCKETS.filter((b) => s.bin.counts[b])
					.map((b) => `${BUCKET_NAME[b]}: ${fmtInt(s.bin.counts[b])}`)
					.join(' · ')
		);
	drawAxes(
		svg,
		d3.axisBottom(x).ticks(Math.min(10, width / 70), '.0%'),
		d3.axisLeft(y).ticks(4),
		height,
		m
	);
	axisTitles(svg, width, height, m, 'Probability of the goal', 'Profiles');
	legend(
		svg,
		BUCKETS.map((b) => ({ label: BUCKET_NAME[b], colour: BUCKET_COLOUR[b] })),
		m.left,
		8
	);
}

/** A feature's value groups (x) with one bar per bucket: the share of that bucket's profiles. */
export function drawDistribution(
	node: SVGSVGElement,
	width: number,
	height: number,
	d: Distribution
): void {
	const m = { top: 8, right: 8, bottom: 40, left: 44 };
	const svg = frame(node, width, height);
	const x = d3
		.scaleBand()
		.domain(d.groups.map((g) => g.label))
		.range([m.left, width - m.right])
		.paddingInner(0.25)
		.paddingOuter(0.1);
	const inner = d3.scaleBand<string>().domain(BUCKETS).range([0, x.bandwidth()]).padding(0.08);
	const max = d3.max(d.groups, (g) => Math.max(g.share.high, g.share.medium, g.share.low)) || 1;
	const y = d3
		.scaleLinear()
		.domain([0, max])
		.nice()
		.range([height - m.bottom, m.top]);
	gridY(svg, y, m.left, width - m.right, 3);
	const bars = d.groups.flatMap((g) =>
		BUCKETS.map((bucket) => ({ g, bucket, v: g.share[bucket] }))
	);
	svg
		.append('g')
		.selectAll('rect')
		.data(bars)
		.join('rect')
		.attr('x', (b) => x(b.g.label)! + inner(b.bucket)!)
		.attr('width', inner.bandwidth())
		.attr('y', (b) => y(b.v))
		.attr('height', (b) => Math.max(b.v > 0 ? 1 : 0, y(0) - y(b.v)))
		.attr('fill', (b) => BUCKET_COLOUR[b.bucket])
		.attr(
			'data-tip',
			(b) => `${BUCKET_NAME[b.bucket]} bucket: ${fmtPct(b.v)} of profiles\n${d.name}: ${b.g.label}`
		);
	drawAxes(svg, d3.axisBottom(x), d3.axisLeft(y).ticks(3, '.0%'), height, m);
	axisTitles(svg, width, height, m, d.name, 'Share of bucket');
}

/** Reason segments as horizontal bars of their sizes. */
export function drawSegments(
	node: SVGSVGElement,
	width: number,
	height: number,
	segments: ReasonSegment[],
	events: string
): void {
	const total = d3.sum(segments, (s) => s.profiles) || 1;
	drawBars(
		node,
		width,
		height,
		segments.map((s) => ({
			label: s.name,
			value: s.profiles,
			text: fmtInt(s.profiles),
			colour: s.key ? 'var(--high)' : 'var(--neutral)',
			tip:
				`${s.name}: ${fmtInt(s.profiles)} profiles (${fmtShare(s.profiles / total)})\n` +
				`${fmtInt(s.expected)} expected ${events}, mean probability ${fmtPct(s.meanProbability)}` +
				(s.typical ? `\nTypical: ${s.typical}` : '')
		}))
	);
}
