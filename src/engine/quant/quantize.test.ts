import { describe, expect, it } from 'vitest';
import { ModelError } from '../errors';
import { tensor } from '../ir/tensor';
import { channelLayout, channelMinMax } from './channels';
import { dequantize, dequantizeValue, fakeQuantize, quantize, quantizeValue, storageFor } from './quantize';
import { sampleTensor } from './samples';
import { seededRandom } from '../stats/rng';
import {
  INT8_SYMMETRIC,
  UINT8_ASYMMETRIC,
  computeParams,
  type QuantParams,
  type QuantScheme,
} from './scheme';

const U8 = (scale: number, zeroPoint: number): QuantParams => ({ scale, zeroPoint, qmin: 0, qmax: 255 });
const I8 = (scale: number, zeroPoint: number): QuantParams => ({ scale, zeroPoint, qmin: -128, qmax: 127 });

describe('quantizeValue / dequantizeValue (hand-computed)', () => {
  it('rounds ties to even: x / scale = 0.5, 1.5, 2.5, -1.5', () => {
    const p = U8(2, 128);
    expect([1, 3, 5, -3].map((x) => quantizeValue(x, p))).toEqual([128, 130, 130, 126]);
  });

  it('saturates to [qmin, qmax]', () => {
    expect([1000, -1000, -254, 254, 256].map((x) => quantizeValue(x, U8(2, 128)))).toEqual([
      255, 0, 1, 255, 255,
    ]);
    expect([1e9, -1e9, Infinity, -Infinity].map((x) => quantizeValue(x, I8(0.5, 0)))).toEqual([
      127, -128, 127, -128,
    ]);
  });

  it('rounds x / scale to float32 before rounding to an integer, as float32 division does', () => {
    // 0.35f / 0.1f = 3.49999988… in float64 but exactly 3.5 in float32, which rounds (half to even) to 4.
    const p = I8(Math.fround(0.1), 0);
    expect(quantizeValue(Math.fround(0.35), p)).toBe(4);
    expect(Math.round(Math.fround(0.35) / Math.fround(0.1))).toBe(3);
  });

  it('dequantizes to float32 (q − zeroPoint) · scale', () => {
    expect([0, 3, 128, 255].map((q) => dequantizeValue(q, U8(2, 128)))).toEqual([-256, -250, 0, 254]);
    expect(dequantizeValue(7, I8(Math.fround(0.1), 0))).toBe(Math.fround(7 * Math.fround(0.1)));
  });

  it('quantizes the [-1, 3] uint8 example end to end', () => {
    const p = computeParams(-1, 3, UINT8_ASYMMETRIC);
    const q = quantize(tensor('float32', [5], [-1, 0, 1, 2, 3]), p);
    expect(q.dtype).toBe('uint8');
    // 1 / s = 63.75 → 64, +64 = 128. The float32 scale is a hair above 4/255, so 2 / s = 127.49999 (not a
    // tie) → 127, +64 = 191; 3 / s = 191.25 → 191, +64 = 255.
    expect([...q.data]).toEqual([0, 64, 128, 191, 255]);
    expect([...dequantize(q, p).data]).toEqual([-64, 0, 64, 127, 191].map((k) => Math.fround(k * p.scale)));
  });
});

