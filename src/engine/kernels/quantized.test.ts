import { describe, expect, it } from 'vitest';
import { loadCase } from '../../../scripts/testing/onnx-case';
import { convCases } from '../../../scripts/testing/conv-cases';
import { ModelError } from '../errors';
import type { Tensor } from '../ir/tensor';
import { Recorder } from '../trace/trace';
import { convIntegerReference, convQLinearReference, type QTensor } from './conv-integer';
import { convIndirectQuantized, type IndirectQuantizedEvent } from './indirect-quantized';
import { requantize, type ConvQuantParams, type QDType } from './requantize';
import { randomInt } from './seeded';
import { seededRandom } from '../stats/rng';

const q = (dtype: QDType, dims: number[], values: ArrayLike<number>): QTensor =>
  ({ dtype, dims, data: dtype === 'uint8' ? Uint8Array.from(values) : Int8Array.from(values) }) as QTensor;

describe('requantization', () => {
  it('rounds half to even and saturates', () => {
    expect(requantize(5, 0.5, 0, 'uint8')).toBe(2); // 2.5 → 2
    expect(requantize(7, 0.5, 0, 'uint8')).toBe(4); // 3.5 → 4
    expect(requantize(-5, 0.5, 10, 'int8')).toBe(8); // −2.5 → −2, + 10
    expect(requantize(1000, 1, 0, 'int8')).toBe(127);
    expect(requantize(-1000, 1, 0, 'int8')).toBe(-128);
    expect(requantize(-3, 1, 1, 'uint8')).toBe(0);
    expect(requantize(400, 1, 0, 'uint8')).toBe(255);
  });
});

describe('integer convolution reference', () => {
  it.each(['test_convinteger_with_padding', 'test_convinteger_without_padding'])(
    'matches ONNX %s',
    (name) => {
      const { ints, inputs, outputs } = loadCase(name);
      const [x, w, zx, zw] = inputs;
      const wZero = zw ? (m: number) => zw.values[zw.values.length === 1 ? 0 : m] : () => 0;
      const { acc, shape } = convIntegerReference(
        q('uint8', x.dims, x.values),
        q('uint8', w.dims, w.values),
        null,
        { pads: ints.pads },
        zx.values[0],
        wZero,
      );
      expect([shape.n, shape.m, shape.oh, shape.ow]).toEqual(outputs[0].dims);
      expect(Array.from(acc)).toEqual(outputs[0].values);
    },
  );

  it('QLinearConv matches ONNX test_qlinearconv exactly', () => {
    const { inputs, outputs } = loadCase('test_qlinearconv');
    const [x, xs, xz, w, ws, wz, ys, yz] = inputs;
    const quant: ConvQuantParams = {
      x: { scale: xs.values[0], zeroPoint: xz.values[0] },
      w: { scale: ws.values, zeroPoint: wz.values },
      y: { scale: ys.values[0], zeroPoint: yz.values[0] },
    };
    const xq = q('uint8', x.dims, x.values);
    const wq = q('uint8', w.dims, w.values);
    expect(Array.from(convQLinearReference(xq, wq, null, {}, quant).data)).toEqual(outputs[0].values);
    expect(Array.from(convIndirectQuantized(xq, wq, null, {}, quant).output.data)).toEqual(outputs[0].values);
  });
});

