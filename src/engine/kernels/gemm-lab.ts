// The loop-optimization lab (chapter 5.8): one GEMM C = A·B computed by several loop variants, each timed
// on the machine it runs on and checked against the naive ijk loop. The variants are the plain functions of
// gemm.ts and gemm-blocked.ts, so the code a student reads is the code that is timed. Runs are interleaved
// round-robin (every variant once per round, after one untimed warm-up round), so a burst of load from other
// programs falls on all variants alike instead of on whichever happened to run then.
import { ModelError } from '../errors';
import { summarizeLatencies, type LatencySummary } from '../stats/summary';
import { seededRandom } from '../stats/rng';
import type { ConvShape } from './conv-shape';
import { numericError } from './error';
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
  type GemmTiles,
} from './gemm';
import { gemmBlocked } from './gemm-blocked';

/** The six orders of the loops over i (rows of C), j (columns of C) and k (the shared dimension), outermost first. */
export type LoopOrder = 'ijk' | 'ikj' | 'jik' | 'jki' | 'kij' | 'kji';
export const LOOP_ORDERS: readonly LoopOrder[] = ['ijk', 'ikj', 'jik', 'jki', 'kij', 'kji'];

export type UnrollFactor = 2 | 4 | 8;
export const UNROLL_FACTORS: readonly UnrollFactor[] = [2, 4, 8];

export type GemmVariant =
  /** The plain triple loop in one of the six orders. */
  | { kind: 'order'; order: LoopOrder }
  /** ikj inside cache tiles of tiles.m × tiles.n × tiles.k. */
  | { kind: 'tiled'; tiles: GemmTiles }
  /** ikj with the inner j loop unrolled by `factor`. */
  | { kind: 'unrolled'; factor: UnrollFactor }
  /** Packed panels and a 4×4 register-blocked micro-kernel (GotoBLAS style). */
  | { kind: 'blocked' };

export interface GemmSize {
  /** Rows of A and C. */
  m: number;
  /** Columns of B and C. */
  n: number;
  /** Columns of A, rows of B. */
  k: number;
}

/** Bounds of a lab run: the naive loops at the largest size take a few seconds per run in a browser. */
export const GEMM_LAB_LIMITS = { dim: 8192, macs: 2 ** 27, runs: 50, warmup: 10 } as const;

const BY_ORDER: Record<LoopOrder, Gemm> = {
  ijk: gemmIJK,
  ikj: gemmIKJ,
  jik: gemmJIK,
  jki: gemmJKI,
  kij: gemmKIJ,
  kji: gemmKJI,
};
const BY_FACTOR: Record<UnrollFactor, Gemm> = { 2: gemmUnrolled2, 4: gemmUnrolled, 8: gemmUnrolled8 };

/** A stable name of a variant, e.g. "ikj", "tiled-16x256x128", "unrolled-4", "blocked-4x4". */
export function variantKey(v: GemmVariant): string {
  switch (v.kind) {
    case 'order':
      return v.order;
    case 'tiled':
      return `tiled-${v.tiles.m}x${v.tiles.n}x${v.tiles.k}`;
    case 'unrolled':
      return `unrolled-${v.factor}`;
    case 'blocked':
      return 'blocked-4x4';
  }
}

const isCount = (v: unknown, max: number) =>
  typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= max;

export function checkGemmSize(size: GemmSize): void {
  for (const d of ['m', 'n', 'k'] as const)
    if (!isCount(size[d], GEMM_LAB_LIMITS.dim))
      throw new ModelError(
        'limit',
        `GEMM ${d} must be an integer from 1 to ${GEMM_LAB_LIMITS.dim}, got ${String(size[d])}`,
        { field: d },
      );
  const macs = size.m * size.n * size.k;
  if (macs > GEMM_LAB_LIMITS.macs)
    throw new ModelError(
      'limit',
      `a ${size.m}×${size.k} · ${size.k}×${size.n} GEMM has ${macs} multiply-adds, over the lab's limit of ${GEMM_LAB_LIMITS.macs}`,
    );
}

/** The function that computes a variant (tiles are checked to be positive integers). */
export function gemmOf(v: GemmVariant): Gemm {
  switch (v.kind) {
    case 'order':
      if (!(v.order in BY_ORDER)) throw new ModelError('input', `unknown loop order "${String(v.order)}"`);
      return BY_ORDER[v.order];
    case 'tiled': {
      const { m, n, k } = v.tiles;
      if (![m, n, k].every((t) => isCount(t, GEMM_LAB_LIMITS.dim)))
        throw new ModelError(
          'input',
          `tile sizes must be integers from 1 to ${GEMM_LAB_LIMITS.dim}, got ${m}×${n}×${k}`,
          { field: 'tiles' },
        );
      const tiles = { m, n, k };
      return (mm, nn, kk, a, b, c) => gemmTiled(mm, nn, kk, a, b, c, tiles);
    }
    case 'unrolled':
      if (!UNROLL_FACTORS.includes(v.factor))
        throw new ModelError(
          'input',
          `unroll factor must be one of ${UNROLL_FACTORS.join(', ')}, got ${v.factor}`,
        );
      return BY_FACTOR[v.factor];
    case 'blocked':
      return gemmBlocked;
    default:
      throw new ModelError('input', `unknown GEMM variant ${JSON.stringify(v)}`);
  }
}

