// The reference interpreter's time for one inference, next to onnxruntime-node on the same input (the
// interpreter is the readable oracle, not a fast runtime: the ratio shows what optimized kernels buy).
// Both are timed after warm-up runs (the first interpreter runs are slower while V8 compiles the loops).
// Models: the committed test-data/models, plus any .onnx files listed in INTERPRETER_BENCH_MODELS
// (colon-separated), e.g. a torchvision mobilenet_v2 from scripts/fixtures/export_models.py --mobilenet.
import fs from 'node:fs';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { decodeModel, randomTensor, run, seededRandom, type Tensor } from '../../src/engine/index';
import { toOrt } from '../testing/ort';
import { table, time, type Benchmark } from './harness';

const committed = ['small-cnn.onnx', 'small-transformer.onnx'].map((f) =>
  path.resolve('test-data/models', f),
);

/** The harness's wall-clock timing, plus the process CPU time per call (user + system, all threads). */
async function timed(fn: () => unknown, options: Parameters<typeof time>[1]) {
  const before = process.cpuUsage();
  const timing = await time(fn, options);
  const used = process.cpuUsage(before);
  return { ...timing, cpu: (used.user + used.system) / 1000 / (timing.runs + (options?.warmup ?? 1)) };
}

/** Seeded inputs from the declared shapes (symbolic dims → 1; token ids in [0, 9]). */
function inputsFor(file: string): Record<string, Tensor> {
  const graph = decodeModel(new Uint8Array(fs.readFileSync(file))).graph;
  const rng = seededRandom(0);
  const feeds: Record<string, Tensor> = {};
  for (const v of graph.inputs.filter((v) => !graph.initializers.has(v.name))) {
    if (!v.type?.shape || v.type.dtype === 'string')
      throw new Error(`${file}: input ${v.name} has no usable declared type`);
    feeds[v.name] = randomTensor(
      v.type.dtype,
      v.type.shape.map((d) => (typeof d === 'number' ? d : 1)),
      rng,
    );
  }
  return feeds;
}

export default async function interpreterBenchmark(): Promise<Benchmark> {
  const extra = (process.env.INTERPRETER_BENCH_MODELS ?? '').split(':').filter(Boolean);
  return {
    title: 'reference interpreter vs onnxruntime-node, one inference (median ms)',
    async run() {
      const rows: (string | number)[][] = [];
      for (const file of [...committed, ...extra]) {
        const bytes = new Uint8Array(fs.readFileSync(file));
        const model = decodeModel(bytes);
        const feeds = inputsFor(file);
        const session = await ort.InferenceSession.create(bytes);
        const ortFeeds = Object.fromEntries(Object.entries(feeds).map(([k, t]) => [k, toOrt(t)]));
        const ours = await timed(() => run(model, feeds), { warmup: 5, minRuns: 5, minMs: 1000 });
        const theirs = await timed(() => session.run(ortFeeds), { warmup: 2, minRuns: 10, minMs: 300 });
        await session.release();
        const shape = Object.values(feeds)
          .map((t) => `[${t.dims.join('×')}]`)
          .join(' ');
        rows.push([
          path.basename(file),
          shape,
          model.graph.nodes.length,
          ours.median,
          ours.cpu,
          theirs.median,
          theirs.cpu,
          ours.median / theirs.median,
        ]);
      }
      table(
        ['model', 'input', 'nodes', 'interpreter ms', 'cpu ms', 'onnxruntime ms', 'cpu ms', 'ratio (wall)'],
        rows,
      );
      console.log(
        'ms: median wall time of one inference; cpu ms: process CPU time per inference (all threads),',
      );
      console.log('which stays meaningful when other processes share the cores.');
    },
  };
}
