import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelError } from '../errors';
import { CancelledError } from '../interpreter/run';
import { decodeModel } from '../onnx/decode';
import { parseModelText } from '../onnx/text/parse';
import { PassError } from './check';
import { rewrite } from './context';
import { runPasses, runPipeline, runPipelineAsync } from './pipeline';
import { PASSES, selectPasses } from './registry';
import { PASS_NAMES, type Pass } from './types';

const zoo = (id: string) =>
  decodeModel(new Uint8Array(fs.readFileSync(path.resolve(__dirname, `../../../public/models/${id}.onnx`))));

const TINY = `<ir_version: 8, opset_import: ["" : 17]>
  g (float[N, 3, 8, 8] x) => (float[N, 4, 8, 8] y)
  <float[4, 3, 3, 3] W = {...}, float[4] s = {1, 2, 3, 4}, float[4] b = {0, 1, 0, 1}, float[4] m = {0, 0, 1, 1},
   float[4] v = {1, 1, 2, 2}>
  {
    c = Conv <pads = [1, 1, 1, 1]> (x, W)
    n = BatchNormalization (c, s, b, m, v)
    i = Identity (n)
    y = Relu (i)
  }`;
const tiny = () => {
  const W = new Float32Array(4 * 3 * 3 * 3).map((_, i) => Math.sin(i));
  return parseModelText(TINY, new Map([['W', { dtype: 'float32', dims: [4, 3, 3, 3], data: W }]]));
};

describe('the pass registry', () => {
  it('registers every pass of PASS_NAMES, each once', () => {
    expect(PASSES.map((p) => p.name).sort()).toEqual([...PASS_NAMES].sort());
  });

  it('selects by level (basic ⊂ extended) or by name, in pipeline order', () => {
    expect(selectPasses({ level: 'basic' }).map((p) => p.name)).toEqual([
      'eliminate-redundant',
      'constant-folding',
      'cse',
      'dead-code',
    ]);
    expect(selectPasses().length).toBe(PASSES.filter((p) => p.level !== 'all').length);
    expect(selectPasses({ passes: ['dead-code', 'cse'] }).map((p) => p.name)).toEqual(['cse', 'dead-code']);
    expect(() => selectPasses({ passes: ['cse', 'nope' as never] })).toThrow(/no pass named "nope"/);
  });
});