/**
 * The GEMM an im2col convolution runs per image and group: filters (M/group × C/group·kH·kW) times the lowered
 * matrix (C/group·kH·kW × Ho·Wo). `calls` is how many such GEMMs the layer needs (N · group).
 */
export function im2colGemmSize(s: ConvShape): GemmSize & { calls: number } {
  return { m: s.mg, n: s.oh * s.ow, k: s.cg * s.kh * s.kw, calls: s.n * s.group };
}

export interface GemmLabRequest {
  size: GemmSize;
  variants: GemmVariant[];
  /** Timed runs per variant. */
  runs: number;
  /** Untimed warm-up rounds before them (default 2): the JIT compiles and optimizes each loop on its first calls. */
  warmup?: number;
  /** Seed of the random A and B (uniform in [−1, 1)). */
  seed: number;
}

export interface GemmLabRow {
  key: string;
  variant: GemmVariant;
  /** Milliseconds of each timed run, in the order measured. */
  samples: number[];
  summary: LatencySummary;
  /** 2·m·n·k floating-point operations divided by the median time; null when the median is below the clock's resolution (0 ms). */
  gflops: number | null;
  /** max |C − C_ijk| over all elements, against the naive ijk loop. */
  maxAbsDiff: number;
}

export interface GemmLabResult {
  size: GemmSize;
  runs: number;
  rows: GemmLabRow[];
}

export interface GemmLabProgress {
  done: number;
  total: number;
  /** The variant that just ran ("reference" for the naive product computed for the comparison). */
  key: string;
}

export interface GemmLabHooks {
  /** A clock in milliseconds (performance.now in a Worker). */
  now(): number;
  onProgress?(p: GemmLabProgress): void;
}

export function checkGemmLabRequest(req: GemmLabRequest): Gemm[] {
  checkGemmSize(req.size);
  if (!isCount(req.runs, GEMM_LAB_LIMITS.runs))
    throw new ModelError(
      'limit',
      `runs must be an integer from 1 to ${GEMM_LAB_LIMITS.runs}, got ${String(req.runs)}`,
    );
  if (
    req.warmup !== undefined &&
    !(Number.isInteger(req.warmup) && req.warmup >= 0 && req.warmup <= GEMM_LAB_LIMITS.warmup)
  )
    throw new ModelError(
      'limit',
      `warmup must be an integer from 0 to ${GEMM_LAB_LIMITS.warmup}, got ${String(req.warmup)}`,
    );
  if (!Array.isArray(req.variants) || req.variants.length === 0)
    throw new ModelError('input', 'choose at least one GEMM variant');
  const keys = req.variants.map(variantKey);
  const twice = keys.find((k, i) => keys.indexOf(k) !== i);
  if (twice) throw new ModelError('input', `variant ${twice} is listed twice`);
  return req.variants.map(gemmOf);
}

/** Runs the lab: the naive reference, `warmup` untimed rounds, then `runs` timed rounds of every variant. */
export function runGemmLab(req: GemmLabRequest, hooks: GemmLabHooks): GemmLabResult {
  const gemms = checkGemmLabRequest(req);
  const { m, n, k } = req.size;
  const random = seededRandom(req.seed);
  const a = Float32Array.from({ length: m * k }, () => random() * 2 - 1);
  const b = Float32Array.from({ length: k * n }, () => random() * 2 - 1);
  const reference = new Float32Array(m * n);
  const c = new Float32Array(m * n);
  const warmup = req.warmup ?? 2;
  const total = 1 + (req.runs + warmup) * gemms.length;
  let done = 0;
  const progress = (key: string) => hooks.onProgress?.({ done: ++done, total, key });

  gemmIJK(m, n, k, a, b, reference);
  progress('reference');
  const keys = req.variants.map(variantKey);
  const samples = gemms.map(() => [] as number[]);
  const diffs = gemms.map(() => 0);
  for (let round = 0; round < warmup + req.runs; round++)
    // Each round starts at a different variant, so none always runs right after the same neighbour.
    for (let s = 0; s < gemms.length; s++) {
      const v = (s + round) % gemms.length;
      c.fill(Number.NaN); // a variant that skipped an element would show as an infinite difference
      const t0 = hooks.now();
      gemms[v](m, n, k, a, b, c);
      const ms = hooks.now() - t0;
      if (round === 0) diffs[v] = numericError(c, reference).maxAbsErr;
      if (round >= warmup) samples[v].push(ms);
      progress(keys[v]);
    }
  const flops = 2 * m * n * k;
  return {
    size: { m, n, k },
    runs: req.runs,
    rows: req.variants.map((variant, v) => {
      const summary = summarizeLatencies(samples[v]);
      return {
        key: keys[v],
        variant,
        samples: samples[v],
        summary,
        gflops: summary.median > 0 ? flops / (summary.median * 1e6) : null,
        maxAbsDiff: diffs[v],
      };
    }),
  };
}
