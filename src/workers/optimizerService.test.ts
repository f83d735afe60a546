// The optimizer Worker's service, run in-process on real models with the real engine: what the page gets
// back (timeline, analysis, parse problems, bytes) is checked against the engine's own answers.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeModel, graphStats, type Model } from '../engine';
import { analyze, createOptimizerService, decode, parse, withGraph } from './optimizerService';
import type { OptimizeResult, OptimizerResponse } from './optimizerProtocol';

const zoo = (id: string) => {
  const bytes = fs.readFileSync(path.resolve(__dirname, `../../public/models/${id}.onnx`));
  return new Uint8Array(bytes).buffer;
};

function service() {
  const posted: OptimizerResponse[] = [];
  const s = createOptimizerService({
    post: (m) => posted.push(structuredClone(m)),
    now: () => performance.now(),
  });
  return { posted, handle: s.handle };
}

function optimize(model: Model, options = {}): { result: OptimizeResult; progress: number } {
  const { posted, handle } = service();
  handle({ kind: 'optimize', id: 1, model, options });
  const last = posted.at(-1)!;
  if (last.kind !== 'optimized') throw new Error(JSON.stringify(last));
  return { result: last.result, progress: posted.filter((m) => m.kind === 'progress').length };
}

describe('optimizer service', () => {
  it('gives one graph per timeline position, whose stats at pass ends are the pipeline’s', () => {
    const model = decode(zoo('digits-cnn-raw'));
    const { result } = optimize(model, { level: 'extended' });
    expect(result.graphs).toHaveLength(result.steps.length + 1);
    expect(result.steps.length).toBeGreaterThan(5);
    expect(result.graphs[0].nodes).toHaveLength(model.graph.nodes.length);
    for (const run of result.runs) expect(result.graphs[run.end].nodes).toHaveLength(run.stats.nodes);
    // the analysis of the last graph counts as the pipeline does
    const last = { ...withGraph(model, result.graphs.at(-1)!), opsets: result.opsets };
    const analysis = analyze(last);
    expect(analysis.stats).toEqual(graphStats(last));
    expect(analysis.stats).toEqual(result.after);
    expect(analysis.nodes).toHaveLength(last.graph.nodes.length);
    expect(analysis.memory?.plannedBytes).toBe(result.after.peakBytes);
  });

  it('reports progress while optimizing a large model', () => {
    const { result } = optimize(decode(zoo('mobilenetv2-224-raw')));
    expect(result.after.nodes).toBeLessThan(result.before.nodes);
    expect(result.converged).toBe(true);
  });

  it('turns a syntax error into a problem with its line, and a broken rule into one on the line that breaks it', () => {
    const bad = parse('g (float[1] x) => (float[1] y) {\n  y = Relu (x\n}', new Map());
    expect(bad.model).toBeNull();
    expect(bad.problem).toMatchObject({ line: 3 });
    const twice = parse('g (float[1] x) => (float[1] y) {\n  y = Relu (x)\n  y = Neg (x)\n}', new Map());
    expect(twice.model).toBeNull();
    expect(twice.problem?.line).toBe(3);
    expect(parse('g (float[1] x) => (float[1] y) {\n  y = Relu (x)\n}', new Map()).problem).toBeNull();
  });

  it('accepts a graph with an unknown operator (a typo?) but warns on its line', () => {
    const typo = parse('g (float[1] x) => (float[1] y) {\n  a = Relu (x)\n  y = Sigmiod (a)\n}', new Map());
    expect(typo.model?.graph.nodes.map((n) => n.opType)).toEqual(['Relu', 'Sigmiod']);
    expect(typo.problem).toMatchObject({ severity: 'warning', line: 3 });
    expect(typo.problem?.message).toMatch(/Sigmiod is not implemented here/);
  });

  it('refuses empty and malformed files with a ModelError, posted as an error for that request', () => {
    const { posted, handle } = service();
    handle({ kind: 'decode', id: 7, bytes: new ArrayBuffer(0), name: 'empty.onnx' });
    handle({
      kind: 'decode',
      id: 8,
      bytes: new TextEncoder().encode('not a model').buffer as ArrayBuffer,
      name: 'x.onnx',
    });
    expect(posted.map((m) => [m.kind, m.id])).toEqual([
      ['error', 7],
      ['error', 8],
    ]);
    expect(posted[0]).toMatchObject({ error: { name: 'ModelError', code: 'parse' } });
  });

  it('encodes a model that decodes back to the same graph', () => {
    const { posted, handle } = service();
    const model = decode(zoo('digits-cnn'));
    handle({ kind: 'encode', id: 3, model });
    const r = posted[0];
    if (r.kind !== 'encoded') throw new Error(r.kind);
    const back = decodeModel(new Uint8Array(r.bytes));
    expect(back.graph.nodes.map((n) => n.opType)).toEqual(model.graph.nodes.map((n) => n.opType));
  });
});
