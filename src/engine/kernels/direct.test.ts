import { describe, expect, it } from 'vitest';
import { loadCase } from '../../../scripts/testing/onnx-case';
import { ModelError } from '../errors';
import type { Tensor } from '../ir/tensor';
import { Recorder } from '../trace/trace';
import { convDirect, convReference64, validTaps, type DirectEvent } from './direct';
import { randomUniformTensor } from './seeded';
import { seededRandom } from '../stats/rng';

const f32 = (dims: number[], values: number[]): Tensor<'float32'> => ({
  dtype: 'float32',
  dims,
  data: Float32Array.from(values),
});

/** Zero-pads an NCHW tensor explicitly: conv with pads must equal conv of the padded input without pads. */
function padInput(x: Tensor<'float32'>, [t, l, b, r]: number[]): Tensor<'float32'> {
  const [n, c, h, w] = x.dims;
  const H = h + t + b;
  const W = w + l + r;
  const data = new Float32Array(n * c * H * W);
  for (let p = 0; p < n * c; p++)
    for (let i = 0; i < h; i++)
      for (let j = 0; j < w; j++) data[(p * H + i + t) * W + j + l] = x.data[(p * h + i) * w + j];
  return { dtype: 'float32', dims: [n, c, H, W], data };
}

describe('convDirect', () => {
  it('computes a hand-checked example', () => {
    const x = f32([1, 1, 3, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const w = f32([1, 1, 2, 2], [1, 0, 0, -1]);
    const y = convDirect(x, w, f32([1], [10]));
    expect(y.output.dims).toEqual([1, 1, 2, 2]);
    expect(Array.from(y.output.data)).toEqual([1 - 5 + 10, 2 - 6 + 10, 4 - 8 + 10, 5 - 9 + 10]);
    expect(y.counts).toMatchObject({ mults: 4 * 4, adds: 4 * 4 + 4, transformOps: 0, extraBytes: 0 });
  });

  it.each([
    'test_conv_with_strides_padding',
    'test_conv_with_strides_and_asymmetric_padding',
    'test_conv_with_strides_no_padding',
  ])('matches the ONNX conformance case %s', (name) => {
    const { ints, inputs, outputs } = loadCase(name);
    const [x, w] = inputs.map((t) => f32(t.dims, t.values));
    const y = convDirect(x, w, null, { strides: ints.strides, pads: ints.pads });
    expect(y.output.dims).toEqual(outputs[0].dims);
    y.output.data.forEach((v, i) => expect(v).toBeCloseTo(outputs[0].values[i], 5));
  });

  it('treats (asymmetric) padding as zeros around the input', () => {
    const random = seededRandom(1);
    const x = randomUniformTensor(random, [2, 3, 7, 6]);
    const w = randomUniformTensor(random, [4, 3, 3, 2]);
    const pads = [2, 0, 1, 3];
    const padded = convDirect(x, w, null, { pads, strides: [2, 1] }).output;
    const explicit = convDirect(padInput(x, pads), w, null, { strides: [2, 1] }).output;
    expect(padded.dims).toEqual(explicit.dims);
    expect(Array.from(padded.data)).toEqual(Array.from(explicit.data));
  });

  it('dilation equals a kernel with zeros inserted between taps', () => {
    const random = seededRandom(2);
    const x = randomUniformTensor(random, [1, 2, 9, 8]);
    const w = randomUniformTensor(random, [3, 2, 2, 3]);
    const [dh, dw] = [3, 2];
    const wide = new Float32Array(3 * 2 * 4 * 5);
    for (let p = 0; p < 6; p++)
      for (let i = 0; i < 2; i++)
        for (let j = 0; j < 3; j++) wide[(p * 4 + i * dh) * 5 + j * dw] = w.data[(p * 2 + i) * 3 + j];
    const dilated = convDirect(x, w, null, { dilations: [dh, dw], pads: [1, 1, 1, 1] }).output;
    const zeros = convDirect(x, { dtype: 'float32', dims: [3, 2, 4, 5], data: wide }, null, {
      pads: [1, 1, 1, 1],
    }).output;
    expect(dilated.dims).toEqual(zeros.dims);
    dilated.data.forEach((v, i) => expect(v).toBeCloseTo(zeros.data[i], 5));
  });

  it('groups equal separate convolutions on channel slices', () => {
    const random = seededRandom(3);
    const x = randomUniformTensor(random, [1, 6, 5, 5]);
    const w = randomUniformTensor(random, [4, 3, 3, 3]);
    const grouped = convDirect(x, w, null, { group: 2, pads: [1, 1, 1, 1] }).output;
    for (let g = 0; g < 2; g++) {
      const xg = { dtype: 'float32' as const, dims: [1, 3, 5, 5], data: x.data.slice(g * 75, (g + 1) * 75) };
      const wg = { dtype: 'float32' as const, dims: [2, 3, 3, 3], data: w.data.slice(g * 54, (g + 1) * 54) };
      const alone = convDirect(xg, wg, null, { pads: [1, 1, 1, 1] }).output;
      expect(Array.from(grouped.data.slice(g * 50, (g + 1) * 50))).toEqual(Array.from(alone.data));
    }
  });

  it('counts every product it performs: the trace lists each one', () => {
    const random = seededRandom(4);
    const x = randomUniformTensor(random, [1, 4, 6, 5]);
    const w = randomUniformTensor(random, [4, 2, 3, 3]);
    const recorder = new Recorder<DirectEvent>();
    const y = convDirect(
      x,
      w,
      randomUniformTensor(random, [4]),
      { group: 2, pads: [1, 2, 0, 1], strides: [2, 1], dilations: [1, 2] },
      { recorder },
    );
    const events = recorder.events;
    expect(events.length).toBe(y.output.data.length);
    expect(y.counts.mults).toBe(events.reduce((s, e) => s + e.data.taps.length, 0));
    expect(y.counts.adds).toBe(y.counts.mults + y.output.data.length);
    for (const e of events.slice(0, 20)) {
      const sum = e.data.taps.reduce((s, t) => s + t.x * t.w, e.data.bias);
      expect(e.data.value).toBeCloseTo(sum, 5);
      for (const t of e.data.taps) {
        expect(t.x).toBe(x.data[(t.c * 6 + t.ih) * 5 + t.iw]);
        expect(t.w).toBe(w.data[((e.data.m * 2 + (t.c % 2)) * 3 + t.kh) * 3 + t.kw]);
      }
    }
  });

  it('without padding performs N·M·(C/group)·kH·kW·Ho·Wo multiplications', () => {
    const random = seededRandom(5);
    const y = convDirect(
      randomUniformTensor(random, [2, 6, 9, 7]),
      randomUniformTensor(random, [9, 2, 3, 2]),
      null,
      {
        group: 3,
        strides: [2, 2],
      },
    );
    const [, , oh, ow] = y.output.dims;
    expect(y.counts.mults).toBe(2 * 9 * 2 * 3 * 2 * oh * ow);
  });

  it('float32 output is the float64 reference rounded once', () => {
    const random = seededRandom(6);
    const x = randomUniformTensor(random, [1, 8, 6, 6]);
    const w = randomUniformTensor(random, [4, 8, 3, 3]);
    const ref = convReference64(x, w, null, { pads: [1, 1, 1, 1] });
    const y = convDirect(x, w, null, { pads: [1, 1, 1, 1] }).output.data;
    ref.forEach((v, i) => expect(y[i]).toBe(Math.fround(v)));
  });

  it('rejects bad shapes with a ModelError', () => {
    const x = f32([1, 2, 3, 3], new Array(18).fill(0));
    const bad: [string, () => unknown][] = [
      ['group', () => convDirect(x, f32([2, 2, 1, 1], [0, 0, 0, 0]), null, { group: 2 })],
      ['kernel', () => convDirect(x, f32([1, 2, 5, 5], new Array(50).fill(0)), null)],
      ['data', () => convDirect({ ...x, data: new Float32Array(3) }, f32([1, 2, 1, 1], [0, 0]), null)],
      ['bias', () => convDirect(x, f32([1, 2, 1, 1], [0, 0]), f32([2], [0, 0]))],
      ['stride', () => convDirect(x, f32([1, 2, 1, 1], [0, 0]), null, { strides: [0, 1] })],
      ['pads', () => convDirect(x, f32([1, 2, 1, 1], [0, 0]), null, { pads: [1, 1] })],
      [
        'dtype',
        () =>
          convDirect(
            { ...x, dtype: 'int8' } as unknown as Tensor<'float32'>,
            f32([1, 2, 1, 1], [0, 0]),
            null,
          ),
      ],
    ];
    for (const [what, run] of bad) expect(run, what).toThrow(ModelError);
  });

  it('validTaps finds the kernel taps inside the input', () => {
    expect(validTaps(-2, 5, 3, 1)).toEqual([2, 3]);
    expect(validTaps(-3, 5, 3, 2)).toEqual([2, 3]);
    expect(validTaps(3, 5, 3, 1)).toEqual([0, 2]);
    expect(validTaps(-9, 5, 3, 1)).toEqual([3, 3]);
  });
});
