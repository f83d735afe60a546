// Post-training int8 quantization (chapter 3.4), measured in one run:
//  1. accuracy on the digits test split, float vs int8, per calibration method, and the size of the int8 file;
//  2. latency of int8 vs float in onnxruntime-web (Node, WebAssembly, 1 thread) at batch 1 and 32, timed
//     interleaved (float and int8 alternate, so load on a shared machine falls on both alike);
//  3. the time to quantize mobilenetv2-224 with onnxruntime-web as the runner (the page's path);
//  4. why int8 is (not) faster: which kernels onnxruntime ran (node types of the optimized graph, from
//     onnxruntime-node) and where onnxruntime-web spends its time, by kind of convolution (its profiler), and
//     chains of one layer kind (the engine's LAYER_KINDS, as the lesson's widget times them);
//  5. the size of the int8 file: what a graph cleanup first and compact Q/DQ names change, and the floor.
// Models are quantized MinMax, per channel, uint8 activations unless a table says otherwise.
//
// What the tables show, and why (onnxruntime 1.30 sources): every Conv, Add, pooling and Gemm of the QDQ
// models runs as an integer kernel (QLinearConv, QLinearAdd, QLinearGlobalAveragePool, QGemm), so the
// latency is the integer kernels' own. In the WebAssembly build, MLAS's quantized depthwise convolution
// (core/mlas/lib/qdwconv.cpp) has vector loops for SSE2 and NEON only and runs its scalar loop, while the
// float one is vectorized: depthwise layers get several times slower. The WebAssembly QGEMM
// (qgemm_kernel_wasmsimd.cpp) widens bytes to 16 bits (SIMD128 has no 8-bit dot product), and each output is
// requantized: 1×1 layers with few input channels get slower, layers with a long reduction (3×3 over many
// channels, 1×1 over hundreds) faster. MobileNets are made of the first two kinds; the digits CNN of the last.
// QUANT_BENCH_ONLY=accuracy,latency,time,why,layers,size runs some of the sections.
import fs from 'node:fs';
import zlib from 'node:zlib';
import os from 'node:os';
import path from 'node:path';
import * as ortNode from 'onnxruntime-node';
import * as ort from 'onnxruntime-web';
import {
  BYTES_PER_ELEMENT,
  CALIBRATION_METHODS,
  chainCalibration,
  chainInput,
  channelPath,
  convChain,
  convKind,
  LAYER_KINDS,
  decodeModel,
  digitsToModelInput,
  encodeModel,
  parseDigitSet,
  parseManifest,
  numel,
  quantizeModel,
  runPipeline,
  seededRandom,
  summarizeLatencies,
  type CalibrationMethod,
  type LayerKind,
  type Model,
  zooCalibration,
  type ZooModel,
} from '../../src/engine/index';
import { createOrtRunner } from '../../src/workers/ortRunner';
import { interleavedWithCpu, table, type Benchmark } from './harness';

ort.env.wasm.numThreads = 1;
const runner = createOrtRunner(ort);
const root = path.resolve(import.meta.dirname, '../..');
const manifest = parseManifest(
  JSON.parse(fs.readFileSync(path.join(root, 'public/models/manifest.json'), 'utf8')),
);
const readSet = (file: string) =>
  parseDigitSet(new Uint8Array(fs.readFileSync(path.join(root, 'public/data', file))));
const calib = readSet('digits-calib.bin');
const test = readSet('digits-test.bin');
const pct = (x: number) => `${x.toFixed(2)}%`;
const fmt = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(0));

interface Zoo {
  entry: ZooModel;
  bytes: Uint8Array;
  model: Model;
}

function zoo(id: string): Zoo {
  const entry = manifest.models.find((m) => m.id === id)!;
  const bytes = new Uint8Array(fs.readFileSync(path.join(root, 'public/models', entry.file)));
  return { entry, bytes, model: decodeModel(bytes) };
}

/** The app's calibration (ZOO_CALIBRATION, as the page and the CLI): these benchmarks measure the files they write. */
const zooSet = (z: Zoo) =>
  zooCalibration(
    z.entry.preprocessing,
    z.entry.inputs[0].name,
    z.entry.preprocessing.kind === 'digits' ? calib : null,
  );
const calibrationOf = (z: Zoo) => zooSet(z).calibration;

async function session(bytes: Uint8Array) {
  return ort.InferenceSession.create(bytes, { graphOptimizationLevel: 'all' });
}

