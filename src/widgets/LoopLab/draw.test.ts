import { describe, expect, it } from 'vitest';
import { chartHeight, chartMargin, gflopsScale, type Bar, type ChartProps } from './draw';

const bar = (key: string, gflops: number | null): Bar => ({
  key,
  label: key,
  kind: 'order',
  gflops,
  note: '',
  shortNote: '',
  tooltip: '',
});
const props = (bars: Bar[], reference: number | null = null): ChartProps => ({
  width: 600,
  scale: 1,
  bars,
  reference,
  xLabel: '',
  referenceLabel: '',
  formatTick: String,
});

describe('loop lab chart', () => {
  it('spans 0 to past the largest bar (or the reference line), from the left margin', () => {
    const p = props([bar('ijk', 0.4), bar('blocked-4x4', 2.5)]);
    const x = gflopsScale(p);
    expect(x(0)).toBeCloseTo(chartMargin(p).left);
    expect(x.domain()[1]).toBeGreaterThanOrEqual(2.5);
    expect(x(2.5)).toBeLessThanOrEqual(p.width - chartMargin(p).right);
    expect(gflopsScale(props([bar('a', 1)], 3)).domain()[1]).toBeGreaterThanOrEqual(3);
  });

  it('keeps room for bars on a phone', () => {
    const p = { ...props([bar('packed 4×4 micro-kernel', 1)]), width: 340 };
    const m = chartMargin(p);
    expect(p.width - m.left - m.right).toBeGreaterThan(250);
  });

  it('has a usable axis before anything is measured', () => {
    const x = gflopsScale(props([bar('ijk', null)]));
    expect(x.domain()).toEqual([0, 1]);
  });

  it('grows one row per bar, and with the presenter scale', () => {
    const two = chartHeight(props([bar('a', 1), bar('b', 1)]));
    const three = chartHeight(props([bar('a', 1), bar('b', 1), bar('c', 1)]));
    expect(three - two).toBe(30);
    // Narrow: a label line above each bar.
    const phone = (n: number) =>
      chartHeight({ ...props(Array.from({ length: n }, (_, i) => bar(`v${i}`, 1))), width: 340 });
    expect(phone(3) - phone(2)).toBeCloseTo(48);
    const wide = { ...props([bar('a', 1)]), width: 1000 };
    expect(chartHeight({ ...wide, scale: 1.375 })).toBeCloseTo(chartHeight(wide) * 1.375);
  });
});