describe('runPipeline', () => {
  it('runs to a fixed point, records each rewrite, and leaves the input model alone', () => {
    const model = tiny();
    const copy = structuredClone(model);
    const result = runPipeline(model);
    expect(model).toEqual(copy);
    expect(result.before.nodes).toBe(4);
    expect(result.after.opCounts).toEqual({ 'com.microsoft::FusedConv': 1 });
    expect(result.model.opsets['com.microsoft']).toBe(1);
    expect(result.converged).toBe(true);
    // one sweep does it all, a second finds nothing
    expect(result.iterations).toBe(2);
    expect(result.runs.filter((r) => r.iteration === 2).every((r) => r.rewrites.length === 0)).toBe(true);
    const summaries = result.runs.flatMap((r) => r.rewrites.map((w) => `${w.pass}: ${w.summary}`));
    expect(summaries).toEqual([
      'eliminate-redundant: removed Identity_2: Identity',
      'fold-batchnorm: folded BatchNormalization_1 into the weights and bias of Conv Conv_0',
      'fuse-activation: Conv Conv_0 and Relu Relu_3 became FusedConv Conv_0+Relu_3',
      'dead-code: removed 5 unused initializers',
    ]);
    const fused = result.runs.flatMap((r) => r.rewrites).find((w) => w.pass === 'fuse-activation')!;
    expect(fused.origins).toEqual({ 'Conv_0+Relu_3': ['Conv_0', 'Relu_3'] });
    expect(result.input.nodes.map((n) => n.name)).toEqual([
      'Conv_0',
      'BatchNormalization_1',
      'Identity_2',
      'Relu_3',
    ]);
    // stats after each run: MACs stay (the fused Conv counts), parameters lose the BN's
    expect(result.after.macs).toBe(result.before.macs);
    expect(result.before.macs).toBe(4 * 8 * 8 * 3 * 3 * 3);
    expect(result.after.params).toBe(4 * 27 + 4);
    expect(result.after.peakBytes).toBeLessThan(result.before.peakBytes);
    expect(result.ms).toBeGreaterThan(0);
  });

  it('keeps standard ONNX with contribOps false', () => {
    const result = runPipeline(tiny(), { contribOps: false });
    expect(result.after.opCounts).toEqual({ Conv: 1, Relu: 1 });
    expect(result.model.opsets['com.microsoft']).toBeUndefined();
  });

  it('keeps a snapshot after every rewrite: nodes copied, tensors shared', () => {
    const result = runPipeline(tiny(), { snapshots: true });
    const runs = result.runs.filter((r) => r.rewrites.length > 0);
    for (const r of runs) expect(r.graphs).toHaveLength(r.rewrites.length);
    const graphs = runs.flatMap((r) => r.graphs!);
    expect(graphs.map((g) => g.nodes.length)).toEqual([3, 2, 1, 1]);
    expect(graphs.at(-1)!.nodes[0]).not.toBe(result.model.graph.nodes[0]);
    expect(graphs.at(-1)!.nodes[0]).toEqual(result.model.graph.nodes[0]);
    const w = result.model.graph.nodes[0].inputs[1];
    expect(graphs.at(-1)!.initializers.get(w)).toBe(result.model.graph.initializers.get(w));
    expect(runPipeline(tiny()).runs.every((r) => r.graphs === undefined)).toBe(true);
  });

  it('stops at maxIterations, saying it did not converge', () => {
    // each sweep, dead-code removes what fold-batchnorm left behind only after it: 1 sweep is not enough to know
    const result = runPipeline(tiny(), { maxIterations: 1 });
    expect(result.iterations).toBe(1);
    expect(result.converged).toBe(false);
    expect(() => runPipeline(tiny(), { maxIterations: 0 })).toThrow(ModelError);
  });

  it('reports progress and stops with CancelledError when the signal is aborted', async () => {
    const seen: string[] = [];
    const signal = { aborted: false };
    const run = runPipelineAsync(tiny(), {
      signal,
      onProgress: ({ pass, rewrites }) => {
        seen.push(`${pass}:${rewrites}`);
        if (pass === 'fold-batchnorm') signal.aborted = true;
      },
    });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(seen).toContain('eliminate-redundant:1');
    expect(seen).not.toContain('fuse-activation:1');
  });

  it('refuses a broken model with a ModelError saying why', () => {
    const broken = parseModelText(`<ir_version: 8, opset_import: ["" : 17]>
      g (float[2, 3] x) => (float[2, 3] y) <int64[2] s = {4, 4}> { y = Reshape (x, s) }`);
    expect(() => runPipeline(broken)).toThrow(/cannot optimize a broken model: .*Reshape/);
    const cycle = parseModelText(`<ir_version: 8, opset_import: ["" : 17]>
      g (float[2] x) => (float[2] y) { a = Add (x, b) b = Relu (a) y = Identity (b) }`);
    expect(() => runPipeline(cycle)).toThrow(ModelError);
    expect(() => runPipeline(cycle)).toThrow(/cycle/);
  });

  it('works around operators it does not know, leaving them as they are', () => {
    const model = parseModelText(`<ir_version: 8, opset_import: ["" : 17, "com.example" : 1]>
      g (float[2, 3] x) => (float[2, 3] y) <float[3] one = {1, 1, 1}>
      { a = Identity (x) b = com.example.Mystery (a) c = Mul (b, one) y = Relu (c) }`);
    const result = runPipeline(model);
    expect(result.after.opCounts).toEqual({ 'com.example::Mystery': 1, Mul: 1, Relu: 1 });
    expect(result.model.graph.nodes[0].inputs).toEqual(['x']);
  });

  it('names the pass that breaks the graph (PassError)', () => {
    const breaker: Pass<string> = {
      name: 'cse',
      level: 'basic',
      match: (graph) => (graph.nodes.some((n) => n.opType === 'Relu') ? 'Relu_3' : null),
      apply(graph) {
        const relu = graph.nodes.find((n) => n.opType === 'Relu')!;
        relu.opType = 'Transpose';
        relu.attributes = { perm: { type: 'ints', value: [0, 2, 1, 3] } };
        return rewrite(
          'cse',
          { code: 'duplicate-node', duplicate: relu.name, kept: relu.name },
          { changed: [relu.name] },
        );
      },
    };
    const error = (() => {
      try {
        runPasses(tiny(), [breaker]);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(PassError);
    expect((error as PassError).pass).toBe('cse');
    expect((error as PassError).message).toMatch(
      /^pass cse broke the graph \(a bug in the pass\): .*output y was float32\[N, 4, 8, 8\] and is now float32\[N, 8, 4, 8\]$/,
    );
  });

  it('optimizes the raw PyTorch export of the digits CNN to the size of the clean export, fused', () => {
    const result = runPipeline(zoo('digits-cnn-raw'));
    expect(result.before.nodes).toBe(27);
    expect(result.after.opCounts).toEqual({
      'com.microsoft::FusedConv': 3,
      MaxPool: 2,
      Reshape: 1,
      'com.microsoft::FusedGemm': 1,
      Gemm: 1,
    });
    expect(result.converged).toBe(true);
  });
});