async function accuracy(bytes: Uint8Array, z: Zoo): Promise<number> {
  if (z.entry.preprocessing.kind !== 'digits') throw new Error(`${z.entry.id} has no test set`);
  const x = digitsToModelInput(test.images, z.entry.preprocessing);
  const s = await session(bytes);
  const y = (await s.run({ input: new ort.Tensor('float32', x.data, x.dims) })).logits.data as Float32Array;
  await s.release();
  let hits = 0;
  for (let i = 0; i < test.labels.data.length; i++) {
    let best = 0;
    for (let k = 1; k < 10; k++) if (y[i * 10 + k] > y[i * 10 + best]) best = k;
    if (best === test.labels.data[i]) hits++;
  }
  return (100 * hits) / test.labels.data.length;
}

async function accuracyTable(): Promise<void> {
  console.log('\n### Accuracy on the digits test split (360 images) and file size, float vs int8');
  const rows: (string | number)[][] = [];
  for (const id of ['digits-cnn', 'digits-mobilenet']) {
    const z = zoo(id);
    const float = await accuracy(z.bytes, z);
    for (const perChannel of [true, false])
      for (const method of CALIBRATION_METHODS) {
        const { model, report } = await quantizeModel(
          z.model,
          calibrationOf(z),
          { method, perChannel },
          runner,
        );
        const bytes = encodeModel(model);
        const int8 = await accuracy(bytes, z);
        const worst = report.layers.reduce((a, b) => (b.sqnrDb < a.sqnrDb ? b : a));
        rows.push([
          id,
          `${method}${perChannel ? '' : ' (per tensor)'}`,
          pct(float),
          pct(int8),
          (float - int8).toFixed(2),
          `${z.bytes.length} → ${bytes.length}`,
          (bytes.length / z.bytes.length).toFixed(3),
          `${worst.sqnrDb.toFixed(1)} (${worst.name.split('/').slice(-2).join('/')})`,
        ]);
      }
  }
  table(['model', 'method', 'float', 'int8', 'drop pp', 'bytes', 'size ×', 'worst layer SQNR dB'], rows);
  console.log(
    'calibration: the 100-image calibration subset of the training split; accuracy in onnxruntime-web',
  );
}

const quantized = new Map<string, Uint8Array>();
async function int8Bytes(z: Zoo, method: CalibrationMethod = 'minmax'): Promise<Uint8Array> {
  const key = `${z.entry.id} ${method}`;
  if (!quantized.has(key)) {
    const { calibration, analysis } = zooSet(z);
    const { model } = await quantizeModel(z.model, calibration, { method, analysis }, runner);
    quantized.set(key, encodeModel(model));
  }
  return quantized.get(key)!;
}

function input(z: Zoo, batch: number): ort.Tensor {
  const dims = [batch, ...z.entry.inputs[0].shape.slice(1).map(Number)];
  const data = new Float32Array(dims.reduce((a, b) => a * b));
  const random = seededRandom(batch);
  // digits models get values in their input range [0, 1]; the synthetic model zero-mean ones
  const synthetic = z.entry.preprocessing.kind === 'synthetic';
  for (let i = 0; i < data.length; i++) data[i] = synthetic ? 2 * random() - 1 : random();
  return new ort.Tensor('float32', data, dims);
}

/** float and int8 sessions timed interleaved: wall-time median/p90 and the CPU time per run (medians). */
async function compare(
  floatBytes: Uint8Array,
  int8Bytes: Uint8Array,
  feeds: Record<string, ort.Tensor>,
  rounds: number,
) {
  const [float, int8] = [await session(floatBytes), await session(int8Bytes)];
  const { wall, cpu } = await interleavedWithCpu(
    [
      { name: 'float', run: () => float.run(feeds) },
      { name: 'int8', run: () => int8.run(feeds) },
    ],
    rounds,
    2,
  );
  await float.release();
  await int8.release();
  const summary = (name: string) => ({
    ...summarizeLatencies(wall.get(name)!),
    cpu: summarizeLatencies(cpu.get(name)!).median,
  });
  return { float: summary('float'), int8: summary('int8') };
}

