import { describe, expect, it } from 'vitest';
import { GEMM_LAB_LIMITS, checkGemmLabRequest } from '../../engine';
import { DEFAULT_SELECTION, sizeProblem, variantsOf, warmupFor } from './selection';

describe('loop lab selection', () => {
  it('lists the chosen variants in a fixed order, and the engine accepts them', () => {
    const variants = variantsOf({
      orders: ['kji', 'ijk'],
      tiles: { m: 8, n: 64, k: 32 },
      unroll: [8, 2],
      blocked: true,
    });
    expect(variants).toEqual([
      { kind: 'order', order: 'ijk' },
      { kind: 'order', order: 'kji' },
      { kind: 'tiled', tiles: { m: 8, n: 64, k: 32 } },
      { kind: 'unrolled', factor: 2 },
      { kind: 'unrolled', factor: 8 },
      { kind: 'blocked' },
    ]);
    expect(() =>
      checkGemmLabRequest({ size: { m: 4, n: 4, k: 4 }, variants, runs: 1, seed: 1 }),
    ).not.toThrow();
    expect(variantsOf({ orders: [], tiles: null, unroll: [], blocked: false })).toEqual([]);
    expect(variantsOf(DEFAULT_SELECTION).length).toBeGreaterThan(3);
  });

  it('names the first problem of a typed size, agreeing with the engine limits', () => {
    expect(sizeProblem({ m: 64, n: 784, k: 576 }, { m: 16, n: 256, k: 128 })).toBeNull();
    expect(sizeProblem({ m: 0, n: 1, k: 1 }, null)).toEqual({
      kind: 'dim',
      dim: 'm',
      max: GEMM_LAB_LIMITS.dim,
    });
    expect(sizeProblem({ m: 1, n: 1.5, k: 1 }, null)).toMatchObject({ dim: 'n' });
    expect(sizeProblem({ m: 1, n: 1, k: Number.NaN }, null)).toMatchObject({ dim: 'k' });
    expect(sizeProblem({ m: 1, n: 1, k: 1 }, { m: 1, n: 0, k: 1 })).toMatchObject({ dim: 'tile' });
    expect(sizeProblem({ m: 4096, n: 4096, k: 4096 }, null)).toEqual({
      kind: 'macs',
      macs: 4096 ** 3,
      max: GEMM_LAB_LIMITS.macs,
    });
  });

  it('warms small GEMMs up for more rounds than large ones, within 2 to 10', () => {
    expect(warmupFor({ m: 32, n: 64, k: 64 })).toBe(10);
    expect(warmupFor({ m: 64, n: 784, k: 576 })).toBe(2);
    expect(warmupFor({ m: 64, n: 100, k: 576 })).toBe(6);
  });
});
