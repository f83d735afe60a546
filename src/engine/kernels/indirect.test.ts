import { describe, expect, it } from 'vitest';
import { closeness, convCases } from '../../../scripts/testing/conv-cases';
import { Recorder } from '../trace/trace';
import { convShape } from './conv-shape';
import { convDirect } from './direct';
import { convIm2col } from './im2col';
import { buildIndirection, convIndirect, type IndirectEvent } from './indirect';
import { offsetOf } from './layouts';
import { randomUniformTensor } from './seeded';
import { seededRandom } from '../stats/rng';

describe('indirect convolution (fp32)', () => {
  it.each(convCases())('equals direct convolution: $name', ({ x, w, bias, params }) => {
    const want = convDirect(x, w, bias, params).output;
    const got = convIndirect(x, w, bias, params).output;
    expect(got.dims).toEqual(want.dims);
    expect(closeness(got.data, want.data)).toBeLessThanOrEqual(0);
  });

  it('its buffer has kH·kW·Ho·Wo entries: C times fewer than the im2col matrix has elements', () => {
    const random = seededRandom(51);
    const [C, M, H, W] = [12, 4, 9, 7];
    const x = randomUniformTensor(random, [1, C, H, W]);
    const w = randomUniformTensor(random, [M, C, 3, 3]);
    const params = { pads: [1, 1, 1, 1] };
    const indirect = convIndirect(x, w, null, params).counts;
    const im2col = convIm2col(x, w, null, params).counts;
    const entries = indirect.buffers.find((b) => b.name === 'indirection buffer')!.elements;
    expect(entries).toBe(3 * 3 * H * W);
    expect(im2col.buffers.find((b) => b.name === 'im2col matrix')!.elements / entries).toBe(C);
    expect(indirect.mults).toBe(im2col.mults);
  });

  it('entries point at the NHWC pixel a tap reads, or at the zero vector on padding', () => {
    const s = convShape([2, 3, 4, 5], [2, 3, 3, 3], { pads: [1, 2, 0, 1], strides: [2, 1] });
    const recorder = new Recorder<IndirectEvent>();
    const { entries, zeroOffset } = buildIndirection(s, recorder);
    expect(recorder.events.length).toBe(entries.length);
    let zeros = 0;
    for (const { data } of recorder.events) {
      if ('zero' in data) {
        const inside = data.ih >= 0 && data.ih < 4 && data.iw >= 0 && data.iw < 5;
        expect(data.zero).toBe(!inside);
        expect(data.offset).toBe(
          inside ? offsetOf('NHWC', [2, 3, 4, 5], data.n, 0, data.ih, data.iw) : zeroOffset,
        );
        if (data.zero) zeros++;
      }
    }
    expect(zeros).toBeGreaterThan(0);
    expect(zeroOffset).toBe(2 * 3 * 4 * 5);
  });

  it('traces every output pixel with its entries; the products counted match the trace', () => {
    const random = seededRandom(52);
    const x = randomUniformTensor(random, [1, 6, 5, 6]);
    const w = randomUniformTensor(random, [9, 2, 3, 3]);
    const recorder = new Recorder<IndirectEvent>();
    const y = convIndirect(
      x,
      w,
      randomUniformTensor(random, [9]),
      { group: 3, pads: [1, 1, 1, 1] },
      { recorder },
    );
    const pixels = recorder.events.flatMap((e) =>
      e.kind === 'pixel' ? [e.data as { p: number; entries: number[]; values: number[] }] : [],
    );
    expect(pixels.length).toBe(30);
    for (const px of pixels) {
      expect(px.entries.length).toBe(9);
      px.values.forEach((v, m) => expect(v).toBe(y.output.data[m * 30 + px.p]));
    }
    // Each pixel: every output channel multiplies kH·kW entries × C/group channels.
    expect(y.counts.mults).toBe(pixels.reduce((s, px) => s + px.values.length * px.entries.length * 2, 0));
  });
});
