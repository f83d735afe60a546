import { describe, expect, it } from 'vitest';
import { convDirect } from '../../engine';
import { checkGeometry, customLayer, paramsOf, type CustomShape } from '../kernels-common/layerSpec';
import {
  MAX_TILES,
  runWinograd as run2d,
  winogradErrors as errors2d,
} from '../../workers/kernelRuns/winograd';
import { outputsAt, run1d, running1d, running2d } from './model';

const layerOf = (shape: CustomShape) => {
  const w = [shape.k, shape.c / shape.groups, shape.r, shape.s];
  const geometry = checkGeometry([1, shape.c, shape.h, shape.w], w, paramsOf(shape), 1e8).shape!;
  return customLayer(shape, geometry, 9, 'uniform');
};
const aligned: CustomShape = {
  c: 2,
  h: 10,
  w: 10,
  k: 2,
  r: 3,
  s: 3,
  stride: 1,
  pad: 0,
  dilation: 1,
  groups: 1,
};

describe('1-D F(2,3) from the engine', () => {
  it('4 multiplications per tile of 2 outputs against 6: 1.5× fewer, counted as the steps go', () => {
    const run = run1d(10, 4, false);
    expect(run.events.map((e) => e.kind)).toEqual(['filter', 'tile', 'tile', 'tile', 'tile']);
    expect(running1d(run, 0)).toEqual({ winograd: 0, direct: 0 });
    expect(running1d(run, 2)).toEqual({ winograd: 8, direct: 12 });
    expect(running1d(run, 4)).toEqual({ winograd: run.winogradCounts.mults, direct: run.directCounts.mults });
    expect(run.directCounts.mults / run.winogradCounts.mults).toBe(1.5);
  });

  it('errors: float16 transforms err far more than float32', () => {
    const { errors } = run1d(32, 5, true);
    expect(errors.winograd.fp32.maxAbsErr).toBeLessThan(1e-6);
    expect(errors.winograd.fp16.maxAbsErr).toBeGreaterThan(50 * errors.winograd.fp32.maxAbsErr);
  });
});

describe('2-D Winograd from the engine', () => {
  it.each([
    ['F(2,3)', 2.25, 16],
    ['F(4,3)', 4, 4],
  ] as const)(
    '%s on a tile-aligned layer: %s× fewer multiplications, from the counters and as the steps go',
    (variant, ratio, tiles) => {
      const layer = layerOf(aligned);
      const run = run2d(layer, variant, false);
      expect(run.tiles).toBe(tiles);
      expect(run.directCounts.mults / run.winogradCounts.mults).toBe(ratio);
      const kinds = run.events.map((e) => e.kind);
      expect(kinds.filter((k) => k === 'filter')).toHaveLength(2); // output channel 0, two input channels
      expect(kinds.filter((k) => k === 'input')).toHaveLength(2 * tiles);
      expect(kinds.filter((k) => k === 'output')).toHaveLength(tiles);
      const last = run.events.length - 1;
      const counts = running2d(run, last, layer.shape.ow);
      // Channel 0 is one of the two output channels: half of each count.
      expect(counts.winograd * 2).toBe(run.winogradCounts.mults);
      expect(counts.direct * 2).toBe(run.directCounts.mults);
      expect(running2d(run, kinds.indexOf('output'), layer.shape.ow).direct).toBe(
        variant === 'F(2,3)' ? 4 * 18 : 16 * 18,
      );
    },
  );

  it('the outputs filled from the trace are the direct convolution’s', () => {
    const layer = layerOf({ ...aligned, h: 9, w: 7, pad: 1 });
    const run = run2d(layer, 'F(4,3)', false);
    const done = outputsAt(run, run.events.length - 1, layer.shape.ow);
    expect(done.size).toBe(layer.shape.oh * layer.shape.ow);
    const direct = convDirect(layer.x, layer.w, layer.bias, layer.params).output.data;
    for (const [i, v] of done) expect(v).toBeCloseTo(direct[i], 4);
  });

  it('a large layer keeps the first tiles of channel 0', () => {
    const layer = layerOf({ ...aligned, h: 40, w: 40, c: 1, k: 1 });
    const run = run2d(layer, 'F(2,3)', false);
    expect(run.tiles).toBe(19 * 19);
    expect(run.events.filter((e) => e.kind === 'output')).toHaveLength(MAX_TILES);
  });

  it('errors grow with the tile size and much more with float16 transforms', () => {
    const e = errors2d(layerOf({ ...aligned, c: 8, k: 4 }));
    expect(e.direct.maxAbsErr).toBeLessThan(e['F(4,3)'].fp32.maxAbsErr);
    expect(e['F(2,3)'].fp32.maxAbsErr).toBeLessThan(e['F(4,3)'].fp32.maxAbsErr);
    expect(e['F(4,3)'].fp32.maxAbsErr).toBeLessThan(e['F(2,3)'].fp16.maxAbsErr);
    expect(e['F(2,3)'].fp16.maxAbsErr).toBeLessThan(e['F(4,3)'].fp16.maxAbsErr);
  });
});
