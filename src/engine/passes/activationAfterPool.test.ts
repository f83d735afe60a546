import { describe, expect, it } from 'vitest';
import { parseModelText } from '../onnx/text/parse';
import { activationAfterPool } from './activationAfterPool';
import { applyPasses, outputError, seededFeeds } from './passTesting';

const HEADER = '<ir_version: 8, opset_import: ["" : 17]>';
const model = (
  act: string,
  pool = 'MaxPool <kernel_shape = [2, 2], strides = [2, 2]> (a)',
  out = 'float[N, 3, 3, 3]',
) =>
  parseModelText(`${HEADER}
    g (float[N, 3, 6, 6] x) => (${out} y) <float[] lo = {-0.5}, float[] hi = {0.5}>
    { a = ${act} y = ${pool} }`);

describe('activation-after-pool', () => {
  it.each([
    'Relu (x)',
    'Clip (x, lo, hi)',
    'LeakyRelu <alpha = 0.1> (x)',
    'Sigmoid (x)',
    'Tanh (x)',
    'HardSigmoid (x)',
    'Elu (x)',
    'Softplus (x)',
  ])('moves %s after a MaxPool: same outputs, a quarter of the elements', (act) => {
    const before = model(act);
    const { result, counts } = applyPasses([activationAfterPool], before);
    expect(counts.after).toEqual(counts.before);
    expect(result.model.graph.nodes.map((n) => n.opType)).toEqual(['MaxPool', act.split(' ')[0]]);
    expect(result.runs[0].rewrites[0].summary).toMatch(/: it runs on 4× fewer elements$/);
    expect(outputError(result.model, before, seededFeeds(before, 25, { N: 2 }))).toBe(0);
  });

  it('also with padding and overlapping windows, and after a GlobalMaxPool', () => {
    const padded = model(
      'Relu (x)',
      'MaxPool <kernel_shape = [3, 3], pads = [1, 1, 1, 1], strides = [2, 2]> (a)',
    );
    const moved = applyPasses([activationAfterPool], padded);
    expect(moved.rewrites).toBe(1);
    expect(outputError(moved.result.model, padded, seededFeeds(padded, 26))).toBe(0);
    const global = model('Tanh (x)', 'GlobalMaxPool (a)', 'float[N, 3, 1, 1]');
    const g = applyPasses([activationAfterPool], global);
    expect(g.rewrites).toBe(1);
    expect(outputError(g.result.model, global, seededFeeds(global, 27))).toBe(0);
  });

  it('bails out: decreasing or non-monotone activations, windows lying in the padding, Indices in use', () => {
    expect(applyPasses([activationAfterPool], model('LeakyRelu <alpha = -0.5> (x)')).rewrites).toBe(0);
    expect(applyPasses([activationAfterPool], model('Gelu (x)')).rewrites).toBe(0);
    expect(applyPasses([activationAfterPool], model('HardSwish (x)')).rewrites).toBe(0);
    expect(applyPasses([activationAfterPool], model('Neg (x)')).rewrites).toBe(0);
    // the first window covers padding rows and columns only: −∞ pooled, where Sigmoid(−∞) = 0 after the move
    const hollow = model(
      'Sigmoid (x)',
      'MaxPool <kernel_shape = [2, 2], pads = [2, 2, 0, 0], strides = [2, 2]> (a)',
      'float[N, 3, 4, 4]',
    );
    expect(applyPasses([activationAfterPool], hollow).rewrites).toBe(0);
    const indices = parseModelText(`${HEADER}
      g (float[1, 3, 4, 4] x) => (float[1, 3, 2, 2] y, int64[1, 3, 2, 2] i)
      { a = Relu (x) y, i = MaxPool <kernel_shape = [2, 2], strides = [2, 2]> (a) }`);
    expect(applyPasses([activationAfterPool], indices).rewrites).toBe(0);
  });
});
