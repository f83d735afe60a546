import { describe, expect, it } from 'vitest';
import { heatmapGrid, tensorStats } from './weights';

describe('tensorStats', () => {
  it('computes min, max, mean, std and zeros, leaving non-finite values out', () => {
    const s = tensorStats(Float32Array.of(1, -1, 0, 2, NaN, Infinity));
    expect(s).toMatchObject({ count: 6, nonFinite: 2, min: -1, max: 2, mean: 0.5, zeros: 1 });
    expect(s.std).toBeCloseTo(Math.sqrt((0.25 + 2.25 + 0.25 + 2.25) / 4));
    expect(tensorStats(new Float32Array()).mean).toBeNaN();
  });
});

describe('heatmapGrid', () => {
  it('views a conv weight as output channels × the rest', () => {
    const data = Float32Array.from({ length: 4 * 2 * 3 * 3 }, (_, i) => i);
    const g = heatmapGrid({ dtype: 'float32', dims: [4, 2, 3, 3], data })!;
    expect(g).toMatchObject({ rows: 4, cols: 18, sourceRows: 4, sourceCols: 18, maxAbs: 71 });
    expect(g.values[18 + 2]).toBe(20);
  });

  it('block-averages large tensors down to the maximum side', () => {
    const data = Float32Array.from({ length: 128 * 10 }, (_, i) => (Math.floor(i / 10) < 64 ? 1 : 3));
    const g = heatmapGrid({ dtype: 'float32', dims: [128, 10], data }, 32)!;
    expect([g.rows, g.cols]).toEqual([32, 10]);
    expect(g.values[0]).toBe(1);
    expect(g.values[31 * 10]).toBe(3);
    expect(heatmapGrid({ dtype: 'string', dims: [1], data: ['a'] })).toBeNull();
  });
});
