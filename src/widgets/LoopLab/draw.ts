// The loop lab's chart, drawn with d3 from props only: one horizontal bar per variant, its length the measured
// GFLOP/s, with the naive ijk loop marked as a dashed line. Colours come from LoopLab.css.
import { axisBottom, scaleBand, scaleLinear, select } from 'd3';
import type { GemmVariant } from '../../engine';

export interface Bar {
  key: string;
  label: string;
  kind: GemmVariant['kind'];
  /** null: not measured yet, or too fast for the clock. */
  gflops: number | null;
  /** Text at the end of the bar (value and time), a shorter one for narrow charts, and the tooltip. */
  note: string;
  shortNote: string;
  tooltip: string;
}

export interface ChartProps {
  width: number;
  /** Root font size / 16: the chart grows with the page in presenter mode. */
  scale: number;
  bars: readonly Bar[];
  /** GFLOP/s of the naive ijk loop, when measured. */
  reference: number | null;
  xLabel: string;
  referenceLabel: string;
  formatTick(v: number): string;
}

const ROW = 30;

/** Below this width (CSS px at scale 1) labels go above their bars and bars carry only their GFLOP/s. */
const NARROW = 520;

const narrow = (p: Pick<ChartProps, 'scale' | 'width'>) => p.width < NARROW * p.scale;

export function chartMargin(p: Pick<ChartProps, 'scale' | 'bars' | 'width'>) {
  const longest = Math.max(4, ...p.bars.map((b) => b.label.length));
  const tight = narrow(p);
  return {
    top: 20 * p.scale,
    right: (tight ? 48 : 150) * p.scale,
    bottom: 42 * p.scale,
    left: tight ? 14 * p.scale : Math.min(210, 8.2 * longest + 14) * p.scale,
  };
}

export function chartHeight(p: Pick<ChartProps, 'scale' | 'bars' | 'width'>): number {
  const m = chartMargin(p);
  return m.top + m.bottom + Math.max(1, p.bars.length) * (narrow(p) ? 1.6 : 1) * ROW * p.scale;
}

/** x: GFLOP/s from 0 to a little past the largest value (1 when nothing is measured yet). */
export function gflopsScale(p: ChartProps) {
  const m = chartMargin(p);
  const max = Math.max(0, ...p.bars.map((b) => b.gflops ?? 0), p.reference ?? 0);
  return scaleLinear()
    .domain([0, max > 0 ? max * 1.05 : 1])
    .range([m.left, Math.max(m.left + 10, p.width - m.right)])
    .nice();
}

export function drawChart(svg: SVGSVGElement, p: ChartProps): void {
  const root = select(svg);
  root.selectAll('*').remove();
  const height = chartHeight(p);
  root.attr('viewBox', `0 0 ${p.width} ${height}`).attr('width', p.width).attr('height', height);
  const m = chartMargin(p);
  if (p.width < m.left + m.right + 40 || p.bars.length === 0) return;
  const x = gflopsScale(p);
  const tight = narrow(p);
  const y = scaleBand<string>()
    .domain(p.bars.map((b) => b.key))
    .range([m.top, height - m.bottom])
    .paddingInner(tight ? 0.55 : 0.22)
    .paddingOuter(tight ? 0.45 : 0.22)
    .align(1);
  const bottom = height - m.bottom;
  const ticks = x.ticks(Math.max(2, Math.floor((p.width - m.left - m.right) / (70 * p.scale))));

  root
    .append('g')
    .attr('class', 'll-grid')
    .selectAll('line')
    .data(ticks)
    .join('line')
    .attr('x1', (t) => x(t))
    .attr('x2', (t) => x(t))
    .attr('y1', m.top)
    .attr('y2', bottom);
  root
    .append('g')
    .attr('class', 'll-axis')
    .attr('transform', `translate(0,${bottom})`)
    .call(
      axisBottom(x)
        .tickValues(ticks)
        .tickFormat((v) => p.formatTick(v as number)),
    );
  root
    .append('text')
    .attr('class', 'll-axis-label')
    .attr('x', (m.left + p.width - m.right) / 2)
    .attr('y', height - 6 * p.scale)
    .attr('text-anchor', 'middle')
    .text(p.xLabel);

  const rows = root
    .append('g')
    .selectAll('g')
    .data(p.bars)
    .join('g')
    .attr('class', (b) => `ll-bar ${b.kind}${b.gflops === null ? ' pending' : ''}`)
    .attr('data-key', (b) => b.key);
  // Labels left of the bars; on a narrow chart, above them.
  rows
    .append('text')
    .attr('class', 'll-label')
    .attr('x', tight ? m.left : m.left - 8 * p.scale)
    .attr('y', (b) => (tight ? y(b.key)! - 4 * p.scale : y(b.key)! + y.bandwidth() / 2))
    .attr('dy', tight ? 0 : '0.35em')
    .attr('text-anchor', tight ? 'start' : 'end')
    .text((b) => b.label);
  rows
    .append('rect')
    .attr('x', m.left)
    .attr('y', (b) => y(b.key)!)
    .attr('height', y.bandwidth())
    .attr('width', (b) => Math.max(0, x(b.gflops ?? 0) - m.left))
    .append('title')
    .text((b) => b.tooltip);
  rows
    .append('text')
    .attr('class', 'll-value')
    .attr('x', (b) => x(b.gflops ?? 0) + 6 * p.scale)
    .attr('y', (b) => y(b.key)! + y.bandwidth() / 2)
    .attr('dy', '0.35em')
    .text((b) => (tight ? b.shortNote : b.note));

  if (p.reference !== null && p.reference > 0) {
    const rx = x(p.reference);
    root
      .append('line')
      .attr('class', 'll-reference')
      .attr('x1', rx)
      .attr('x2', rx)
      .attr('y1', m.top - 4)
      .attr('y2', bottom);
    root
      .append('text')
      .attr('class', 'll-reference-label')
      .attr('x', rx)
      .attr('y', m.top - 7 * p.scale)
      .attr('text-anchor', 'middle')
      .text(p.referenceLabel);
  }
}
