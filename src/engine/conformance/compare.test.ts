import { describe, expect, it } from 'vitest';
import { tensor } from '../ir/tensor';
import { mismatch, relativeError } from './compare';

describe('mismatch', () => {
  const tol = { rtol: 1e-3, atol: 1e-5 };
  it('accepts floats within atol + rtol·|expected|, and NaN against NaN', () => {
    expect(
      mismatch(tensor('float32', [3], [1.0009, 0, NaN]), tensor('float32', [3], [1, 9e-6, NaN]), tol),
    ).toBeNull();
  });

  it('rejects floats just outside, reporting the count, the first index and the worst difference', () => {
    const why = mismatch(tensor('float32', [3], [1, 1.0011, 5]), tensor('float32', [3], [1, 1, 4]), tol);
    expect(why).toMatch(
      /^2 of 3 values differ; first at flat index 1: got 1\.001\d+, expected 1, max \|diff\| 1\.00/,
    );
    expect(mismatch(tensor('float32', [1], [NaN]), tensor('float32', [1], [0]), tol)).toMatch(/1 of 1/);
  });

  it('compares integers and bools exactly', () => {
    expect(mismatch(tensor('int64', [2], [3, 4]), tensor('int64', [2], [3, 4]))).toBeNull();
    expect(mismatch(tensor('int8', [2], [3, 4]), tensor('int8', [2], [3, 5]))).toMatch(
      /1 of 2 values differ/,
    );
    expect(mismatch(tensor('bool', [1], [1]), tensor('bool', [1], [0]))).toMatch(/got 1, expected 0$/);
  });

  it('rejects other dtypes and shapes', () => {
    expect(mismatch(tensor('float64', [1], [1]), tensor('float32', [1], [1]))).toBe(
      'dtype float64, expected float32',
    );
    expect(mismatch(tensor('float32', [1, 2], [1, 2]), tensor('float32', [2], [1, 2]))).toBe(
      'shape [1, 2], expected [2]',
    );
  });
});

describe('relativeError', () => {
  it('is the largest difference over the largest expected magnitude', () => {
    expect(
      relativeError(tensor('float32', [3], [1, 2.5, -4]), tensor('float32', [3], [1, 2, -4])),
    ).toBeCloseTo(0.5 / 4, 12);
    expect(relativeError(tensor('float32', [2], [0, 0]), tensor('float32', [2], [0, 0]))).toBe(0);
    expect(relativeError(tensor('float32', [1], [NaN]), tensor('float32', [1], [1]))).toBe(Infinity);
  });
});