/** A seeded random 8-bit version of a float test layer, with per-channel weight parameters. */
function quantizedCase(
  c: ReturnType<typeof convCases>[number],
  xDtype: QDType,
  wDtype: QDType,
  seed: number,
) {
  const random = seededRandom(seed);
  const [lo, hi] = xDtype === 'uint8' ? [0, 255] : [-128, 127];
  const [wlo, whi] = wDtype === 'uint8' ? [0, 255] : [-128, 127];
  const x = q(
    xDtype,
    c.x.dims,
    Array.from(c.x.data, () => randomInt(random, lo, hi)),
  );
  const w = q(
    wDtype,
    c.w.dims,
    Array.from(c.w.data, () => randomInt(random, wlo, whi)),
  );
  const m = c.w.dims[0];
  const bias: Tensor<'int32'> | null = c.bias
    ? {
        dtype: 'int32',
        dims: [m],
        data: Int32Array.from({ length: m }, () => randomInt(random, -5000, 5000)),
      }
    : null;
  const quant: ConvQuantParams = {
    x: { scale: 0.02, zeroPoint: randomInt(random, lo, hi) },
    w: {
      scale: Array.from({ length: m }, () => 0.001 + 0.01 * random()),
      zeroPoint: Array.from({ length: m }, () => randomInt(random, wlo, whi)),
    },
    y: { scale: 0.05 + random(), zeroPoint: randomInt(random, lo, hi) },
  };
  return { x, w, bias, quant };
}

describe('indirect convolution (8-bit)', () => {
  const combos = [
    ['uint8', 'uint8'],
    ['uint8', 'int8'],
    ['int8', 'int8'],
  ] as const;
  for (const [xDtype, wDtype] of combos)
    it.each(convCases())(`x ${xDtype}, w ${wDtype}: exactly equals the integer reference: $name`, (c) => {
      const { x, w, bias, quant } = quantizedCase(c, xDtype, wDtype, 61);
      const want = convQLinearReference(x, w, bias, c.params, quant);
      const got = convIndirectQuantized(x, w, bias, c.params, quant).output;
      expect(got.dtype).toBe(xDtype);
      expect(got.dims).toEqual(want.dims);
      expect(Array.from(got.data)).toEqual(Array.from(want.data));
      // Not a degenerate case: outputs take many values, not just the saturation limits.
      expect(new Set(got.data).size).toBeGreaterThan(Math.min(10, got.data.length / 4));
    });

  it('traces int32 accumulators equal to the reference; padding taps read the zero point', () => {
    const c = convCases()[0]; // 3×3 pad 1 with bias
    const { x, w, bias, quant } = quantizedCase(c, 'uint8', 'uint8', 62);
    const recorder = new Recorder<IndirectQuantizedEvent>();
    convIndirectQuantized(x, w, bias, c.params, quant, { recorder });
    const wZero = quant.w.zeroPoint as number[];
    const { acc, shape } = convIntegerReference(x, w, bias, c.params, quant.x.zeroPoint, (m) => wZero[m]);
    const P = shape.oh * shape.ow;
    const pixels = recorder.events.filter((e) => e.kind === 'pixel');
    expect(pixels.length).toBe(P);
    for (const { data } of pixels)
      if ('acc' in data) data.acc.forEach((a, m) => expect(a).toBe(acc[m * P + data.p]));
  });

  it('rejects bad parameters and accumulators that could overflow int32', () => {
    const x = q('uint8', [1, 1, 3, 3], new Array(9).fill(1));
    const w = q('uint8', [1, 1, 3, 3], new Array(9).fill(1));
    const quant: ConvQuantParams = {
      x: { scale: 1, zeroPoint: 0 },
      w: { scale: 1, zeroPoint: 0 },
      y: { scale: 1, zeroPoint: 0 },
    };
    expect(() => convIndirectQuantized(x, w, null, {}, { ...quant, y: { scale: 0, zeroPoint: 0 } })).toThrow(
      ModelError,
    );
    expect(() =>
      convIndirectQuantized(x, w, null, {}, { ...quant, x: { scale: 1, zeroPoint: 300 } }),
    ).toThrow(/x_zero_point/);
    expect(() =>
      convIndirectQuantized(x, w, null, {}, { ...quant, w: { scale: [1, 2], zeroPoint: 0 } }),
    ).toThrow(/per-channel/);
    const big = q('uint8', [1, 40000, 3, 3], new Uint8Array(360000));
    const bigW = q('uint8', [1, 40000, 3, 3], new Uint8Array(360000));
    expect(() => convIndirectQuantized(big, bigW, null, {}, quant)).toThrow(/int32/);
  });
});
