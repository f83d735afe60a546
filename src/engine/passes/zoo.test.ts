// The differential check on real models: every zoo model (public/models) and every PyTorch export of
// test-data/models, optimized by each pass alone and by the whole pipeline at each level, must give the same
// outputs as the original — from the interpreter and from onnxruntime-node, on seeded random inputs, within
// 1e-4 relative (max |a − b| / max |b|, against the interpreter on the original model). To keep the suite fast,
// the two 224×224 MobileNets (≈1.3 s per interpreter run at batch 1) are run by the interpreter only at the
// default level; onnxruntime checks every variant of them. The raw-exporter twins must come out with at most as many
// nodes as onnxruntime's own basic-level optimization leaves; the counts are printed. onnxruntime-web (wasm,
// in Node) runs the fused models too: what the browser gets.
import fs from 'node:fs';
import path from 'node:path';
import * as ortWeb from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { ortOptimized, runOrt } from '../../../scripts/testing/ort';
import { relativeError } from '../conformance/compare';
import { run } from '../interpreter/run';
import type { Model } from '../ir/graph';
import type { Tensor } from '../ir/tensor';
import { decodeModel } from '../onnx/decode';
import { encodeModel } from '../onnx/encode';
import { runsInOrtWeb } from '../layout/ortSupport';
import { parseManifest } from '../zoo/manifest';
import { seededFeeds } from './passTesting';
import { runPipeline } from './pipeline';
import { PASSES } from './registry';
import type { PipelineOptions } from './types';

const root = path.resolve(__dirname, '../../..');
const manifest = parseManifest(
  JSON.parse(fs.readFileSync(path.join(root, 'public/models/manifest.json'), 'utf8')),
);
const MODELS = [
  ...manifest.models.map((m) => ({
    id: m.id,
    file: path.join(root, 'public/models', m.file),
    twinOf: m.twinOf,
  })),
  ...['tiny-cnn', 'small-cnn', 'tiny-transformer', 'small-transformer'].map((id) => ({
    id,
    file: path.join(root, 'test-data/models', `${id}.onnx`),
    twinOf: undefined,
  })),
];
const SLOW = new Set(['mobilenetv2-224', 'mobilenetv2-224-raw']);
const TOLERANCE = 1e-4;

const maxError = (actual: Record<string, Tensor>, expected: Record<string, Tensor>) =>
  Math.max(...Object.entries(expected).map(([name, t]) => relativeError(actual[name], t)));

const VARIANTS: { label: string; options: PipelineOptions }[] = [
  { label: 'extended', options: {} },
  { label: 'basic', options: { level: 'basic' } },
  { label: 'extended, standard ONNX', options: { contribOps: false } },
  { label: 'all', options: { level: 'all' } },
  ...PASSES.map((p) => ({ label: p.name, options: { passes: [p.name] } })),
];

const nodeCount = (bytes: Uint8Array) => decodeModel(bytes).graph.nodes.length;

describe('every pass and the pipeline on real models: same outputs as the original', () => {
  it.each(MODELS.map((m) => [m.id, m] as const))('%s', async (id, { file, twinOf }) => {
    const bytes = new Uint8Array(fs.readFileSync(file));
    const model: Model = decodeModel(bytes);
    const feeds = seededFeeds(model, 31, { batch: SLOW.has(id) ? 1 : 2, sequence: 9 });
    const reference = run(model, feeds);
    const rows: string[] = [];
    for (const { label, options } of VARIANTS) {
      const result = runPipeline(model, options);
      const rewrites = result.runs.reduce((n, r) => n + r.rewrites.length, 0);
      if (rewrites === 0) continue;
      // channels-last contrib ops (layout-nhwc, level all) have no kernel in onnxruntime's CPU provider:
      // such a model is checked by the interpreter alone
      const checkOrt = runsInOrtWeb(result.model);
      const ort = checkOrt ? maxError(await runOrt(encodeModel(result.model), feeds), reference) : NaN;
      const checkInterpreter = !SLOW.has(id) || label === 'extended' || !checkOrt;
      const ours = checkInterpreter ? maxError(run(result.model, feeds), reference) : NaN;
      const figure = (checked: boolean, error: number) => (checked ? error.toExponential(1) : '(skipped)');
      rows.push(
        `${label.padEnd(24)} ${String(result.before.nodes).padStart(3)} → ${String(result.after.nodes).padStart(3)} nodes, ` +
          `${rewrites} rewrites, interpreter ${figure(checkInterpreter, ours)}, onnxruntime ${figure(checkOrt, ort)}`,
      );
      if (checkOrt)
        expect.soft(ort, `${id} ${label}: onnxruntime-node on the optimized model`).toBeLessThan(TOLERANCE);
      if (checkInterpreter)
        expect.soft(ours, `${id} ${label}: interpreter on the optimized model`).toBeLessThan(TOLERANCE);
      expect.soft(result.converged, `${id} ${label} converged`).toBe(true);
    }
    if (twinOf) {
      const ortBasic = nodeCount(await ortOptimized(bytes, 'basic'));
      const ours = runPipeline(model).after.nodes;
      const oursBasic = runPipeline(model, { level: 'basic' }).after.nodes;
      rows.push(
        `raw twin: ${ours} nodes after our pipeline (${oursBasic} at basic), ${ortBasic} after onnxruntime basic`,
      );
      expect(ours).toBeLessThanOrEqual(ortBasic);
    }
    console.info(`${id}\n  ${rows.join('\n  ')}`);
  });
});

describe('onnxruntime-web runs the optimized models (FusedConv, FusedGemm)', () => {
  ortWeb.env.wasm.numThreads = 1;
  it.each(['digits-cnn-raw', 'digits-mobilenet', 'small-cnn'])('%s', async (id) => {
    const { file } = MODELS.find((m) => m.id === id)!;
    const model = decodeModel(new Uint8Array(fs.readFileSync(file)));
    const feeds = seededFeeds(model, 32, { batch: 3 });
    const optimized = runPipeline(model).model;
    expect(Object.keys(optimized.opsets)).toContain('com.microsoft');
    const session = await ortWeb.InferenceSession.create(encodeModel(optimized));
    const outputs = await session.run(
      Object.fromEntries(
        Object.entries(feeds).map(([k, t]) => [
          k,
          new ortWeb.Tensor('float32', t.data as Float32Array, t.dims),
        ]),
      ),
    );
    await session.release();
    const reference = run(model, feeds);
    for (const [name, t] of Object.entries(reference)) {
      const got: Tensor = {
        dtype: 'float32',
        dims: [...outputs[name].dims],
        data: outputs[name].data as Float32Array,
      };
      expect(relativeError(got, t)).toBeLessThan(TOLERANCE);
    }
  });
});
