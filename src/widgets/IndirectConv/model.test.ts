import { describe, expect, it } from 'vitest';
import { convShape, randomUniformTensor, seededRandom } from '../../engine';
import { drawProblem, pixelWindow, runIndirect } from '../../workers/kernelRuns/indirect';
import { drawnRegion, entriesByPixel, windowOrder } from './model';

function layer(c: number, m: number, h: number, w: number, pad: number, stride = 1) {
  const random = seededRandom(90);
  return {
    x: randomUniformTensor(random, [1, c, h, w]),
    w: randomUniformTensor(random, [m, c, 3, 3]),
    bias: randomUniformTensor(random, [m]),
    params: { pads: [pad, pad, pad, pad], strides: [stride, stride] },
  };
}

describe('indirect stepper model', () => {
  it('fp32: the timeline builds kH·kW entries per output pixel, then computes each pixel; im2col holds C times more', () => {
    const run = runIndirect(layer(6, 4, 5, 5, 1), 'fp32');
    expect(run.window).toEqual({ rows: 5, cols: 5 });
    expect(run.built).toBe(9 * 25);
    expect(run.steps).toHaveLength(9 * 25 + 25);
    expect(run.steps.slice(0, run.built).every((s) => s.kind === 'entry')).toBe(true);
    expect(run.steps.slice(run.built).every((s) => s.kind === 'pixel')).toBe(true);
    expect(run.memory.indirection.elements).toBe(9 * 25);
    expect(run.memory.im2col.elements).toBe(6 * 9 * 25);
    expect(run.memory.zero.elements).toBe(6);
    expect(run.quant).toBeNull();
    // A corner pixel: 5 of its 9 taps fall on the padding and point at the zero vector.
    const corner = entriesByPixel(run).get(0)!;
    expect(corner.filter((e) => e.zero)).toHaveLength(5);
    expect(corner.filter((e) => e.zero).every((e) => e.offset === run.zeroOffset)).toBe(true);
    const region = drawnRegion(run.shape, run.window);
    expect(region).toEqual({ rows: 5, cols: 5, ih0: -1, ih1: 5, iw0: -1, iw1: 5, partial: false });
  });

  it('uint8: every output equals the integer reference, and the accumulators are traced per channel', () => {
    const run = runIndirect(layer(8, 5, 6, 4, 1), 'uint8');
    const q = run.quant!;
    expect(q.total).toBe(5 * 6 * 4);
    expect(q.equal).toBe(q.total);
    expect(q.multipliers).toHaveLength(5);
    // Outputs take many values (not a degenerate case that agrees trivially).
    expect(q.distinct).toBeGreaterThan(20);
    const pixel = run.steps.find((s) => s.kind === 'pixel')!;
    expect(pixel.kind === 'pixel' && pixel.data.acc).toHaveLength(5);
    expect(pixel.kind === 'pixel' && pixel.data.reference).toEqual(pixel.data.values);
    expect(run.memory.elementBytes).toBe(1);
  });

  it('a large layer: a corner of the output is traced and drawn with the input it reads; memory is the whole layer’s', () => {
    const run = runIndirect(layer(3, 4, 40, 40, 1, 2), 'fp32');
    // Stride 2, 3×3: 9 output rows read 19 input rows, padding included.
    expect(run.window).toEqual({ rows: 9, cols: 9 });
    expect(run.built).toBe(9 * 81);
    expect(run.steps).toHaveLength(9 * 81 + 81);
    expect(run.memory.indirection.elements).toBe(9 * 20 * 20);
    const region = drawnRegion(run.shape, run.window);
    expect(region).toMatchObject({ ih0: -1, ih1: 17, partial: true });
    expect(region.ih1 - region.ih0 + 1).toBe(19);
    // Pixel (1, 0) is the window's 10th: its row comes after the 9 of row 0.
    expect(windowOrder(run.shape, run.window, 20)).toBe(9);
    const pixels = run.steps.filter((s) => s.kind === 'pixel').map((s) => s.data.p);
    expect(pixels.map((p) => windowOrder(run.shape, run.window, p))).toEqual(pixels.map((_, i) => i));
  });

  it('names a kernel that cannot be drawn at all', () => {
    expect(drawProblem(convShape([1, 16, 8, 8], [32, 16, 3, 3], { pads: [1, 1, 1, 1] }))).toBeNull();
    expect(drawProblem(convShape([1, 3, 224, 224], [8, 3, 3, 3], { strides: [2, 2] }))).toBeNull();
    expect(pixelWindow(convShape([1, 3, 224, 224], [8, 3, 1, 1], {}))).toEqual({ rows: 12, cols: 12 });
    expect(drawProblem(convShape([1, 3, 12, 12], [8, 3, 7, 7], {}))).toMatchObject({
      what: 'taps',
      value: 49,
    });
    expect(drawProblem(convShape([1, 3, 30, 30], [8, 3, 3, 3], { dilations: [11, 11] }))).toMatchObject({
      what: 'span',
      value: 23,
    });
  });
});
