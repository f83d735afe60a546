// Draws the explorer's panels with d3 from props only: the histogram with thresholds, grid and clipped
// zones; the error of each method split into rounding and clipping; the objective entropy and MSE calibration
// minimized; per channel, every channel's range.
// Colours come from CSS classes (QuantExplorer.css) so that they follow the theme.
import {
  axisBottom,
  axisLeft,
  format,
  line,
  scaleBand,
  scaleLinear,
  scaleLog,
  scaleSymlog,
  select,
  type ScaleLinear,
} from 'd3';
import type { CalibrationMethod } from '../../engine';
import type { ExplorerChart, MethodCurve } from './chart';

export interface Frame {
  width: number;
  height: number;
  /** Root font size ÷ 16 (presenter mode enlarges text, so margins grow with it). */
  scale: number;
}

export interface HistogramProps extends Frame {
  chart: ExplorerChart;
  selected: CalibrationMethod;
  logY: boolean;
  xLabel: string;
  yLabel: string;
  rangeLabel: string;
  formatX(v: number): string;
}

/** 0, 1, 10, 100 … up to max: the ticks of a symlog count axis. */
export function powersOfTen(max: number): number[] {
  const ticks = [0];
  for (let t = 1; t <= max; t *= 10) ticks.push(t);
  return ticks;
}

const margins = (s: number) => ({ top: 26 * s, right: 14 * s, bottom: 56 * s, left: 52 * s });

function prepare(svg: SVGSVGElement, { width, height }: Frame) {
  const root = select(svg);
  root.selectAll('*').remove();
  root.attr('viewBox', `0 0 ${width} ${height}`).attr('width', width).attr('height', height);
  return root;
}

/** The x label centred under the plot, the y label turned along the left edge. */
function axisLabels(root: ReturnType<typeof prepare>, p: Frame & { xLabel: string; yLabel: string }): void {
  const m = margins(p.scale);
  const label = () => root.append('text').attr('class', 'qe-axis-label').attr('text-anchor', 'middle');
  label()
    .attr('x', (m.left + p.width - m.right) / 2)
    .attr('y', p.height - 4 * p.scale)
    .text(p.xLabel);
  label()
    .attr('transform', `translate(${12 * p.scale},${(m.top + p.height - m.bottom) / 2}) rotate(-90)`)
    .text(p.yLabel);
}

export function xScale(p: Frame & { chart: ExplorerChart }): ScaleLinear<number, number> {
  const m = margins(p.scale);
  return scaleLinear()
    .domain(p.chart.domain)
    .range([m.left, p.width - m.right]);
}

