// The examples and the timeline diff on the real pipeline (run in-process through the worker's service).
import { describe, expect, it } from 'vitest';
import { parseModelText, type Model } from '../../engine';
import { createOptimizerService } from '../../workers/optimizerService';
import type { OptimizeResult, OptimizerResponse } from '../../workers/optimizerProtocol';
import { EXAMPLES } from './examples';
import { diffPositions } from './timeline';

function optimize(model: Model, options = {}): OptimizeResult {
  const posted: OptimizerResponse[] = [];
  createOptimizerService({ post: (m) => posted.push(m), now: () => performance.now() }).handle({
    kind: 'optimize',
    id: 1,
    model,
    options,
  });
  const last = posted.at(-1)!;
  if (last.kind !== 'optimized') throw new Error(JSON.stringify(last));
  return last.result;
}

describe('examples on the real pipeline', () => {
  it('composes origins so that the fused Conv of a Conv-BN-ReLU stands for all three', () => {
    const text = EXAMPLES.find((e) => e.id === 'conv-bn-relu')!.text;
    const model = parseModelText(text);
    const result = optimize(model, { level: 'extended', contribOps: true });
    const end = result.graphs.length - 1;
    expect(result.graphs[end].nodes.map((n) => n.opType)).toEqual(['FusedConv']);
    const diff = diffPositions(result.graphs, result.steps, 0, end);
    const fused = result.graphs[end].nodes[0].name;
    expect(diff.origins.get(fused)?.length ?? 0).toBeGreaterThanOrEqual(2);
    const parts = new Set([...(diff.origins.get(fused) ?? []), ...(diff.changed.has(fused) ? [fused] : [])]);
    expect([...parts].sort()).toEqual(result.graphs[0].nodes.map((n) => n.name).sort());
  });

  it('moves the ReLU of add-relu-maxpool after the pool, where it reads a quarter of the elements', () => {
    const model = parseModelText(EXAMPLES.find((e) => e.id === 'add-relu-maxpool')!.text);
    const result = optimize(model, { level: 'extended' });
    expect(result.steps.map((s) => s.pass)).toEqual(['activation-after-pool']);
    expect(result.graphs.at(-1)!.nodes.map((n) => n.opType)).toEqual(['Add', 'MaxPool', 'Relu']);
  });

  // add-relu-maxpool keeps its nodes: forwarding moves the ReLU, it removes nothing (tested above)
  const shrinking = EXAMPLES.filter((e) => e.id !== 'add-relu-maxpool');
  it.each(shrinking.map((e) => [e.id, e.text]))('%s parses and loses nodes to the passes', (_id, text) => {
    const model = parseModelText(text);
    const result = optimize(model, { level: 'extended' });
    expect(result.steps.length).toBeGreaterThan(0);
    expect(result.after.nodes).toBeLessThan(result.before.nodes);
  });
});
