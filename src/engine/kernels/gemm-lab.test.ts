import { describe, expect, it } from 'vitest';
import { ModelError } from '../errors';
import { convShape } from './conv-shape';
import {
  GEMM_LAB_LIMITS,
  LOOP_ORDERS,
  UNROLL_FACTORS,
  gemmOf,
  im2colGemmSize,
  runGemmLab,
  variantKey,
  type GemmLabProgress,
  type GemmVariant,
} from './gemm-lab';

const every: GemmVariant[] = [
  ...LOOP_ORDERS.map((order) => ({ kind: 'order', order }) as const),
  { kind: 'tiled', tiles: { m: 3, n: 5, k: 7 } },
  ...UNROLL_FACTORS.map((factor) => ({ kind: 'unrolled', factor }) as const),
  { kind: 'blocked' },
];

/** A clock that advances `step` ms per reading: each run then takes exactly `step` ms. */
const fakeClock = (step: number) => {
  let t = 0;
  return () => (t += step);
};

describe('GEMM lab', () => {
  it('times every variant `runs` times after a warm-up, reports progress to the end, and checks each against ijk', () => {
    const progress: GemmLabProgress[] = [];
    const size = { m: 13, n: 9, k: 17 };
    const result = runGemmLab(
      { size, variants: every, runs: 3, warmup: 1, seed: 5 },
      { now: fakeClock(2), onProgress: (p) => progress.push(p) },
    );
    expect(result.rows.map((r) => r.key)).toEqual(every.map(variantKey));
    const total = 1 + 4 * every.length;
    expect(progress.map((p) => p.done)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(progress.every((p) => p.total === total)).toBe(true);
    expect(progress[0].key).toBe('reference');
    for (const row of result.rows) {
      expect(row.samples).toEqual([2, 2, 2]);
      expect(row.summary.median).toBe(2);
      expect(row.gflops).toBeCloseTo((2 * 13 * 9 * 17) / 2e6, 12);
      // float32 accumulation in another order: differences of a few ulps of values of size ≈ √k.
      expect(row.maxAbsDiff).toBeLessThan(1e-5 * 17);
    }
    expect(result.rows.find((r) => r.key === 'ijk')!.maxAbsDiff).toBe(0);
    // Not vacuous: some variant does round differently from ijk.
    expect(Math.max(...result.rows.map((r) => r.maxAbsDiff))).toBeGreaterThan(0);
  });

  it('checks results even with no warm-up, and warms up twice by default', () => {
    const progress: GemmLabProgress[] = [];
    const none = runGemmLab(
      {
        size: { m: 5, n: 6, k: 7 },
        variants: [{ kind: 'order', order: 'jki' }],
        runs: 2,
        warmup: 0,
        seed: 3,
      },
      { now: fakeClock(1), onProgress: (p) => progress.push(p) },
    );
    expect(none.rows[0].samples).toHaveLength(2);
    expect(none.rows[0].maxAbsDiff).toBeLessThan(1e-5 * 7);
    expect(progress.at(-1)!.total).toBe(1 + 2);
    progress.length = 0;
    runGemmLab(
      { size: { m: 5, n: 6, k: 7 }, variants: [{ kind: 'order', order: 'jki' }], runs: 2, seed: 3 },
      { now: fakeClock(1), onProgress: (p) => progress.push(p) },
    );
    expect(progress.at(-1)!.total).toBe(1 + 4);
  });

  it('gives no GFLOP/s when the clock cannot resolve a run', () => {
    const r = runGemmLab(
      { size: { m: 2, n: 2, k: 2 }, variants: [{ kind: 'blocked' }], runs: 2, seed: 1 },
      { now: () => 7 },
    );
    expect(r.rows[0].gflops).toBeNull();
  });

  it('rejects sizes, runs and variants outside its limits with a clear ModelError', () => {
    const ok = {
      size: { m: 4, n: 4, k: 4 },
      variants: [{ kind: 'blocked' }] as GemmVariant[],
      runs: 1,
      seed: 1,
    };
    const clock = { now: fakeClock(1) };
    expect(() => runGemmLab({ ...ok, size: { m: 0, n: 4, k: 4 } }, clock)).toThrow(
      /GEMM m must be an integer/,
    );
    expect(() => runGemmLab({ ...ok, size: { m: 2.5, n: 4, k: 4 } }, clock)).toThrow(ModelError);
    expect(() => runGemmLab({ ...ok, size: { m: 4096, n: 4096, k: 4096 } }, clock)).toThrow(
      /over the lab's limit/,
    );
    expect(() => runGemmLab({ ...ok, runs: GEMM_LAB_LIMITS.runs + 1 }, clock)).toThrow(/runs must be/);
    expect(() => runGemmLab({ ...ok, warmup: -1 }, clock)).toThrow(/warmup must be/);
    expect(() => runGemmLab({ ...ok, variants: [] }, clock)).toThrow(/at least one/);
    expect(() => runGemmLab({ ...ok, variants: [{ kind: 'blocked' }, { kind: 'blocked' }] }, clock)).toThrow(
      /listed twice/,
    );
    expect(() => gemmOf({ kind: 'tiled', tiles: { m: 0, n: 4, k: 4 } })).toThrow(/tile sizes/);
    expect(() => gemmOf({ kind: 'unrolled', factor: 3 as never })).toThrow(/unroll factor/);
    expect(() => gemmOf({ kind: 'order', order: 'ikk' as never })).toThrow(/loop order/);
  });

  it('sizes the im2col GEMM of a layer per image and group', () => {
    // 16 → 32 channels in 4 groups, 3×3, stride 2, pad 1, on 2 images of 9×11.
    const s = convShape([2, 16, 9, 11], [32, 4, 3, 3], { group: 4, strides: [2, 2], pads: [1, 1, 1, 1] });
    expect(im2colGemmSize(s)).toEqual({ m: 8, n: 5 * 6, k: 4 * 9, calls: 8 });
  });
});