export function drawHistogram(svg: SVGSVGElement, p: HistogramProps): void {
  const root = prepare(svg, p);
  const m = margins(p.scale);
  if (p.width < m.left + m.right + 40) return;
  const { chart } = p;
  const x = xScale(p);
  const bottom = p.height - m.bottom;
  const top = m.top;
  const maxCount = Math.max(1, ...chart.bars.map((b) => b.count));
  const y = (p.logY ? scaleSymlog() : scaleLinear())
    .domain([0, maxCount])
    .range([bottom, top + 10 * p.scale]);

  // Clipped zones of the shown method: everything beyond them saturates to the end levels.
  const [d0, d1] = chart.domain;
  const zones = [
    [d0, Math.max(d0, chart.unclipped.min)],
    [Math.min(d1, chart.unclipped.max), d1],
  ].filter(([a, b]) => b > a);
  root
    .append('g')
    .selectAll('rect')
    .data(zones)
    .join('rect')
    .attr('class', 'qe-clipzone')
    .attr('x', ([a]) => x(a))
    .attr('width', ([a, b]) => x(b) - x(a))
    .attr('y', top)
    .attr('height', bottom - top);

  root
    .append('g')
    .attr('class', 'qe-bars')
    .selectAll('rect')
    .data(chart.bars)
    .join('rect')
    .attr('x', (b) => x(b.x0))
    .attr('width', (b) => Math.max(0.5, x(b.x1) - x(b.x0) - 0.3))
    .attr('y', (b) => y(b.count))
    .attr('height', (b) => bottom - y(b.count));

  // The grid: one tick per representable value, in a strip under the plot.
  const strip = bottom + 4 * p.scale;
  root
    .append('g')
    .attr('class', 'qe-levels')
    .selectAll('line')
    .data(Array.from(chart.levels).filter((v) => v >= d0 && v <= d1))
    .join('line')
    .attr('x1', (v) => x(v))
    .attr('x2', (v) => x(v))
    .attr('y1', strip)
    .attr('y2', strip + 9 * p.scale);

  // Each method's thresholds; the shown one drawn last, on top.
  const ordered = [...chart.thresholds].sort(
    (a, b) => Number(a.method === p.selected) - Number(b.method === p.selected),
  );
  const lines = ordered.flatMap((t) => [
    { method: t.method, v: t.min },
    { method: t.method, v: t.max },
  ]);
  root
    .append('g')
    .selectAll('line')
    .data(lines)
    .join('line')
    .attr('class', (l) => `qe-threshold qe-m-${l.method}${l.method === p.selected ? ' selected' : ''}`)
    .attr('x1', (l) => x(l.v))
    .attr('x2', (l) => x(l.v))
    .attr('y1', top)
    .attr('y2', bottom);

  // The float range of the data as a bracket above the plot.
  const [lo, hi] = chart.bars.length ? [chart.bars[0].x0, chart.bars.at(-1)!.x1] : [0, 0];
  const dataMin = Math.max(lo, d0);
  const dataMax = Math.min(hi, d1);
  const bracket = root.append('g').attr('class', 'qe-range');
  const by = top + 2 * p.scale;
  bracket.append('path').attr('d', `M${x(dataMin)},${by + 5} V${by} H${x(dataMax)} V${by + 5}`);
  bracket
    .append('text')
    .attr('x', (x(dataMin) + x(dataMax)) / 2)
    .attr('y', by - 4 * p.scale)
    .attr('text-anchor', 'middle')
    .text(p.rangeLabel);

  root
    .append('g')
    .attr('class', 'qe-axis')
    .attr('transform', `translate(0,${strip + 12 * p.scale})`)
    .call(
      axisBottom(x)
        .ticks(Math.max(2, Math.floor((p.width - m.left - m.right) / (70 * p.scale))))
        .tickFormat((v) => p.formatX(v as number)),
    );
  root
    .append('g')
    .attr('class', 'qe-axis')
    .attr('transform', `translate(${m.left},0)`)
    .call(
      p.logY
        ? axisLeft(y).tickValues(powersOfTen(maxCount)).tickFormat(format('~s'))
        : axisLeft(y).ticks(4, '~s'),
    );
  axisLabels(root, p);
}

export interface ErrorRow {
  method: CalibrationMethod;
  label: string;
  rounding: number;
  clipping: number;
  /** Text at the end of the bar, e.g. the SQNR. */
  note: string;
}

export interface ErrorProps extends Frame {
  rows: ErrorRow[];
  selected: CalibrationMethod;
}

export function drawErrors(svg: SVGSVGElement, p: ErrorProps): void {
  const root = prepare(svg, p);
  const s = p.scale;
  const left = 92 * s;
  const right = 96 * s;
  if (p.width < left + right + 40) return;
  const band = scaleBand<CalibrationMethod>()
    .domain(p.rows.map((r) => r.method))
    .range([4 * s, p.height - 4 * s])
    .padding(0.28);
  const max = Math.max(...p.rows.map((r) => r.rounding + r.clipping), Number.MIN_VALUE);
  const x = scaleLinear()
    .domain([0, max])
    .range([left, p.width - right]);
  const row = root
    .selectAll('g')
    .data(p.rows)
    .join('g')
    .attr('class', (r) => `qe-error-row${r.method === p.selected ? ' selected' : ''}`)
    .attr('transform', (r) => `translate(0,${band(r.method)})`);
  row
    .append('text')
    .attr('class', (r) => `qe-error-label qe-m-${r.method}`)
    .attr('x', left - 6 * s)
    .attr('y', band.bandwidth() / 2)
    .attr('dy', '0.35em')
    .attr('text-anchor', 'end')
    .text((r) => r.label);
  row
    .append('rect')
    .attr('class', 'qe-round')
    .attr('x', left)
    .attr('width', (r) => x(r.rounding) - left)
    .attr('height', band.bandwidth());
  row
    .append('rect')
    .attr('class', 'qe-clip')
    .attr('x', (r) => x(r.rounding))
    .attr('width', (r) => x(r.rounding + r.clipping) - x(r.rounding))
    .attr('height', band.bandwidth());
  row
    .append('text')
    .attr('class', 'qe-error-note')
    .attr('x', (r) => x(r.rounding + r.clipping) + 6 * s)
    .attr('y', band.bandwidth() / 2)
    .attr('dy', '0.35em')
    .text((r) => r.note);
}

