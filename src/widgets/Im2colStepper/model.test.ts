import { describe, expect, it } from 'vitest';
import { checkGeometry, customLayer, paramsOf, type CustomShape } from '../kernels-common/layerSpec';
import { runIm2col } from '../../workers/kernelRuns/im2col';
import { loweredAt, outputAt, rowTap, stepAt, stepCount } from './model';

const layerOf = (shape: CustomShape) => {
  const w = [shape.k, shape.c / shape.groups, shape.r, shape.s];
  const geometry = checkGeometry([1, shape.c, shape.h, shape.w], w, paramsOf(shape), 1e8).shape!;
  return customLayer(shape, geometry, 5, 'uniform');
};

describe('the im2col stepper timeline', () => {
  it('patches become columns, then one GEMM step per output channel fills the direct convolution’s output', () => {
    const layer = layerOf({ c: 2, h: 5, w: 4, k: 3, r: 3, s: 3, stride: 1, pad: 1, dilation: 1, groups: 1 });
    const run = runIm2col(layer);
    expect([run.rows, run.cols, run.gemmRows]).toEqual([18, 20, 3]);
    expect(run.patches.map((p) => p.p)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(stepCount(run)).toBe(23);
    expect(stepAt(run, 19)).toEqual({ phase: 'patch', p: 19 });
    expect(stepAt(run, 21)).toEqual({ phase: 'gemm', row: 1 });
    expect(outputAt(run, 2, 19)).toBe(run.output[2 * 20 + 19]);
  });

  it('a column is the patch it was copied from; padding taps are zeros', () => {
    const layer = layerOf({ c: 2, h: 4, w: 4, k: 1, r: 3, s: 3, stride: 2, pad: 1, dilation: 1, groups: 1 });
    const run = runIm2col(layer);
    for (const patch of run.patches)
      patch.sources.forEach((src, r) => expect(patch.column[r]).toBe(src < 0 ? 0 : layer.x.data[src]));
    expect(rowTap(13, 3, 3)).toEqual({ c: 1, kh: 1, kw: 1 });
    expect(loweredAt(run, { phase: 'patch', p: 1 }, 4, 1)).toBe(run.patches[1].column[4]);
    expect(loweredAt(run, { phase: 'patch', p: 1 }, 4, 2)).toBeNull();
  });
});

describe('a layer with more patches than the trace', () => {
  it('columns past the traced ones have no value yet, and the GEMM steps follow the traced ones', () => {
    const layer = layerOf({
      c: 1,
      h: 70,
      w: 70,
      k: 2,
      r: 3,
      s: 3,
      stride: 1,
      pad: 1,
      dilation: 1,
      groups: 1,
    });
    const run = runIm2col(layer);
    const shown = run.patches.length;
    expect(shown).toBeLessThan(run.cols);
    expect(stepCount(run)).toBe(shown + 2);
    expect(outputAt(run, 1, shown - 1)).toBe(run.output[2 * shown - 1]);
    expect(outputAt(run, 1, shown)).toBeNull();
    expect(loweredAt(run, { phase: 'gemm', row: 0 }, 0, shown)).toBeNull();
  });
});
