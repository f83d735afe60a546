import { describe, expect, it } from 'vitest';
import { checkGeometry, customLayer, paramsOf, type CustomShape } from '../kernels-common/layerSpec';
import { runBasics } from '../../workers/kernelRuns/basics';
import { finishedOutputs, shownChannels, windowCells } from './model';

const layerOf = (shape: CustomShape) => {
  const w = [shape.k, shape.c / shape.groups, shape.r, shape.s];
  const geometry = checkGeometry([1, shape.c, shape.h, shape.w], w, paramsOf(shape), 1e7).shape!;
  return customLayer(shape, geometry, 3, 'integers');
};

describe('convolution basics from the direct trace', () => {
  it('one step per output element; each value is bias + the sum of its taps', () => {
    const layer = layerOf({ c: 2, h: 5, w: 5, k: 2, r: 3, s: 3, stride: 2, pad: 1, dilation: 1, groups: 1 });
    const run = runBasics(layer);
    expect(run.events).toHaveLength(2 * 3 * 3);
    for (const { data } of run.events)
      expect(data.value).toBe(data.bias + data.taps.reduce((s, t) => s + t.x * t.w, 0));
    expect(run.mults).toBe(run.events.reduce((s, e) => s + e.data.taps.length, 0));
  });

  it('the window lists padding positions the engine skipped, with dilation', () => {
    const layer = layerOf({ c: 1, h: 5, w: 5, k: 1, r: 3, s: 3, stride: 1, pad: 2, dilation: 2, groups: 1 });
    const [first] = runBasics(layer).events;
    const cells = windowCells(first, layer.shape);
    expect(cells.map((c) => [c.ih, c.iw]).slice(0, 3)).toEqual([
      [-2, -2],
      [-2, 0],
      [-2, 2],
    ]);
    expect(cells.filter((c) => c.tap).map((c) => [c.ih, c.iw])).toEqual([
      [0, 0],
      [0, 2],
      [2, 0],
      [2, 2],
    ]);
  });

  it('grouped: the window covers only its group’s channels, and the panel shows one channel outside it', () => {
    const layer = layerOf({ c: 4, h: 4, w: 4, k: 4, r: 3, s: 3, stride: 1, pad: 0, dilation: 1, groups: 2 });
    const run = runBasics(layer);
    const late = run.events.find((e) => e.data.m === 3)!;
    expect(new Set(windowCells(late, layer.shape).map((c) => c.c))).toEqual(new Set([2, 3]));
    expect(shownChannels(layer.shape, 3)).toEqual({ channels: [2, 3, 0], inGroup: new Set([2, 3]) });
  });

  it('finished outputs are those of the current channel up to the step', () => {
    const layer = layerOf({ c: 1, h: 4, w: 4, k: 2, r: 3, s: 3, stride: 1, pad: 0, dilation: 1, groups: 1 });
    const run = runBasics(layer);
    expect([...finishedOutputs(run.events, 1).keys()]).toEqual(['0,0', '0,1']);
    expect([...finishedOutputs(run.events, 5).keys()]).toEqual(['0,0', '0,1']); // channel 1: (0,0),(0,1) at steps 4,5
    expect(finishedOutputs(run.events, 5).get('0,1')).toBe(run.events[5].data.value);
  });
});
