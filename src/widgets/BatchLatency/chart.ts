// Scales and ticks of the two panels (latency and throughput against batch size). Pure: the same
// numbers in, the same geometry out, so it is tested in Node and draw.ts only turns it into SVG.
import { scaleLinear, scaleLog, type ScaleLinear, type ScaleLogarithmic } from 'd3';
import type { LatencyRow } from './measure';

const MARGIN = { top: 14, right: 16, bottom: 44, left: 58 } as const;

export interface Frame {
  width: number;
  height: number;
  /** Root font size ÷ 16: the margins grow with the text (presenter mode). Default 1. */
  scale?: number;
}

/** Room around the plot area for the axes and their labels, in px. */
export function margin({ scale = 1 }: Frame) {
  return {
    top: MARGIN.top * scale,
    right: MARGIN.right * scale,
    bottom: MARGIN.bottom * scale,
    left: MARGIN.left * scale,
  };
}

/** Batch sizes on a log₂ axis: each doubling is the same distance. */
export function batchScale(batches: readonly number[], frame: Frame): ScaleLogarithmic<number, number> {
  const lo = Math.min(...batches);
  const hi = Math.max(...batches);
  const domain = lo === hi ? [lo / 2, hi * 2] : [lo, hi];
  return scaleLog()
    .base(2)
    .domain(domain)
    .range([margin(frame).left, frame.width - margin(frame).right]);
}

/** Latency on a log axis spanning every min and p90, with some air; a placeholder range before any data. */
export function latencyScale(rows: readonly LatencyRow[], frame: Frame): ScaleLogarithmic<number, number> {
  const lo = rows.length ? Math.min(...rows.map((r) => r.min)) : 0.1;
  const hi = rows.length ? Math.max(...rows.map((r) => r.p90)) : 10;
  const pad = 1.3;
  const domain = [Math.max(lo, 1e-4) / pad, Math.max(hi, lo * 2) * pad];
  return scaleLog()
    .domain(domain)
    .range([frame.height - margin(frame).bottom, margin(frame).top]);
}

/** Throughput on a linear axis from 0, so the levelling-off is visible as it is. */
export function throughputScale(rows: readonly LatencyRow[], frame: Frame): ScaleLinear<number, number> {
  const hi = rows.length ? Math.max(...rows.map((r) => r.throughput)) : 1000;
  return scaleLinear()
    .domain([0, hi * 1.08])
    .nice(4)
    .range([frame.height - margin(frame).bottom, margin(frame).top]);
}

/** Ticks 1, 2, 5 × 10^k inside a log domain (at least the domain's ends when it spans less than that). */
export function logTicks([lo, hi]: readonly number[]): number[] {
  const ticks: number[] = [];
  for (let k = Math.floor(Math.log10(lo)); k <= Math.ceil(Math.log10(hi)); k++)
    for (const m of [1, 2, 5]) {
      const t = m * 10 ** k;
      if (t >= lo && t <= hi) ticks.push(Number(t.toPrecision(6)));
    }
  return ticks.length >= 2 ? ticks : [lo, hi].map((t) => Number(t.toPrecision(2)));
}
