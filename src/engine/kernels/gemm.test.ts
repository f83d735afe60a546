import { describe, expect, it } from 'vitest';
import {
  gemmIJK,
  gemmIKJ,
  gemmJIK,
  gemmJKI,
  gemmKIJ,
  gemmKJI,
  gemmTiled,
  gemmUnrolled,
  gemmUnrolled2,
  gemmUnrolled8,
  type Gemm,
} from './gemm';
import { gemmBlocked, GemmWorkspace } from './gemm-blocked';
import { seededRandom } from '../stats/rng';

const variants: [string, Gemm][] = [
  ['jik', gemmJIK],
  ['ikj', gemmIKJ],
  ['kij', gemmKIJ],
  ['jki', gemmJKI],
  ['kji', gemmKJI],
  ['tiled', gemmTiled],
  ['tiled 3×5×7', (m, n, k, a, b, c) => gemmTiled(m, n, k, a, b, c, { m: 3, n: 5, k: 7 })],
  ['unrolled ×2', gemmUnrolled2],
  ['unrolled ×4', gemmUnrolled],
  ['unrolled ×8', gemmUnrolled8],
  ['blocked', gemmBlocked],
];

describe('GEMM variants', () => {
  it('naive ijk computes a hand-checked product', () => {
    const c = new Float32Array(4);
    gemmIJK(2, 2, 3, Float32Array.from([1, 2, 3, 4, 5, 6]), Float32Array.from([1, 0, 0, 1, 2, 3]), c);
    expect(Array.from(c)).toEqual([1 + 0 + 6, 0 + 2 + 9, 4 + 0 + 12, 0 + 5 + 18]);
  });

  // Odd sizes exercise every remainder path (unroll tail, partial tiles, partial 4×4 blocks).
  const shapes = [
    [1, 1, 1],
    [4, 4, 4],
    [5, 7, 3],
    [13, 9, 17],
    [8, 33, 64],
    [64, 50, 27],
  ];
  it.each(variants)('%s equals naive ijk on seeded random matrices (within k·1e-5·(1 + |c|))', (_, gemm) => {
    const random = seededRandom(11);
    for (const [m, n, k] of shapes) {
      const a = Float32Array.from({ length: m * k }, () => random() * 2 - 1);
      const b = Float32Array.from({ length: k * n }, () => random() * 2 - 1);
      const want = new Float32Array(m * n);
      gemmIJK(m, n, k, a, b, want);
      // C starts dirty: every variant must overwrite it.
      const got = new Float32Array(m * n).fill(123);
      gemm(m, n, k, a, b, got);
      for (let i = 0; i < m * n; i++)
        expect(Math.abs(got[i] - want[i]), `${m}×${n}×${k} [${i}]`).toBeLessThanOrEqual(
          1e-5 * (1 + Math.abs(want[i])) * k,
        );
    }
  });

  it('blocked GEMM reuses a workspace across calls of different sizes', () => {
    const random = seededRandom(12);
    const ws = new GemmWorkspace();
    for (const [m, n, k] of [
      [9, 10, 11],
      [3, 2, 5],
      [9, 10, 11],
    ]) {
      const a = Float32Array.from({ length: m * k }, () => random());
      const b = Float32Array.from({ length: k * n }, () => random());
      const want = new Float32Array(m * n);
      const got = new Float32Array(m * n);
      gemmIJK(m, n, k, a, b, want);
      gemmBlocked(m, n, k, a, b, got, ws);
      got.forEach((v, i) => expect(v).toBeCloseTo(want[i], 4));
    }
    expect(ws.bytes).toBe(4 * (12 * 11 + 11 * 4));
  });
});
