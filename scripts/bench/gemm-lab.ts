// The loop-optimization lab's own code (the engine's runGemmLab, which the kernels Worker runs in the browser)
// on two GEMMs: the im2col GEMM of a 64→64, 3×3 layer on 56×56 (the kernels benchmark's layer) and on 28×28
// (the lab's default). Every loop order, tiling, unrolling ×2/×4/×8 and the packed 4×4 micro-kernel, interleaved.
import { performance } from 'node:perf_hooks';
import {
  LOOP_ORDERS,
  UNROLL_FACTORS,
  convShape,
  im2colGemmSize,
  runGemmLab,
  type GemmVariant,
} from '../../src/engine/index';
import { formatNumber, table, type Benchmark } from './harness';

const RUNS = Number(process.env.GEMM_LAB_RUNS ?? 5);

const variants: GemmVariant[] = [
  ...LOOP_ORDERS.map((order) => ({ kind: 'order', order }) as const),
  { kind: 'tiled', tiles: { m: 16, n: 256, k: 128 } },
  ...UNROLL_FACTORS.map((factor) => ({ kind: 'unrolled', factor }) as const),
  { kind: 'blocked' },
];

function lab(side: number) {
  const size = im2colGemmSize(convShape([1, 64, side, side], [64, 64, 3, 3], { pads: [1, 1, 1, 1] }));
  const result = runGemmLab({ size, variants, runs: RUNS, seed: 58 }, { now: () => performance.now() });
  const ijk = result.rows.find((r) => r.key === 'ijk')!.summary.median;
  console.log(
    `\n${size.m}×${size.k} · ${size.k}×${size.n} (64→64, 3×3 on ${side}×${side}; median of ${RUNS})`,
  );
  table(
    ['variant', 'median ms', 'min ms', 'GFLOP/s', 'vs ijk', 'max |Δ| vs ijk'],
    result.rows.map((r) => [
      r.key,
      r.summary.median,
      r.summary.min,
      r.gflops === null ? '—' : formatNumber(r.gflops),
      `${formatNumber(ijk / r.summary.median)}×`,
      r.maxAbsDiff.toExponential(1),
    ]),
  );
}

export default function gemmLabBenchmark(): Benchmark {
  return {
    title: 'the loop-optimization lab (runGemmLab) on two im2col GEMMs',
    async run() {
      lab(28);
      lab(56);
    },
  };
}