export interface ChannelProps extends Frame {
  chart: ExplorerChart;
  channel: number;
  method: CalibrationMethod;
}

export function drawChannels(svg: SVGSVGElement, p: ChannelProps): void {
  const root = prepare(svg, p);
  const ranges = p.chart.channelRanges;
  if (!ranges) return;
  const x = xScale(p);
  const step = (p.height - 8) / ranges.length;
  root
    .append('line')
    .attr('class', 'qe-zero')
    .attr('x1', x(0))
    .attr('x2', x(0))
    .attr('y1', 0)
    .attr('y2', p.height);
  root
    .append('g')
    .selectAll('line')
    .data(ranges)
    .join('line')
    .attr('class', (_r, c) => `qe-channel qe-m-${p.method}${c === p.channel ? ' selected' : ''}`)
    .attr('x1', (r) => x(r.min))
    .attr('x2', (r) => x(r.max))
    .attr('y1', (_r, c) => 4 + (c + 0.5) * step)
    .attr('y2', (_r, c) => 4 + (c + 0.5) * step)
    .attr('stroke-width', Math.max(1, Math.min(4, step * 0.7)));
}

export interface CurveProps extends Frame {
  curve: MethodCurve;
  xLabel: string;
  yLabel: string;
  formatX(v: number): string;
}

/** The objective a method minimized over its candidate thresholds (log scale), with the chosen one marked. */
export function drawCurve(svg: SVGSVGElement, p: CurveProps): void {
  const root = prepare(svg, p);
  const m = { top: 10 * p.scale, right: 14 * p.scale, bottom: 40 * p.scale, left: 60 * p.scale };
  if (p.width < m.left + m.right + 40) return;
  const { x: xs, series, best } = p.curve;
  const points = (values: Float64Array) =>
    Array.from(xs, (x, k) => ({ x, y: values[k] })).filter((d) => Number.isFinite(d.y) && d.y > 0);
  const all = series.flatMap((s) => points(s.values));
  if (all.length === 0) return;
  const x = scaleLinear()
    .domain([Math.min(...xs), Math.max(...xs)])
    .range([m.left, p.width - m.right]);
  const lo = Math.min(...all.map((d) => d.y));
  const hi = Math.max(...all.map((d) => d.y));
  const y = scaleLog()
    .domain([lo, hi > lo ? hi : lo * 10])
    .range([p.height - m.bottom, m.top])
    .clamp(true);
  for (const s of series)
    root
      .append('path')
      .attr('class', `qe-curve qe-curve-${s.key}`)
      .attr(
        'd',
        line<{ x: number; y: number }>()
          .x((d) => x(d.x))
          .y((d) => y(d.y))(points(s.values)),
      );
  root
    .append('line')
    .attr('class', `qe-threshold selected qe-m-${p.curve.method}`)
    .attr('x1', x(xs[best]))
    .attr('x2', x(xs[best]))
    .attr('y1', m.top)
    .attr('y2', p.height - m.bottom);
  root
    .append('g')
    .attr('class', 'qe-axis')
    .attr('transform', `translate(0,${p.height - m.bottom})`)
    .call(
      axisBottom(x)
        .ticks(Math.max(2, Math.floor((p.width - m.left - m.right) / (70 * p.scale))))
        .tickFormat((v) => p.formatX(v as number)),
    );
  root
    .append('g')
    .attr('class', 'qe-axis')
    .attr('transform', `translate(${m.left},0)`)
    .call(axisLeft(y).ticks(3, '.0e'));
  axisLabels(root, p);
}