async function latencyTable(): Promise<void> {
  console.log(
    '\n### Latency in onnxruntime-web (Node, WebAssembly SIMD, 1 thread), float vs int8 (minmax, per channel)',
  );
  console.log(
    `load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores (other processes share them)`,
  );
  const rows: (string | number)[][] = [];
  const plan: [string, number, number][] = [
    ['digits-cnn', 1, 200],
    ['digits-cnn', 32, 60],
    ['digits-mobilenet', 1, 100],
    ['digits-mobilenet', 32, 20],
    ['mobilenetv2-224', 1, 15],
    ['mobilenetv2-224', 32, 3],
  ];
  for (const [id, batch, rounds] of plan) {
    const z = zoo(id);
    const { float: f, int8: q } = await compare(
      z.bytes,
      await int8Bytes(z),
      { input: input(z, batch) },
      rounds,
    );
    rows.push([
      id,
      batch,
      rounds,
      `${fmt(f.median)} / ${fmt(f.p90)}`,
      `${fmt(q.median)} / ${fmt(q.p90)}`,
      (q.median / f.median).toFixed(2),
      `${fmt(f.cpu)} / ${fmt(q.cpu)}`,
      (q.cpu / f.cpu).toFixed(2),
    ]);
  }
  table(
    [
      'model',
      'batch',
      'rounds',
      'float ms median / p90',
      'int8 ms median / p90',
      'int8/float',
      'CPU ms float / int8',
      'int8/float CPU',
    ],
    rows,
  );
  console.log(
    'CPU: process CPU time per run (median); unlike wall time, it does not count time other processes take',
  );
}

async function quantizeTime(): Promise<void> {
  console.log(
    '\n### Time to quantize mobilenetv2-224 with onnxruntime-web as the runner (calibration included)',
  );
  const z = zoo('mobilenetv2-224');
  const { calibration, analysis } = zooSet(z);
  const rows: (string | number)[][] = [];
  for (const method of ['minmax', 'entropy'] as const) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const { model, report } = await quantizeModel(z.model, calibration, { method, analysis }, runner);
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(c0);
    const bytes = encodeModel(model).length;
    rows.push([
      method,
      calibration.reduce((n, b) => n + b.input.dims[0], 0),
      (ms / 1000).toFixed(1),
      ((cpu.user + cpu.system) / 1e6).toFixed(1),
      (report.stageMs.calibrate / 1000).toFixed(1),
      (report.stageMs.rewrite / 1000).toFixed(1),
      (report.stageMs.analyze / 1000).toFixed(1),
      `${z.bytes.length} → ${bytes}`,
      (bytes / z.bytes.length).toFixed(3),
      ms < 10_000 ? 'met' : 'NOT met',
    ]);
  }
  table(
    [
      'method',
      'images',
      'total s',
      'CPU s',
      'calibrate s',
      'rewrite s',
      'analyze s',
      'bytes',
      'size ×',
      'target < 10 s',
    ],
    rows,
  );
  console.log(
    'inputs: ZOO_CALIBRATION — 4 seeded standard-normal images in batches of 2, the per-layer error on the first batch (the model has random weights and no data set); the first run also starts onnxruntime-web',
  );
}

/** Bytes of the tensors an int8 file cannot do without: int8 weights, int32 biases, float scales, zero points. */
function dataBytes(model: Model): number {
  let n = 0;
  for (const t of model.graph.initializers.values())
    n += numel(t.dims) * BYTES_PER_ELEMENT[t.dtype as keyof typeof BYTES_PER_ELEMENT];
  return n;
}

async function sizeTable(): Promise<void> {
  console.log('\n### Size of the int8 file: what each step changes, and the floor (minmax, per channel)');
  const rows: (string | number)[][] = [];
  const gzip = (bytes: Uint8Array) => zlib.gzipSync(bytes, { level: 9 }).length;
  for (const id of ['digits-cnn', 'digits-mobilenet', 'mobilenetv2-224']) {
    const z = zoo(id);
    const { calibration, analysis } = zooSet(z);
    const quantize = async (model: Model, compactNames = false) =>
      (await quantizeModel(model, calibration, { method: 'minmax', analysis, compactNames }, runner)).model;
    const int8 = await quantize(z.model);
    const bytes = encodeModel(int8);
    const compact = encodeModel(await quantize(z.model, true));
    const cleaned = runPipeline(z.model, { level: 'basic' }).model;
    const afterCleanup = encodeModel(await quantize(cleaned));
    const floor = dataBytes(int8);
    const ratio = (n: number) => (n / z.bytes.length).toFixed(3);
    rows.push([
      id,
      z.bytes.length,
      `${bytes.length} (${ratio(bytes.length)})`,
      `${encodeModel(cleaned).length} → ${afterCleanup.length} (${ratio(afterCleanup.length)})`,
      `${compact.length} (${ratio(compact.length)})`,
      `${floor} (${ratio(floor)})`,
      `${(gzip(bytes) / gzip(z.bytes)).toFixed(3)} / ${(gzip(compact) / gzip(z.bytes)).toFixed(3)}`,
    ]);
  }
  table(
    [
      'model',
      'float file',
      'int8 (× float)',
      'basic cleanup first: float → int8',
      'int8, compact names',
      'floor: tensors only',
      'gzip × (names / compact)',
    ],
    rows,
  );
  console.log(
    "cleanup: the engine's basic pipeline (constant folding, dead code, redundant nodes) before quantizing; compact names: inserted Q/DQ values named t7_q, t7_s … instead of after the tensor; floor: int8 weights + int32 biases + float32 scales + zero points, with no graph at all",
  );
}

