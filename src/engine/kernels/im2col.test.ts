import { describe, expect, it } from 'vitest';
import { closeness, convCases } from '../../../scripts/testing/conv-cases';
import { Recorder } from '../trace/trace';
import { convShape } from './conv-shape';
import { convDirect } from './direct';
import { convIm2col, im2col, type Im2colEvent } from './im2col';
import { randomUniformTensor } from './seeded';
import { seededRandom } from '../stats/rng';

describe('im2col + GEMM', () => {
  it('builds the lowered matrix of a hand-checked example', () => {
    // 1 channel 3×3 input, 2×2 kernel, no padding: 4 patches of 4 taps.
    const s = convShape([1, 1, 3, 3], [1, 1, 2, 2]);
    const lowered = new Float32Array(16);
    im2col(s, Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]), 0, 0, lowered);
    // prettier-ignore
    expect(Array.from(lowered)).toEqual([
      1, 2, 4, 5, // tap (0,0) of patches 0..3
      2, 3, 5, 6, // tap (0,1)
      4, 5, 7, 8, // tap (1,0)
      5, 6, 8, 9, // tap (1,1)
    ]);
  });

  for (const gemm of ['naive', 'blocked'] as const)
    it.each(convCases())(
      `with the ${gemm} GEMM equals direct convolution: $name`,
      ({ x, w, bias, params }) => {
        const want = convDirect(x, w, bias, params).output;
        const got = convIm2col(x, w, bias, params, { gemm }).output;
        expect(got.dims).toEqual(want.dims);
        expect(closeness(got.data, want.data)).toBeLessThanOrEqual(0);
      },
    );

  it('the lowered matrix has C·kH·kW·Ho·Wo elements and the GEMM does M·C·kH·kW·Ho·Wo MACs', () => {
    const random = seededRandom(7);
    const [C, M, H, W] = [5, 3, 9, 8];
    const y = convIm2col(
      randomUniformTensor(random, [1, C, H, W]),
      randomUniformTensor(random, [M, C, 3, 3]),
      null,
      {
        pads: [1, 1, 1, 1],
      },
    );
    const [, , oh, ow] = y.output.dims;
    expect(y.counts.buffers.find((b) => b.name === 'im2col matrix')).toEqual({
      name: 'im2col matrix',
      elements: C * 9 * oh * ow,
      bytes: 4 * C * 9 * oh * ow,
    });
    expect(y.counts.mults).toBe(M * C * 9 * oh * ow);
    expect(y.counts.extraBytes).toBe(y.counts.buffers.reduce((s, b) => s + b.bytes, 0));
  });

  it('traces each patch as a column copied from the input (zeros on padding) and each GEMM', () => {
    const random = seededRandom(8);
    const x = randomUniformTensor(random, [2, 4, 5, 6]);
    const w = randomUniformTensor(random, [6, 2, 3, 2]);
    const params = { group: 2, pads: [1, 0, 2, 1], strides: [2, 1] };
    const recorder = new Recorder<Im2colEvent>();
    const y = convIm2col(x, w, null, params, { recorder });
    const patches = recorder.events.filter((e) => e.kind === 'patch');
    const gemms = recorder.events.filter((e) => e.kind === 'gemm');
    const [, , oh, ow] = y.output.dims;
    expect(patches.length).toBe(2 * 2 * oh * ow);
    expect(gemms.length).toBe(2 * 2);
    let padded = 0;
    for (const { data } of patches) {
      expect(data.column.length).toBe(2 * 3 * 2);
      data.sources.forEach((src, r) => {
        expect(data.column[r]).toBe(src < 0 ? 0 : x.data[src]);
        if (src < 0) padded++;
      });
    }
    expect(padded).toBeGreaterThan(0);
    // The GEMM events' outputs are the output tensor, image by image and group by group.
    expect(gemms.flatMap((e) => e.data.output)).toEqual(Array.from(y.output.data));
    // MACs: each GEMM multiplies every (row, column) pair over the inner dimension.
    expect(y.counts.mults).toBe(gemms.reduce((s, e) => s + e.data.rows * e.data.inner * e.data.cols, 0));
    // The same from the data alone: every output value is a dot product with one traced column.
    const columnLength = (n: number, g: number) =>
      patches.find((p) => p.data.n === n && p.data.g === g)!.data.column.length;
    expect(y.counts.mults).toBe(
      gemms.reduce((s, e) => s + e.data.output.length * columnLength(e.data.n, e.data.g), 0),
    );
  });
});
