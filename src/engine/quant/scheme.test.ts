import { describe, expect, it } from 'vitest';
import { ModelError } from '../errors';
import {
  INT8_ASYMMETRIC,
  INT8_SYMMETRIC,
  UINT8_ASYMMETRIC,
  checkParams,
  computeParams,
  gridLevels,
  roundHalfEven,
  scaleRange,
  typeRange,
  unclippedRange,
} from './scheme';

describe('roundHalfEven', () => {
  it.each([
    [0.5, 0],
    [1.5, 2],
    [2.5, 2],
    [3.5, 4],
    [-0.5, 0],
    [-1.5, -2],
    [-2.5, -2],
    [-3.5, -4],
    [2.4999999, 2],
    [2.5000001, 3],
    [-7.25, -7],
    [126.5, 126],
    [127.5, 128],
    [1e300, 1e300],
  ])('rounds %d to %d', (x, expected) => {
    expect(roundHalfEven(x)).toBe(expected);
  });
});

describe('integer ranges', () => {
  it('gives type ranges for 2–8 bits, signed and unsigned', () => {
    expect(typeRange({ bits: 8, signed: true, symmetric: false })).toEqual({ qmin: -128, qmax: 127 });
    expect(typeRange({ bits: 8, signed: false, symmetric: false })).toEqual({ qmin: 0, qmax: 255 });
    expect(typeRange({ bits: 4, signed: true, symmetric: false })).toEqual({ qmin: -8, qmax: 7 });
    expect(typeRange({ bits: 2, signed: false, symmetric: true })).toEqual({ qmin: 0, qmax: 3 });
  });

  it('restricts symmetric signed grids to ±(2^(b-1) − 1) for the scale only', () => {
    expect(scaleRange(INT8_SYMMETRIC)).toEqual({ qmin: -127, qmax: 127 });
    expect(scaleRange({ bits: 4, signed: true, symmetric: true })).toEqual({ qmin: -7, qmax: 7 });
    expect(scaleRange({ bits: 8, signed: false, symmetric: true })).toEqual({ qmin: 0, qmax: 255 });
    expect(scaleRange(INT8_ASYMMETRIC)).toEqual({ qmin: -128, qmax: 127 });
  });

  it.each([1, 9, 0, 4.5, NaN])('rejects %d bits with a ModelError', (bits) => {
    expect(() => typeRange({ bits, signed: true, symmetric: false })).toThrow(ModelError);
    expect(() => computeParams(-1, 1, { bits, signed: true, symmetric: false })).toThrow(
      /bits must be an integer from 2 to 8/,
    );
  });
});

