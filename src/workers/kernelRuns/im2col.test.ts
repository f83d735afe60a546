import { describe, expect, it } from 'vitest';
import { convDirect, randomUniformTensor, seededRandom } from '../../engine';
import { PATCH_LIMIT, PATCH_VALUES, runIm2col, tracedPatches } from './im2col';

function layer(
  c: number,
  m: number,
  h: number,
  w: number,
  k: number,
  { pad = 1, stride = 1, group = 1 } = {},
) {
  const random = seededRandom(5);
  return {
    x: randomUniformTensor(random, [1, c, h, w]),
    w: randomUniformTensor(random, [m, c / group, k, k]),
    bias: randomUniformTensor(random, [m]),
    params: { pads: [pad, pad, pad, pad], strides: [stride, stride], group },
  };
}

describe('the im2col job', () => {
  it('a small layer: every patch becomes a column; the GEMM output is the direct convolution’s', () => {
    const l = layer(2, 3, 5, 4, 3);
    const run = runIm2col(l);
    expect([run.rows, run.cols, run.gemmRows]).toEqual([18, 20, 3]);
    expect(run.patches.map((p) => p.p)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    const direct = convDirect(l.x, l.w, l.bias, l.params).output.data;
    expect(run.output).toHaveLength(3 * 20);
    run.output.forEach((v, i) => expect(v).toBeCloseTo(direct[i], 5));
  });

  it('a column is the patch it was copied from; padding taps are zeros', () => {
    const l = layer(2, 1, 4, 4, 3, { stride: 2 });
    for (const patch of runIm2col(l).patches)
      patch.sources.forEach((src, r) => expect(patch.column[r]).toBe(src < 0 ? 0 : l.x.data[src]));
  });

  it('memory: the engine’s buffer holds (C/g)·Kh·Kw·Ho·Wo elements, Kh·Kw times the input at stride 1 with “same” padding', () => {
    const run = runIm2col(layer(4, 2, 6, 6, 3, { group: 2 }));
    expect(run.loweredElements).toBe(2 * 9 * 36);
    expect(run.inputElements).toBe(2 * 36);
    expect(run.gemmRows).toBe(1);
  });

  it('a large layer: the first columns are traced, the output is kept for them, the counters cover the layer', () => {
    const l = layer(1, 2, 70, 70, 3);
    const progress: string[] = [];
    const run = runIm2col(l, (p) => progress.push(p.key));
    expect(progress).toEqual(['im2col']);
    expect(run.patches).toHaveLength(PATCH_LIMIT);
    expect(run.output).toHaveLength(2 * PATCH_LIMIT);
    expect(run.counts.mults).toBe(2 * 70 * 70 * 9);
    const direct = convDirect(l.x, l.w, l.bias, l.params).output.data;
    // Output channel 1, column 4000: row 1 of the kept output.
    expect(run.output[PATCH_LIMIT + 4000]).toBeCloseTo(direct[70 * 70 + 4000], 5);
  });

  it('tall columns (a 1×1 convolution over many channels) keep the traced values within budget', () => {
    expect(tracedPatches(960, 49)).toBe(49);
    expect(tracedPatches(576, 12544) * 576).toBeLessThanOrEqual(PATCH_VALUES);
    expect(tracedPatches(4000, 12544)).toBe(64);
  });
});
