import { describe, expect, it } from 'vitest';
import { batchScale, margin, latencyScale, logTicks, throughputScale } from './chart';
import type { LatencyRow } from './measure';

const frame = { width: 400, height: 240 };
const MARGIN = margin(frame);
const row = (batch: number, median: number): LatencyRow => ({
  batch,
  runs: 10,
  median,
  p90: median * 1.2,
  min: median * 0.9,
  throughput: batch / (median / 1000),
});
const rows = [row(1, 0.5), row(16, 2), row(256, 25)];

describe('chart scales', () => {
  it('puts batch sizes on a log2 axis: equal spacing per doubling, ends at the margins', () => {
    const x = batchScale([1, 2, 4, 8, 256], frame);
    expect(x(1)).toBeCloseTo(MARGIN.left);
    expect(x(256)).toBeCloseTo(frame.width - MARGIN.right);
    expect(x(4) - x(2)).toBeCloseTo(x(2) - x(1));
  });

  it('widens a single batch size into a usable domain', () => {
    const x = batchScale([8], frame);
    expect(x(8)).toBeCloseTo((MARGIN.left + frame.width - MARGIN.right) / 2);
  });

  it('keeps every min and p90 inside the latency axis, larger latency higher up', () => {
    const y = latencyScale(rows, frame);
    for (const r of rows)
      for (const v of [r.min, r.median, r.p90]) {
        expect(y(v)).toBeGreaterThan(MARGIN.top);
        expect(y(v)).toBeLessThan(frame.height - MARGIN.bottom);
      }
    expect(y(25)).toBeLessThan(y(0.5));
  });

  it('starts throughput at zero and covers the largest value', () => {
    const y = throughputScale(rows, frame);
    expect(y.domain()[0]).toBe(0);
    expect(y.domain()[1]).toBeGreaterThanOrEqual(Math.max(...rows.map((r) => r.throughput)));
  });

  it('grows the margins with the text size', () => {
    const big = { ...frame, scale: 1.375 };
    expect(margin(big).left).toBeCloseTo(MARGIN.left * 1.375);
    expect(batchScale([1, 256], big)(1)).toBeCloseTo(margin(big).left);
  });

  it('has placeholder domains before any data', () => {
    expect(latencyScale([], frame).domain().every(Number.isFinite)).toBe(true);
    expect(throughputScale([], frame).domain()[1]).toBeGreaterThan(0);
  });
});

describe('logTicks', () => {
  it('gives 1-2-5 ticks inside the domain', () => {
    expect(logTicks([0.3, 30])).toEqual([0.5, 1, 2, 5, 10, 20]);
    expect(logTicks([0.04, 0.6])).toEqual([0.05, 0.1, 0.2, 0.5]);
  });
  it('falls back to the ends of a narrow domain', () => {
    expect(logTicks([1.1, 1.9])).toEqual([1.1, 1.9]);
  });
});