describe('computeParams', () => {
  it('maps [-1, 3] to uint8 with scale 4/255 and zero point 64 (round(63.75))', () => {
    const p = computeParams(-1, 3, UINT8_ASYMMETRIC);
    expect(p).toEqual({ scale: Math.fround(4 / 255), zeroPoint: 64, qmin: 0, qmax: 255 });
  });

  it('maps [-1, 3] to asymmetric int8 with zero point -64', () => {
    // qmin − rmin / scale = −128 + 63.75 = −64.25 → −64
    expect(computeParams(-1, 3, INT8_ASYMMETRIC)).toEqual({
      scale: Math.fround(4 / 255),
      zeroPoint: -64,
      qmin: -128,
      qmax: 127,
    });
  });

  it('rounds a zero point at a tie to even', () => {
    // [-0.5, 0.5] on uint8: 0 − (−0.5) / (1/255) = 127.5 → 128 (rounding half up would agree here…)
    expect(computeParams(-0.5, 0.5, UINT8_ASYMMETRIC).zeroPoint).toBe(128);
    // …but not here: scale 255/255 = 1, zero point 0 − (−126.5) = 126.5 → 126
    expect(computeParams(-126.5, 128.5, UINT8_ASYMMETRIC)).toMatchObject({ scale: 1, zeroPoint: 126 });
  });

  it('widens a range that excludes 0 so that 0 stays exact', () => {
    expect(computeParams(2, 4, UINT8_ASYMMETRIC)).toEqual({
      scale: Math.fround(4 / 255),
      zeroPoint: 0,
      qmin: 0,
      qmax: 255,
    });
    expect(computeParams(-4, -2, UINT8_ASYMMETRIC)).toEqual({
      scale: Math.fround(4 / 255),
      zeroPoint: 255,
      qmin: 0,
      qmax: 255,
    });
  });

  it('makes symmetric int8 scale max|x| / 127 with zero point 0 and saturation at -128', () => {
    expect(computeParams(-0.5, 2.54, INT8_SYMMETRIC)).toEqual({
      scale: Math.fround(0.02),
      zeroPoint: 0,
      qmin: -128,
      qmax: 127,
    });
    expect(computeParams(-2.54, 1, INT8_SYMMETRIC).scale).toBe(Math.fround(0.02));
  });

  it('puts the symmetric uint8 zero point at 128 (round half even of 127.5)', () => {
    expect(computeParams(-1, 0.2, { bits: 8, signed: false, symmetric: true })).toEqual({
      scale: Math.fround(2 / 255),
      zeroPoint: 128,
      qmin: 0,
      qmax: 255,
    });
  });

  it('gives an all-zero range scale 1, so that zeros stay exact', () => {
    expect(computeParams(0, 0, UINT8_ASYMMETRIC)).toEqual({ scale: 1, zeroPoint: 0, qmin: 0, qmax: 255 });
    expect(computeParams(0, 0, INT8_SYMMETRIC)).toEqual({ scale: 1, zeroPoint: 0, qmin: -128, qmax: 127 });
    expect(computeParams(0, 0, { bits: 8, signed: false, symmetric: true }).zeroPoint).toBe(128);
  });

  it('handles low bit widths', () => {
    expect(computeParams(-1, 1, { bits: 4, signed: true, symmetric: true })).toEqual({
      scale: Math.fround(1 / 7),
      zeroPoint: 0,
      qmin: -8,
      qmax: 7,
    });
    expect(computeParams(-1, 2, { bits: 2, signed: false, symmetric: false })).toEqual({
      scale: 1,
      zeroPoint: 1,
      qmin: 0,
      qmax: 3,
    });
  });

  it.each([
    [1, 0],
    [NaN, 1],
    [-Infinity, 1],
    [0, Infinity],
  ])('rejects the range [%d, %d]', (lo, hi) => {
    expect(() => computeParams(lo, hi, UINT8_ASYMMETRIC)).toThrow(ModelError);
  });
});

describe('checkParams', () => {
  const good = { scale: 0.1, zeroPoint: 3, qmin: 0, qmax: 255 };
  it('accepts valid parameters', () => expect(() => checkParams(good)).not.toThrow());
  it.each([
    [{ ...good, scale: 0 }, /scale must be a positive finite number/],
    [{ ...good, scale: -1 }, /scale/],
    [{ ...good, scale: NaN }, /scale/],
    [{ ...good, scale: Infinity }, /scale/],
    [{ ...good, zeroPoint: 256 }, /zero point 256/],
    [{ ...good, zeroPoint: 1.5 }, /zero point 1.5/],
    [{ ...good, qmin: 5, qmax: 5 }, /integer range/],
  ])('rejects %o', (p, message) => {
    expect(() => checkParams(p)).toThrow(message);
  });
});

describe('grid views', () => {
  it('lists the dequantized levels and the unclipped interval', () => {
    const p = { scale: 0.5, zeroPoint: 1, qmin: 0, qmax: 3 };
    expect([...gridLevels(p)]).toEqual([-0.5, 0, 0.5, 1]);
    expect(unclippedRange(p)).toEqual({ min: -0.75, max: 1.25 });
  });
});

describe('gridLevels limit', () => {
  it('refuses to list an int32 grid', () => {
    expect(() => gridLevels({ scale: 1, zeroPoint: 0, qmin: -(2 ** 31), qmax: 2 ** 31 - 1 })).toThrow(
      /too many to list/,
    );
  });
});