async function layerTable(): Promise<void> {
  console.log(
    '\n### Chains of 8 convolution layers of one kind (MobileNetV2 shapes), float vs int8, batch 1 and 32',
  );
  const rows: (string | number)[][] = [];
  for (const kind of LAYER_KINDS) {
    const model = convChain(kind);
    const { model: q } = await quantizeModel(model, chainCalibration(kind), { method: 'minmax' }, runner);
    for (const [batch, rounds] of [
      [1, 30],
      [32, 4],
    ]) {
      const { dims, data } = chainInput(kind, batch, kind.size);
      const feeds = { input: new ort.Tensor('float32', data, dims) };
      const { float: f, int8: i } = await compare(encodeModel(model), encodeModel(q), feeds, rounds);
      rows.push([
        kindLabel(kind),
        batch,
        fmt(f.cpu),
        fmt(i.cpu),
        (i.cpu / f.cpu).toFixed(2),
        fmt(f.median),
        fmt(i.median),
      ]);
    }
  }
  table(
    [
      '8 layers (+ Relu)',
      'batch',
      'float CPU ms',
      'int8 CPU ms',
      'int8/float',
      'float wall ms',
      'int8 wall ms',
    ],
    rows,
  );
  console.log(
    'per run, median of 30 (batch 1) or 4 (batch 32); the int8 chain also quantizes its input, transposes to NHWC and back, and dequantizes (once per chain)',
  );
}

/** Node types of the graph onnxruntime actually runs (onnxruntime-node can write it; onnxruntime-web cannot). */
async function optimizedOps(bytes: Uint8Array): Promise<string> {
  const file = path.join(fs.mkdtempSync(path.join(root, 'node_modules', '.quant-bench-')), 'optimized.onnx');
  const s = await ortNode.InferenceSession.create(bytes, {
    optimizedModelFilePath: file,
    logSeverityLevel: 3,
  });
  await s.release();
  const counts = new Map<string, number>();
  for (const n of decodeModel(new Uint8Array(fs.readFileSync(file))).graph.nodes)
    counts.set(n.opType, (counts.get(n.opType) ?? 0) + 1);
  fs.rmSync(path.dirname(file), { recursive: true });
  return [...counts].map(([op, n]) => `${op} ×${n}`).join(', ');
}

/** Kind of each Conv of the float model (the engine's convKind): what the time goes to in MobileNet. */
function convKinds(model: Model): Map<string, string> {
  const names = { full: 'full 3×3', depthwise: 'depthwise 3×3', pointwise: 'pointwise 1×1' };
  const kinds = new Map<string, string>();
  for (const n of model.graph.nodes) {
    const kind = convKind(model, n);
    if (kind) kinds.set(n.name, names[kind]);
  }
  return kinds;
}

/** "depthwise 3×3, 144 at 56×56", "pointwise 1×1, 24→144→24 at 56×56" … */
const kindLabel = (kind: LayerKind) =>
  `${kind.kind} ${kind.layers[0].kernel}×${kind.layers[0].kernel}, ${channelPath(kind)} at ${kind.size}×${kind.size}`;

interface ProfileEvent {
  cat: string;
  name: string;
  ts: number;
  dur: number;
  args: { op_name?: string };
}

/**
 * onnxruntime-web's profiler over `runs` runs (after one warm-up): per kind of node, the least time it took in
 * a run, and the fastest run. The WebAssembly runtime prints the profile on stdout (fs.writeSync(1, …)), caught here.
 */
