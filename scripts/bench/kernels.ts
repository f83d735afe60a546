// Kernel lab benchmark (issue 6): the convolution algorithms of src/engine/kernels on one 64→64, 3×3, 56×56 layer
// (pad 1, batch 1), side by side with onnxruntime-web (wasm, 1 thread) on the same layer as the reference of a
// production kernel; then the GEMM loop variants on the GEMM at the heart of that layer's im2col.
// Timings are interleaved round-robin (every variant once per round), so load on a shared machine falls on all
// of them alike; the tables give the median and the fastest of the rounds.
import * as ort from 'onnxruntime-web';
import {
  CONV_ALGORITHMS, convReference64, encodeModel, gemmBlocked, gemmIJK, gemmIKJ, gemmJIK, gemmJKI, gemmKIJ, gemmKJI,
  gemmTiled, gemmUnrolled, seededRandom, numericError, randomUniformTensor, type ConvAlgorithmName, type Gemm, type Model,
  type Tensor,
} from '../../src/engine/index'; // prettier-ignore
import { formatNumber, interleaved, table, type Benchmark, type Variant } from './harness';

const [N, C, H, W, M, K] = [1, 64, 56, 56, 64, 3];
const PARAMS = { pads: [1, 1, 1, 1] };
const ROUNDS = Number(process.env.KERNEL_BENCH_ROUNDS ?? 7);

const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

/** A one-node ONNX model of the layer, written by the engine's ONNX writer. */
function singleConvModel(w: Tensor<'float32'>, bias: Tensor<'float32'>): Uint8Array {
  const model: Model = {
    irVersion: 8,
    opsets: { '': 17 },
    producerName: 'inference-playground bench',
    producerVersion: '',
    metadata: {},
    graph: {
      name: 'conv',
      inputs: [{ name: 'x', type: { dtype: 'float32', shape: [N, C, H, W] } }],
      outputs: [{ name: 'y', type: { dtype: 'float32', shape: [N, M, H, W] } }],
      initializers: new Map([['w', w], ['b', bias]]),
      valueInfo: new Map(),
      nodes: [{
        name: 'conv', opType: 'Conv', domain: '', inputs: ['x', 'w', 'b'], outputs: ['y'],
        attributes: { kernel_shape: { type: 'ints', value: [K, K] }, pads: { type: 'ints', value: PARAMS.pads } },
      }],
    },
  }; // prettier-ignore
  return encodeModel(model);
}

