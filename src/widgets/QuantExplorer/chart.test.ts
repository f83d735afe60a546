import { describe, expect, it } from 'vitest';
import { INT8_SYMMETRIC, UINT8_ASYMMETRIC, exploreTensor, sampleTensor, tensor } from '../../engine';
import { explorerChart, methodCurve } from './chart';

describe('explorerChart', () => {
  const x = tensor('float32', [4000], sampleTensor(4000, 'student-t3', 5));

  it('draws the non-empty bins, every threshold inside the domain and the shown method grid', () => {
    const e = exploreTensor('x', x, { scheme: { ...INT8_SYMMETRIC, bits: 3 }, axis: null, displayBins: 64 });
    const chart = explorerChart(e, 'percentile', 0);
    expect(chart.bars.reduce((s, b) => s + b.count, 0)).toBe(4000);
    expect(chart.bars[0].count).toBeGreaterThan(0);
    expect(chart.bars.at(-1)!.count).toBeGreaterThan(0);
    expect(chart.thresholds.map((t) => t.method)).toEqual(['minmax', 'percentile', 'entropy', 'mse']);
    for (const t of chart.thresholds) {
      expect(t.min).toBeGreaterThanOrEqual(chart.domain[0]);
      expect(t.max).toBeLessThanOrEqual(chart.domain[1]);
    }
    // 3 bits signed: 8 levels, the symmetric grid −3…3 plus −4 that only saturation reaches
    expect(chart.levels).toHaveLength(8);
    const percentile = e.results[1];
    const p = percentile.params as { scale: number };
    expect(chart.unclipped.max).toBeCloseTo(3.5 * p.scale, 6);
    expect(chart.channelRanges).toBeNull();
  });

  it('per channel, shows the chosen channel and every channel range', () => {
    const data = new Float32Array(300);
    for (let c = 0; c < 3; c++) data.set(sampleTensor(100, 'gaussian', c, 10 ** c), c * 100);
    const e = exploreTensor('w', tensor('float32', [3, 100], data), { scheme: UINT8_ASYMMETRIC, axis: 0 });
    const chart = explorerChart(e, 'minmax', 2);
    expect(chart.channelRanges).toHaveLength(3);
    expect(chart.thresholds[0]).toEqual({ method: 'minmax', ...chart.channelRanges![2] });
    expect(chart.channelRanges![2].max - chart.channelRanges![2].min).toBeGreaterThan(
      50 * (chart.channelRanges![0].max - chart.channelRanges![0].min),
    );
  });

  it('has nothing to draw but a domain around 0 for an all-zero tensor', () => {
    const e = exploreTensor('z', tensor('float32', [10], new Float32Array(10)), {
      scheme: INT8_SYMMETRIC,
      axis: null,
    });
    const chart = explorerChart(e, 'minmax', 0);
    expect(chart.bars).toEqual([]);
    expect(chart.domain[0]).toBeLessThan(0);
    expect(chart.domain[1]).toBeGreaterThan(0);
  });
});

describe('methodCurve', () => {
  const x = tensor('float32', [4000], sampleTensor(4000, 'laplace', 9));
  const e = exploreTensor('x', x, { scheme: INT8_SYMMETRIC, axis: null });

  it('gives the KL divergence of every candidate threshold, and the chosen one', () => {
    const curve = methodCurve(e.results[2], 0)!;
    expect(curve.method).toBe('entropy');
    expect(curve.series.map((s) => s.key)).toEqual(['divergence']);
    expect(curve.x[curve.best]).toBeCloseTo((e.results[2].choices[0] as { threshold: number }).threshold, 9);
    const finite = [...curve.series[0].values].filter(Number.isFinite);
    expect(Math.min(...finite)).toBe(curve.series[0].values[curve.best]);
  });

  it('gives the MSE split into rounding and clipping, which add up', () => {
    const curve = methodCurve(e.results[3], 0)!;
    const [total, rounding, clipping] = curve.series.map((s) => s.values);
    total.forEach((t, k) => expect(t).toBeCloseTo(rounding[k] + clipping[k], 12));
    expect(curve.x[curve.best]).toBe(e.results[3].choices[0].max);
  });

  it('has no curve for MinMax and percentile', () => {
    expect(methodCurve(e.results[0], 0)).toBeNull();
    expect(methodCurve(e.results[1], 0)).toBeNull();
  });
});