async function profile(
  bytes: Uint8Array,
  feeds: Record<string, ort.Tensor>,
  runs: number,
  kinds: Map<string, string>,
) {
  const s = await ort.InferenceSession.create(bytes, {
    graphOptimizationLevel: 'all',
    enableProfiling: true,
  });
  for (let i = 0; i <= runs; i++) await s.run(feeds);
  let printed = '';
  const writeSync = fs.writeSync;
  (fs as { writeSync: unknown }).writeSync = (fd: number, text: string, ...rest: unknown[]) =>
    fd === 1
      ? ((printed += text), text.length)
      : (writeSync as (...a: unknown[]) => number)(fd, text, ...rest);
  try {
    s.endProfiling();
  } finally {
    (fs as { writeSync: unknown }).writeSync = writeSync;
  }
  await s.release();
  const events = JSON.parse(
    printed.slice(printed.indexOf('['), printed.lastIndexOf(']') + 1),
  ) as ProfileEvent[];
  const modelRuns = events.filter((e) => e.name === 'model_run').slice(1);
  const perKind = new Map<string, number[]>();
  modelRuns.forEach((run, r) => {
    for (const e of events) {
      if (e.cat !== 'Node' || e.ts < run.ts || e.ts > run.ts + run.dur || !e.name.endsWith('_kernel_time'))
        continue;
      const node = e.name.replace(/_kernel_time$/, '').replace(/_token_\d+$/, '');
      const kind = kinds.get(node) ?? 'other';
      const list = perKind.get(kind) ?? [];
      list[r] = (list[r] ?? 0) + e.dur / 1000;
      perKind.set(kind, list);
    }
  });
  // the fastest run: on a shared machine, the one least disturbed by other processes
  const total = summarizeLatencies(modelRuns.map((e) => e.dur / 1000)).min;
  return { total, perKind: new Map([...perKind].map(([k, v]) => [k, summarizeLatencies(v).min])) };
}

/**
 * How often the WebAssembly binary of onnxruntime-web holds a few SIMD opcodes (0xFD prefix, LEB128 index, per the
 * WebAssembly SIMD and relaxed-SIMD specs): a byte search, so a count may include a stray match in data, but a zero
 * means the instruction is never used.
 */
function wasmSimdOps(): string {
  const file = path.join(root, 'node_modules/onnxruntime-web/dist/ort-wasm-simd-threaded.wasm');
  const bytes = fs.readFileSync(file);
  const ops: [string, number][] = [
    ['i32x4.dot_i16x8_s', 0xba],
    ['f32x4.mul', 0xe6],
    ['i32x4.relaxed_dot_i8x16_i7x16_add_s (relaxed SIMD)', 0x113],
    ['f32x4.relaxed_madd (relaxed SIMD)', 0x105],
  ];
  return ops
    .map(([name, op]) => `${name} ×${countOf(bytes, Buffer.from([0xfd, (op & 0x7f) | 0x80, op >> 7]))}`)
    .join(', ');
}

function countOf(haystack: Buffer, needle: Buffer): number {
  let n = 0;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) n++;
  return n;
}

async function whyTable(): Promise<void> {
  console.log(
    '\n### mobilenetv2-224: what onnxruntime runs, and where the time goes (onnxruntime-web profiler)',
  );
  const z = zoo('mobilenetv2-224');
  const int8 = await int8Bytes(z);
  console.log(`float graph as run (onnxruntime-node, all optimizations): ${await optimizedOps(z.bytes)}`);
  console.log(`int8 graph as run:  ${await optimizedOps(int8)}`);
  console.log(`SIMD instructions in onnxruntime-web's WebAssembly: ${wasmSimdOps()}`);
  const kinds = convKinds(z.model);
  const rows: (string | number)[][] = [];
  for (const [batch, runs] of [[1, 10]]) {
    const feeds = { input: input(z, batch) };
    const f = await profile(z.bytes, feeds, runs, kinds);
    const q = await profile(int8, feeds, runs, kinds);
    for (const kind of ['full 3×3', 'depthwise 3×3', 'pointwise 1×1', 'other']) {
      const [a, b] = [f.perKind.get(kind) ?? 0, q.perKind.get(kind) ?? 0];
      rows.push([batch, kind, fmt(a), fmt(b), a > 0 ? (b / a).toFixed(2) : '–']);
    }
    rows.push([batch, 'whole run (profiled)', fmt(f.total), fmt(q.total), (q.total / f.total).toFixed(2)]);
  }
  console.log(
    'times: per kind of node, the fastest of 10 profiled runs at batch 1 (wall time: noisy on a shared machine)',
  );
  table(['batch', 'nodes', 'float ms', 'int8 ms', 'int8 / float'], rows);
  console.log(
    "kinds: the float graph's Conv nodes by shape (group = channels: depthwise); 'other' = Add, pooling, Gemm, Q/DQ, Transpose",
  );
}

export default async function quantBenchmark(): Promise<Benchmark> {
  return {
    title: 'post-training int8 quantization: accuracy, size, latency in onnxruntime-web, time to quantize',
    async run() {
      const sections = {
        accuracy: accuracyTable,
        latency: latencyTable,
        time: quantizeTime,
        why: whyTable,
        layers: layerTable,
        size: sizeTable,
      };
      const only = process.env.QUANT_BENCH_ONLY?.split(',');
      for (const [name, section] of Object.entries(sections))
        if (!only || only.includes(name)) await section();
    },
  };
}
