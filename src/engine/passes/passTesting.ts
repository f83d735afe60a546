// What the passes' tests share: run passes on a small model written in the ONNX text syntax, count its ops,
// and compare a model's outputs with another's on the same seeded inputs (the differential check).
import { relativeError } from '../conformance/compare';
import { run } from '../interpreter/run';
import type { Model } from '../ir/graph';
import { randomTensor } from '../ir/randomTensor';
import type { Tensor } from '../ir/tensor';
import { parseModelText } from '../onnx/text/parse';
import { seededRandom } from '../stats/rng';
import { runPasses } from './pipeline';
import { opCounts } from './stats';
import type { Pass, PipelineOptions, PipelineResult } from './types';

export interface PassOutcome {
  before: Model;
  result: PipelineResult;
  /** Op counts before and after. */
  counts: { before: Record<string, number>; after: Record<string, number> };
  rewrites: number;
}

/** Runs the passes (through the pipeline, checks included) on a model or its text. */
export function applyPasses(
  passes: Pass[],
  model: Model | string,
  options: PipelineOptions = {},
): PassOutcome {
  const before = typeof model === 'string' ? parseModelText(model) : model;
  const result = runPasses(before, passes, options);
  const rewrites = result.runs.reduce((n, r) => n + r.rewrites.length, 0);
  return { before, result, counts: { before: opCounts(before), after: opCounts(result.model) }, rewrites };
}

/**
 * Seeded inputs for the model's graph inputs: floats in [−2, 2), integers in [0, 9]; a symbolic dim takes
 * its value from `dims` (2 when not given).
 */
export function seededFeeds(
  model: Model,
  seed: number,
  dims: Record<string, number> = {},
): Record<string, Tensor> {
  const random = seededRandom(seed);
  const feeds: Record<string, Tensor> = {};
  for (const input of model.graph.inputs) {
    if (model.graph.initializers.has(input.name) || !input.type?.shape) continue;
    const shape = input.type.shape.map((d) => (typeof d === 'number' ? d : (dims[d] ?? 2)));
    const dtype = input.type.dtype === 'string' ? 'float32' : input.type.dtype;
    feeds[input.name] = randomTensor(dtype, shape, random, dtype.startsWith('float') ? [-2, 2] : undefined);
  }
  return feeds;
}

/** Seeded float32 weights in [−1, 1) for a fixture's initializer. */
export const seededWeights = (dims: number[], seed: number): Tensor =>
  randomTensor('float32', dims, seededRandom(seed));

/** The largest relative error (relativeError: max |a − b| / max |b|) over the outputs of `model` against `reference`. */
export function outputError(model: Model, reference: Model, feeds: Record<string, Tensor>): number {
  const expected = run(reference, feeds);
  const actual = run(model, feeds);
  return Math.max(...Object.entries(expected).map(([name, t]) => relativeError(actual[name], t)));
}
