import { describe, expect, it } from 'vitest';
import { ModelError } from '../errors';
import { Recorder } from '../trace/trace';
import {
  cacheLinesTouched,
  convInnerLoop,
  LAYOUTS,
  layoutSize,
  offsetOf,
  packLayout,
  unpackLayout,
  type LayoutEvent,
} from './layouts';
import { randomUniformTensor } from './seeded';
import { seededRandom } from '../stats/rng';

describe('layouts', () => {
  it('address functions place a hand-checked element', () => {
    const dims = [2, 6, 3, 5] as const;
    // Element (n=1, c=5, h=2, w=3).
    expect(offsetOf('NCHW', dims, 1, 5, 2, 3)).toBe(((1 * 6 + 5) * 3 + 2) * 5 + 3);
    expect(offsetOf('NHWC', dims, 1, 5, 2, 3)).toBe(((1 * 3 + 2) * 5 + 3) * 6 + 5);
    // NC4HW4: 2 channel blocks; c=5 is lane 1 of block 1.
    expect(offsetOf('NC4HW4', dims, 1, 5, 2, 3)).toBe((((1 * 2 + 1) * 3 + 2) * 5 + 3) * 4 + 1);
    expect(layoutSize('NC4HW4', dims)).toBe(2 * 2 * 3 * 5 * 4);
  });

  it.each(LAYOUTS)(
    '%s: the address function is a bijection onto the stored elements, pack/unpack round-trips',
    (layout) => {
      const random = seededRandom(41);
      const x = randomUniformTensor(random, [2, 7, 3, 4]);
      const dims = [2, 7, 3, 4] as const;
      const seen = new Set<number>();
      for (let n = 0; n < 2; n++)
        for (let c = 0; c < 7; c++)
          for (let h = 0; h < 3; h++)
            for (let w = 0; w < 4; w++) seen.add(offsetOf(layout, dims, n, c, h, w));
      expect(seen.size).toBe(2 * 7 * 3 * 4);
      expect(Math.max(...seen)).toBeLessThan(layoutSize(layout, dims));
      const packed = packLayout(layout, x);
      expect(Array.from(unpackLayout(layout, packed, x.dims).data)).toEqual(Array.from(x.data));
      if (layout === 'NC4HW4') {
        // Channel 7 (lane 3 of block 1) is padding: zeros.
        for (let n = 0; n < 2; n++)
          for (let h = 0; h < 3; h++)
            for (let w = 0; w < 4; w++) expect(packed[offsetOf(layout, dims, n, 4, h, w) + 3]).toBe(0);
      }
    },
  );

  it('traces each element move of a pack', () => {
    const x = randomUniformTensor(seededRandom(42), [1, 3, 2, 2]);
    const recorder = new Recorder<LayoutEvent>();
    const packed = packLayout('NHWC', x, recorder);
    expect(recorder.events.length).toBe(12);
    for (const { data } of recorder.events) expect(packed[data.to]).toBe(x.data[data.from]);
    expect(recorder.events[1].data).toMatchObject({ c: 0, h: 0, w: 1, from: 1, to: 3 });
  });

  it('a conv inner loop reads runs of kW in NCHW, C in NHWC and 4 in NC4HW4', () => {
    const dims = [1, 8, 6, 6];
    const kernel = [3, 3] as const;
    const pads = { pads: [1, 1, 1, 1] };
    const nchw = convInnerLoop('NCHW', dims, kernel, pads, 0, 2, 2);
    const nhwc = convInnerLoop('NHWC', dims, kernel, pads, 0, 2, 2);
    const nc4 = convInnerLoop('NC4HW4', dims, kernel, pads, 0, 2, 2);
    for (const a of [nchw, nhwc, nc4]) expect(a.reads.length).toBe(8 * 9);
    expect(nchw.runs.map((r) => r.length)).toEqual(new Array(8 * 3).fill(3));
    // NHWC: the 8 channels of a pixel, and the 3 pixels of a kernel row are adjacent too: runs of 24.
    expect(nhwc.runs.map((r) => r.length)).toEqual([24, 24, 24]);
    // NC4HW4: 4 lanes per pixel, and adjacent pixels of a row follow: runs of 12 per block row.
    expect(nc4.runs.map((r) => r.length)).toEqual(new Array(2 * 3).fill(12));
    // Every read's address is that element's address in the layout.
    for (const r of nc4.reads) expect(r.address).toBe(offsetOf('NC4HW4', [1, 8, 6, 6], 0, r.c, r.h, r.w));
  });

  it('skips padding taps at a corner and checks the pixel', () => {
    const corner = convInnerLoop('NHWC', [1, 2, 4, 4], [3, 3], { pads: [1, 1, 1, 1] }, 0, 0, 0);
    expect(corner.reads.length).toBe(2 * 4);
    expect(() => convInnerLoop('NHWC', [1, 2, 4, 4], [3, 3], {}, 0, 3, 0)).toThrow(ModelError);
    expect(() =>
      packLayout('NCHW', { dtype: 'float32', dims: [1, 2, 3], data: new Float32Array(6) }),
    ).toThrow(ModelError);
  });

  it('counts the 64-byte cache lines a conv inner loop touches: fewest for the layout with the longest runs', () => {
    expect(cacheLinesTouched([0, 1, 15, 16, 40, 2], 16)).toEqual([0, 1, 2]);
    expect(cacheLinesTouched([], 16)).toEqual([]);
    expect(() => cacheLinesTouched([1], 0)).toThrow(ModelError);
    // 16 channels of 8×8, 3×3 at an inner pixel: 144 reads.
    const dims = [1, 16, 8, 8];
    const lines = (layout: 'NCHW' | 'NHWC' | 'NC4HW4') =>
      cacheLinesTouched(
        convInnerLoop(layout, dims, [3, 3], { pads: [1, 1, 1, 1] }, 0, 3, 3).reads.map((r) => r.address),
      ).length;
    // NCHW: a line holds two 8-float image rows, so kernel rows h = 2, 3 share a line and h = 4 needs another:
    // 2 lines per channel, 32. NHWC: each pixel's 16 channels are exactly one line: 9 pixels, 9 lines.
    // NC4HW4: a pixel row of a block is 8·4 = 32 floats; w = 2..4 covers floats 8–19, which straddle two lines:
    // 4 blocks × 3 rows × 2 = 24.
    expect([lines('NCHW'), lines('NHWC'), lines('NC4HW4')]).toEqual([32, 9, 24]);
  });
});
