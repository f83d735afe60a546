// Draws one panel of the batch-size plot with d3, from props only: axes, the median line with a
// min–p90 band (latency), or the throughput line. Colours come from the theme's CSS variables (BatchLatency.css).
import { area, axisBottom, axisLeft, line, select } from 'd3';
import { margin, batchScale, latencyScale, logTicks, throughputScale, type Frame } from './chart';
import type { LatencyRow } from './measure';

export interface PanelProps extends Frame {
  kind: 'latency' | 'throughput';
  /** The batch sizes chosen for this series: the x axis shows all of them, measured or not yet. */
  batches: readonly number[];
  rows: readonly LatencyRow[];
  xLabel: string;
  yLabel: string;
  /** Tooltip text of one point. */
  pointLabel(row: LatencyRow): string;
  formatY(value: number): string;
}

export function drawPanel(svg: SVGSVGElement, p: PanelProps): void {
  const root = select(svg);
  root.selectAll('*').remove();
  root.attr('viewBox', `0 0 ${p.width} ${p.height}`).attr('width', p.width).attr('height', p.height);
  const m = margin(p);
  if (p.width < m.left + m.right + 20 || p.batches.length === 0) return;

  const x = batchScale(p.batches, p);
  const y = p.kind === 'latency' ? latencyScale(p.rows, p) : throughputScale(p.rows, p);
  const yTicks = p.kind === 'latency' ? logTicks(y.domain()) : y.ticks(4);
  const bottom = p.height - m.bottom;
  const rows = [...p.rows].sort((a, b) => a.batch - b.batch);

  root
    .append('g')
    .attr('class', 'bl-grid')
    .selectAll('line')
    .data(yTicks)
    .join('line')
    .attr('x1', m.left)
    .attr('x2', p.width - m.right)
    .attr('y1', (t) => y(t))
    .attr('y2', (t) => y(t));

  // On narrow panels, label every other batch size so the numbers do not collide.
  const crowded = (p.width - m.left - m.right) / p.batches.length < 30;
  root
    .append('g')
    .attr('class', 'bl-axis')
    .attr('transform', `translate(0,${bottom})`)
    .call(
      axisBottom(x)
        .tickValues([...p.batches])
        .tickFormat((b) => (crowded && p.batches.indexOf(b as number) % 2 === 1 ? '' : String(b))),
    );
  root
    .append('g')
    .attr('class', 'bl-axis')
    .attr('transform', `translate(${m.left},0)`)
    .call(
      axisLeft(y)
        .tickValues(yTicks)
        .tickFormat((v) => p.formatY(v as number)),
    );

  root
    .append('text')
    .attr('class', 'bl-axis-label')
    .attr('x', (m.left + p.width - m.right) / 2)
    .attr('y', p.height - 6 * (p.scale ?? 1))
    .attr('text-anchor', 'middle')
    .text(p.xLabel);
  root
    .append('text')
    .attr('class', 'bl-axis-label')
    .attr('transform', `translate(${14 * (p.scale ?? 1)},${(m.top + bottom) / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle')
    .text(p.yLabel);

  const value = (r: LatencyRow) => (p.kind === 'latency' ? r.median : r.throughput);
  if (p.kind === 'latency')
    root
      .append('path')
      .attr('class', 'bl-band')
      .attr(
        'd',
        area<LatencyRow>()
          .x((r) => x(r.batch))
          .y0((r) => y(r.min))
          .y1((r) => y(r.p90))(rows) ?? '',
      );
  root
    .append('path')
    .attr('class', `bl-line ${p.kind}`)
    .attr(
      'd',
      line<LatencyRow>()
        .x((r) => x(r.batch))
        .y((r) => y(value(r)))(rows) ?? '',
    );
  root
    .append('g')
    .selectAll('circle')
    .data(rows)
    .join('circle')
    .attr('class', `bl-point ${p.kind}`)
    .attr('cx', (r) => x(r.batch))
    .attr('cy', (r) => y(value(r)))
    .attr('r', 3.5)
    .append('title')
    .text(p.pointLabel);
}
