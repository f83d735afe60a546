import { describe, expect, it } from 'vitest';
import { convDirect } from '../../engine';
import { checkGeometry, customLayer, paramsOf, type CustomShape } from '../kernels-common/layerSpec';
import { loweredAt, PATCH_LIMIT, rowTap, runIm2col, stepAt, stepCount } from './model';

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
    const direct = convDirect(layer.x, layer.w, layer.bias, layer.params).output.data;
    run.output.forEach((v, i) => expect(v).toBeCloseTo(direct[i], 5));
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

  it('memory: the engine’s im2col buffer holds (C/g)·Kh·Kw·Ho·Wo elements, Kh·Kw times the input at stride 1 with “same” padding', () => {
    const layer = layerOf({ c: 4, h: 6, w: 6, k: 2, r: 3, s: 3, stride: 1, pad: 1, dilation: 1, groups: 2 });
    const run = runIm2col(layer);
    expect(run.loweredElements).toBe(2 * 9 * 36);
    expect(run.inputElements).toBe(2 * 36);
    expect(run.loweredElements / run.inputElements).toBe(9);
    expect(run.gemmRows).toBe(1);
  });

  it('a layer with more patches than the trace keeps shows the first ones and still fills the GEMM from the run', () => {
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
    expect(run.patches).toHaveLength(PATCH_LIMIT);
    expect(run.output).toHaveLength(2 * 70 * 70);
    const direct = convDirect(layer.x, layer.w, layer.bias, layer.params).output.data;
    expect(run.output[9000]).toBeCloseTo(direct[9000], 5);
  });
});
