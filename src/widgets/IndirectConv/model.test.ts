import { describe, expect, it } from 'vitest';
import { convShape, randomUniformTensor, seededRandom } from '../../engine';
import { drawProblem, entriesByPixel, runIndirect } from './model';

function layer(c: number, m: number, h: number, w: number, pad: number) {
  const random = seededRandom(90);
  return {
    x: randomUniformTensor(random, [1, c, h, w]),
    w: randomUniformTensor(random, [m, c, 3, 3]),
    bias: randomUniformTensor(random, [m]),
    params: { pads: [pad, pad, pad, pad] },
  };
}

describe('indirect stepper model', () => {
  it('fp32: the timeline builds kH·kW entries per output pixel, then computes each pixel; im2col holds C times more', () => {
    const run = runIndirect(layer(6, 4, 5, 5, 1), 'fp32');
    expect(run.built).toBe(9 * 25);
    expect(run.steps).toHaveLength(9 * 25 + 25);
    expect(run.steps.slice(0, run.built).every((s) => s.kind === 'entry')).toBe(true);
    expect(run.steps.slice(run.built).every((s) => s.kind === 'pixel')).toBe(true);
    expect(run.memory.indirection.elements).toBe(9 * 25);
    expect(run.memory.im2col.elements).toBe(6 * 9 * 25);
    expect(run.memory.zero.elements).toBe(6);
    expect(run.quant).toBeNull();
    // A corner pixel: 5 of its 9 taps fall on the padding and point at the zero vector.
    const corner = entriesByPixel(run)[0];
    expect(corner.filter((e) => e.zero)).toHaveLength(5);
    expect(corner.filter((e) => e.zero).every((e) => e.offset === run.zeroOffset)).toBe(true);
  });

  it('uint8: every output equals the integer reference, and the accumulators are traced per channel', () => {
    const run = runIndirect(layer(8, 5, 6, 4, 1), 'uint8');
    expect(run.quant).not.toBeNull();
    const q = run.quant!;
    expect(q.total).toBe(5 * 6 * 4);
    expect(q.equal).toBe(q.total);
    expect(q.multipliers).toHaveLength(5);
    const pixel = run.steps.find((s) => s.kind === 'pixel')!;
    expect(pixel.kind === 'pixel' && pixel.data.acc).toHaveLength(5);
    expect(run.memory.elementBytes).toBe(1);
    // Outputs take many values (not a degenerate case that agrees trivially).
    expect(new Set(Array.from(q.reference)).size).toBeGreaterThan(20);
  });

  it('names what makes a layer too large to draw', () => {
    expect(drawProblem(convShape([1, 16, 8, 8], [32, 16, 3, 3], { pads: [1, 1, 1, 1] }))).toBeNull();
    expect(drawProblem(convShape([1, 3, 32, 32], [8, 3, 3, 3], {}))).toMatchObject({
      what: 'side',
      value: 32,
    });
    expect(drawProblem(convShape([1, 3, 14, 14], [8, 3, 1, 1], {}))).toMatchObject({
      what: 'pixels',
      value: 196,
    });
    expect(drawProblem(convShape([1, 3, 12, 12], [8, 3, 7, 7], {}))).toMatchObject({
      what: 'taps',
      value: 49,
    });
  });
});