async function convolutions() {
  const random = seededRandom(2016);
  const x = randomUniformTensor(random, [N, C, H, W]);
  const w = randomUniformTensor(random, [M, C, K, K]);
  const bias = randomUniformTensor(random, [M]);
  const ref = convReference64(x, w, bias, PARAMS);
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of ref) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];

  ort.env.wasm.numThreads = 1;
  const session = await ort.InferenceSession.create(singleConvModel(w, bias), {
    executionProviders: ['wasm'],
  });
  const feeds = { x: new ort.Tensor('float32', x.data, x.dims) };
  let ortOut: Float32Array = new Float32Array(0);

  // The fp16 variants emulate float16 rounding in float32 code: their time says nothing; the CLI shows their error.
  const prepared = CONV_ALGORITHMS.filter((a) => a.precision !== 'fp16-transforms').map((a) => ({
    name: a.name,
    run: a.prepare(x, w, bias, PARAMS, [lo, hi]),
  }));
  const counts = new Map(prepared.map((p) => [p.name, p.run.run()]));
  const variants: Variant[] = [
    ...prepared.map((p) => ({ name: `TS ${p.name}`, run: () => p.run.run() })),
    {
      name: 'onnxruntime-web (wasm, 1 thread)',
      run: async () => (ortOut = (await session.run(feeds)).y.data as Float32Array),
    },
  ];
  const samples = await interleaved(variants, ROUNDS);
  const errors = new Map<string, number>([
    ...prepared.map((p) => [`TS ${p.name}`, numericError(p.run.output(), ref).maxAbsErr] as const),
    ['onnxruntime-web (wasm, 1 thread)', numericError(ortOut, ref).maxAbsErr] as const,
  ]);
  const ms = (name: string) => median(samples.get(name)!);
  const direct = ms('TS direct');
  const ortMs = ms('onnxruntime-web (wasm, 1 thread)');
  table(
    ['variant', 'median ms', 'min ms', 'vs TS direct', 'vs ort', 'GMAC/s', 'mults', 'extra bytes', 'max abs err'],
    variants.map(({ name }) => {
      const c = counts.get(name.replace(/^TS /, '') as ConvAlgorithmName);
      const t = ms(name);
      const macs = N * M * C * K * K * H * W;
      return [name, t, Math.min(...samples.get(name)!), `${formatNumber(direct / t)}×`, `${formatNumber(t / ortMs)}×`, formatNumber(macs / t / 1e6), c ? c.mults : '', c ? c.extraBytes : '', errors.get(name)!.toExponential(2)];
    }),
  ); // prettier-ignore
  console.log(
    `(GMAC/s: the layer's ${N * M * C * K * K * H * W} direct multiply-adds / time, whatever the algorithm does; ${ROUNDS} rounds)`,
  );

  const tsNames = CONV_ALGORITHMS.filter((a) => a.precision === 'fp32').map((a) => `TS ${a.name}`);
  const best = tsNames.reduce((a, b) => (ms(a) <= ms(b) ? a : b));
  const goals: [string, number, string, boolean][] = [
    [
      'Winograd F(4×4,3×3) vs TS direct',
      direct / ms('TS winograd-F(4x4,3x3)'),
      '≥ 2×',
      direct / ms('TS winograd-F(4x4,3x3)') >= 2,
    ],
    [
      'im2col+blocked GEMM vs TS direct',
      direct / ms('TS im2col+gemm-blocked'),
      '≥ 3×',
      direct / ms('TS im2col+gemm-blocked') >= 3,
    ],
    [
      `best TS fp32 kernel (${best.slice(3)}) vs onnxruntime-web`,
      ms(best) / ortMs,
      '≤ 5× slower',
      ms(best) / ortMs <= 5,
    ],
  ];
  console.log('');
  table(
    ['goal', 'measured', 'target', 'met'],
    goals.map(([g, v, target, met]) => [g, `${formatNumber(v)}×`, target, met ? 'yes' : 'NO']),
  );
}

async function gemmLoops() {
  // The GEMM of the layer's im2col: filters (M × C·K·K) · lowered matrix (C·K·K × H·W).
  const [m, k, n] = [M, C * K * K, H * W];
  const random = seededRandom(58);
  const a = Float32Array.from({ length: m * k }, () => random() * 2 - 1);
  const b = Float32Array.from({ length: k * n }, () => random() * 2 - 1);
  const c = new Float32Array(m * n);
  const want = new Float32Array(m * n);
  gemmIJK(m, n, k, a, b, want);
  const loops: [string, Gemm][] = [
    ['ijk (naive)', gemmIJK], ['jik', gemmJIK], ['ikj (reordered)', gemmIKJ], ['kij', gemmKIJ], ['jki', gemmJKI],
    ['kji', gemmKJI], ['tiled ikj', gemmTiled], ['ikj unrolled ×4', gemmUnrolled], ['packed 4×4 blocked', gemmBlocked],
  ]; // prettier-ignore
  const rounds = ROUNDS;
  const samples = await interleaved(
    loops.map(([name, gemm]) => ({ name, run: () => gemm(m, n, k, a, b, c) })),
    rounds,
  );
  const naive = median(samples.get('ijk (naive)')!);
  console.log(`\nGEMM loop variants, ${m}×${k} · ${k}×${n} (${rounds} rounds)`);
  const rows = loops.map(([name, gemm]) => {
    gemm(m, n, k, a, b, c);
    const err = numericError(c, want).maxAbsErr;
    const t = median(samples.get(name)!);
    return [
      name,
      t,
      Math.min(...samples.get(name)!),
      `${formatNumber(naive / t)}×`,
      formatNumber((2 * m * n * k) / t / 1e6),
      err.toExponential(1),
    ];
  });
  table(['loop', 'median ms', 'min ms', 'vs ijk', 'GFLOP/s', 'max |Δ| vs ijk'], rows);
}

export default function kernelsBenchmark(): Benchmark {
  return {
    title: `convolution algorithms on a ${C}→${M}, ${K}×${K}, ${H}×${W} layer vs onnxruntime-web; GEMM loop orders`,
    async run() {
      await convolutions();
      await gemmLoops();
    },
  };
}
