// The graph-optimization pipeline (chapter 4) on every zoo model and PyTorch fixture, at each level: its time
// (median of repeated runs), nodes before and after, next to the node counts onnxruntime-node's own optimizer
// leaves at its basic and extended levels. Then what the rewrites buy at run time: onnxruntime-node with its
// own optimizer switched off, on the original model and on ours (median and fastest ms of one inference,
// batch 1; on a busy machine the fastest run is the steadier figure).
import fs from 'node:fs';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import {
  decodeModel,
  encodeModel,
  parseManifest,
  runPipeline,
  type Model,
  type PassLevel,
} from '../../src/engine/index';
import { seededFeeds } from '../../src/engine/passes/passTesting';
import { ortOptimized, toOrt } from '../testing/ort';
import { table, time, type Benchmark } from './harness';

function models(): { id: string; file: string }[] {
  const dir = path.resolve('public/models');
  const manifest = parseManifest(JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')));
  const fixtures = ['tiny-cnn', 'small-cnn', 'tiny-transformer', 'small-transformer'].map((id) => ({
    id,
    file: path.resolve('test-data/models', `${id}.onnx`),
  }));
  return [...manifest.models.map((m) => ({ id: m.id, file: path.join(dir, m.file) })), ...fixtures];
}

/**
 * Median and fastest ms of one onnxruntime-node inference (its graph optimizations disabled, one thread) of
 * each model, timed in alternation — a, b, a, b … — so that a busy machine slows both alike.
 */
async function ortMs(models: Model[]): Promise<{ median: number; min: number }[]> {
  const feeds = Object.fromEntries(
    Object.entries(seededFeeds(models[0], 0, { batch: 1, sequence: 16 })).map(([k, t]) => [k, toOrt(t)]),
  );
  const sessions = await Promise.all(
    models.map((m) =>
      ort.InferenceSession.create(encodeModel(m), {
        graphOptimizationLevel: 'disabled',
        logSeverityLevel: 3,
      }),
    ),
  );
  for (const s of sessions) for (let i = 0; i < 3; i++) await s.run(feeds);
  const samples = sessions.map((): number[] => []);
  const start = performance.now();
  while (samples[0].length < 15 || performance.now() - start < 1500)
    for (const [i, s] of sessions.entries()) {
      const t0 = performance.now();
      await s.run(feeds);
      samples[i].push(performance.now() - t0);
    }
  await Promise.all(sessions.map((s) => s.release()));
  return samples.map((list) => {
    list.sort((a, b) => a - b);
    return { median: list[Math.floor(list.length / 2)], min: list[0] };
  });
}

const LEVELS: PassLevel[] = ['basic', 'extended', 'all'];

export default async function passesBenchmark(): Promise<Benchmark> {
  return {
    title: 'graph-optimization pipeline: time and nodes per level vs onnxruntime-node; run time it buys',
    async run() {
      const rows: (string | number)[][] = [];
      const speed: (string | number)[][] = [];
      for (const { id, file } of models()) {
        const bytes = new Uint8Array(fs.readFileSync(file));
        const model = decodeModel(bytes);
        const [ortBasic, ortExtended] = await Promise.all(
          (['basic', 'extended'] as const).map(
            async (l) => decodeModel(await ortOptimized(bytes, l)).graph.nodes.length,
          ),
        );
        for (const level of LEVELS) {
          const result = runPipeline(model, { level });
          const t = await time(() => runPipeline(model, { level }), { warmup: 1, minRuns: 3, minMs: 300 });
          rows.push([
            id,
            level,
            result.before.nodes,
            result.after.nodes,
            result.iterations,
            t.median,
            ortBasic,
            ortExtended,
          ]);
        }
        const optimized = runPipeline(model).model;
        const [before, after] = await ortMs([model, optimized]);
        speed.push([id, before.median, after.median, before.median / after.median, before.min, after.min]);
      }
      table(['model', 'level', 'nodes', 'after', 'sweeps', 'pipeline ms', 'ort basic', 'ort extended'], rows);
      console.log(
        '\nonnxruntime-node, its optimizer off, 1 thread: one inference (ms), original vs our extended pipeline',
      );
      const header = [
        'model',
        'original median',
        'optimized median',
        'speed-up ×',
        'original min',
        'optimized min',
      ];
      table(header, speed);
    },
  };
}
