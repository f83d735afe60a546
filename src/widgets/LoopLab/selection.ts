// What the reader picked in the loop lab, turned into the engine's list of GEMM variants, and the checks of a
// size the reader typed (bilingual messages from the engine's limits, before anything is sent to the worker).
import {
  GEMM_LAB_LIMITS,
  LOOP_ORDERS,
  UNROLL_FACTORS,
  type GemmSize,
  type GemmTiles,
  type GemmVariant,
  type LoopOrder,
  type UnrollFactor,
} from '../../engine';

export interface LabSelection {
  orders: LoopOrder[];
  /** Tile sizes of the tiled variant, or null when it is not chosen. */
  tiles: GemmTiles | null;
  unroll: UnrollFactor[];
  blocked: boolean;
}

export const DEFAULT_TILES: GemmTiles = { m: 16, n: 256, k: 128 };

export const DEFAULT_SELECTION: LabSelection = {
  orders: ['ijk', 'ikj', 'jki'],
  tiles: DEFAULT_TILES,
  unroll: [4],
  blocked: true,
};

/** The variants in a fixed order: the six loop orders, tiled, unrolled, packed. */
export function variantsOf(s: LabSelection): GemmVariant[] {
  return [
    ...LOOP_ORDERS.filter((o) => s.orders.includes(o)).map((order) => ({ kind: 'order', order }) as const),
    ...(s.tiles ? [{ kind: 'tiled', tiles: { ...s.tiles } } as const] : []),
    ...UNROLL_FACTORS.filter((f) => s.unroll.includes(f)).map(
      (factor) => ({ kind: 'unrolled', factor }) as const,
    ),
    ...(s.blocked ? [{ kind: 'blocked' } as const] : []),
  ];
}

export type SizeProblem =
  { kind: 'dim'; dim: 'm' | 'n' | 'k' | 'tile'; max: number } | { kind: 'macs'; macs: number; max: number };

const isDim = (v: number) => Number.isInteger(v) && v >= 1 && v <= GEMM_LAB_LIMITS.dim;

/** The first problem with a size and tiles the reader typed, or null. */
export function sizeProblem(size: GemmSize, tiles: GemmTiles | null): SizeProblem | null {
  for (const dim of ['m', 'n', 'k'] as const)
    if (!isDim(size[dim])) return { kind: 'dim', dim, max: GEMM_LAB_LIMITS.dim };
  if (tiles && ![tiles.m, tiles.n, tiles.k].every(isDim))
    return { kind: 'dim', dim: 'tile', max: GEMM_LAB_LIMITS.dim };
  const macs = size.m * size.n * size.k;
  if (macs > GEMM_LAB_LIMITS.macs) return { kind: 'macs', macs, max: GEMM_LAB_LIMITS.macs };
  return null;
}

/**
 * Untimed rounds before the timed ones. The JIT optimizes a loop only after it has run for a while, so small
 * GEMMs get more warm-up rounds (up to 10); large ones reach optimized code within their first run.
 */
export const warmupFor = (s: GemmSize) => Math.max(2, Math.min(10, Math.ceil(2e7 / (s.m * s.n * s.k))));
