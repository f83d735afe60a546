import { describe, expect, it } from 'vitest';
import { ModelError } from '../errors';
import { tensor } from '../ir/tensor';
import { channelMinMax } from './channels';
import { exploreTensor } from './explore';
import { sampleTensor } from './samples';
import { INT8_SYMMETRIC, UINT8_ASYMMETRIC, computeParams } from './scheme';

describe('exploreTensor', () => {
  const x = tensor('float32', [20000], sampleTensor(20000, 'student-t3', 77));

  it('compares the four methods on a heavy-tailed tensor', () => {
    const e = exploreTensor('act', x, { scheme: INT8_SYMMETRIC, axis: null });
    expect(e.results.map((r) => r.method)).toEqual(['minmax', 'percentile', 'entropy', 'mse']);
    expect(e.histogram.counts.reduce((a, b) => a + b)).toBe(20000);
    expect(e.histogram.counts.length).toBeLessThanOrEqual(256);
    const [minmax, ...others] = e.results;
    expect(minmax.error.clipping.count).toBe(0);
    for (const r of others) expect(r.error.clipping.count).toBeGreaterThan(0);
    // the MSE method minimizes the (histogram-estimated) error: on the data it is within 1 % of the best
    const best = Math.min(...e.results.map((r) => r.error.mse));
    expect(e.results[3].error.mse).toBeLessThanOrEqual(1.01 * best);
    // SQNR and the error report are computed separately; they must agree
    let signal = 0;
    for (const v of x.data) signal += v * v;
    for (const r of e.results) {
      expect(r.sqnrDb).toBeCloseTo(10 * Math.log10(signal / (r.error.mse * x.data.length)), 6);
      expect(r.cosine).toBeGreaterThan(0.99);
    }
    expect(structuredClone(e)).toEqual(e);
  });

  it('gives each channel its own range per channel', () => {
    const dims = [4, 3, 5];
    const data = new Float32Array(60);
    for (let c = 0; c < 3; c++)
      for (let o = 0; o < 4; o++) data.set(sampleTensor(5, 'gaussian', 10 * c + o, 10 ** c), (o * 3 + c) * 5);
    const w = tensor('float32', dims, data);
    const e = exploreTensor('w', w, { scheme: UINT8_ASYMMETRIC, axis: 1, methods: ['minmax', 'entropy'] });
    const { min, max } = channelMinMax(data, dims, 1);
    expect(e.results[0].params).toEqual({
      axis: 1,
      channels: [0, 1, 2].map((c) => computeParams(min[c], max[c], UINT8_ASYMMETRIC)),
    });
    expect(e.results[1].choices).toHaveLength(3);
    expect(e.results[0].error.clipping.count).toBe(0);
  });

  it('rejects an empty tensor and a bad axis', () => {
    expect(() =>
      exploreTensor('e', tensor('float32', [0], []), { scheme: INT8_SYMMETRIC, axis: null }),
    ).toThrow(/tensor e is empty/);
    expect(() => exploreTensor('x', x, { scheme: INT8_SYMMETRIC, axis: 3 })).toThrow(ModelError);
  });
});