describe('quantize (tensors)', () => {
  it('stores int8, uint8 or int32 by the parameter range', () => {
    expect(storageFor(U8(1, 0))).toBe('uint8');
    expect(storageFor(I8(1, 0))).toBe('int8');
    expect(storageFor({ scale: 1, zeroPoint: 0, qmin: -(2 ** 31), qmax: 2 ** 31 - 1 })).toBe('int32');
    expect(() => storageFor({ scale: 1, zeroPoint: 0, qmin: 0, qmax: 2 ** 32 })).toThrow(ModelError);
  });

  it('rejects NaN, a shape that does not match the data, and bad parameters with ModelErrors', () => {
    expect(() => quantize(tensor('float32', [3], [0, NaN, 1]), U8(1, 0))).toThrow(/NaN at index 1/);
    expect(() => quantize({ dims: [2, 2], data: new Float32Array(3) }, U8(1, 0))).toThrow(
      /3 values do not fill a tensor of shape \[2,2\]/,
    );
    expect(() => quantize(tensor('float32', [1], [0]), U8(0, 0))).toThrow(ModelError);
    expect(() =>
      quantize(tensor('float32', [2, 3], new Float32Array(6)), { axis: 1, channels: [U8(1, 0)] }),
    ).toThrow(/1 channels, but axis 1/);
    expect(() =>
      quantize(tensor('float32', [2, 3], new Float32Array(6)), { axis: 2, channels: [U8(1, 0)] }),
    ).toThrow(/axis 2 is out of range/);
  });

  it('keeps dequantize(quantize(x)) within scale/2 of x inside the range (seeded, 200 ranges × 4 schemes)', () => {
    const random = seededRandom(7);
    const schemes: QuantScheme[] = [
      UINT8_ASYMMETRIC,
      INT8_SYMMETRIC,
      { bits: 4, signed: true, symmetric: false },
      { bits: 3, signed: false, symmetric: true },
    ];
    let worst = -Infinity; // largest excess of |error| over its bound
    let checked = 0;
    for (let trial = 0; trial < 200; trial++) {
      const a = (random() - 0.7) * 10 ** (random() * 6 - 3);
      const b = a + random() * 10 ** (random() * 6 - 3);
      for (const scheme of schemes) {
        const p = computeParams(a, b, scheme);
        const lo = (p.qmin - p.zeroPoint) * p.scale;
        const hi = (p.qmax - p.zeroPoint) * p.scale;
        const x = Float32Array.from({ length: 64 }, () => lo + (hi - lo) * random());
        const back = fakeQuantize(tensor('float32', [64], x), p).data;
        for (let i = 0; i < x.length; i++) {
          // tolerance: float32 rounding of x / scale and of the product, a few ulps of the larger magnitude
          const bound = p.scale / 2 + 4 * 2 ** -23 * Math.max(Math.abs(x[i]), p.scale);
          worst = Math.max(worst, Math.abs(back[i] - x[i]) - bound);
          checked++;
        }
      }
    }
    expect(checked).toBe(200 * 4 * 64);
    expect(worst).toBeLessThanOrEqual(0);
  });

  it('is idempotent: fake-quantized values are on the grid', () => {
    const p = computeParams(-1.3, 2.9, UINT8_ASYMMETRIC);
    const x = tensor('float32', [1000], sampleTensor(1000, 'gaussian', 3));
    const once = fakeQuantize(x, p);
    expect([...fakeQuantize(once, p).data]).toEqual([...once.data]);
  });

  it('per-channel equals per-tensor applied channel by channel (axis 0, 1, -1 of a [3,4,5,2] tensor)', () => {
    const dims = [3, 4, 5, 2];
    const x = sampleTensor(120, 'laplace', 11, 0.7, 0.1);
    for (const axis of [0, 1, -1]) {
      const { axis: a, outer, channels, inner } = channelLayout(dims, axis);
      const { min, max } = channelMinMax(x, dims, axis);
      const params = {
        axis: a,
        channels: Array.from(min, (lo, c) => computeParams(lo, max[c], UINT8_ASYMMETRIC)),
      };
      const whole = quantize({ dims, data: x }, params).data;
      for (let c = 0; c < channels; c++) {
        const idx: number[] = [];
        for (let o = 0; o < outer; o++)
          for (let k = 0; k < inner; k++) idx.push((o * channels + c) * inner + k);
        const alone = quantize({ dims: [idx.length], data: idx.map((i) => x[i]) }, params.channels[c]).data;
        expect(idx.map((i) => whole[i])).toEqual([...alone]);
      }
      expect(params.channels.length).toBe(dims[a]);
    }
  });
});

describe('channelMinMax', () => {
  it('finds each channel’s range and rejects non-finite values', () => {
    const { min, max } = channelMinMax([1, -2, 3, 4, 0, -6], [2, 3], 1);
    expect([...min]).toEqual([1, -2, -6]);
    expect([...max]).toEqual([4, 0, 3]);
    expect(() => channelMinMax([1, Infinity], [2], 0)).toThrow(/value Infinity at index 1/);
    expect(channelMinMax([], [0, 2], 1).min).toEqual(new Float64Array([0, 0]));
  });
});
