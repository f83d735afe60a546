import { describe, expect, it } from 'vitest';
import { parseModelText } from '../onnx/text/parse';
import { applyPasses, outputError, seededFeeds } from './passTesting';
import { reshapeMerge } from './reshapeMerge';

const HEADER = '<ir_version: 8, opset_import: ["" : 17]>';

describe('reshape-merge', () => {
  it.each([
    ['Reshape', 'm = Reshape (x, s1)'],
    ['Flatten', 'm = Flatten <axis = 2> (x)'],
    ['Unsqueeze', 'm = Unsqueeze (x, ax)'],
  ])('%s then Reshape to a constant shape → one Reshape', (_, first) => {
    const before = parseModelText(`${HEADER}
      g (float[2, 3, 4] x) => (float[4, 6] y) <int64[2] s1 = {6, 4}, int64[2] s2 = {4, -1}, int64[1] ax = {0}>
      { ${first} y = Reshape (m, s2) }`);
    const { result, counts } = applyPasses([reshapeMerge], before);
    expect(counts.after).toEqual({ Reshape: 1 });
    expect(result.model.graph.nodes[0].inputs).toEqual(['x', 's2']);
    expect(outputError(result.model, before, seededFeeds(before, 23))).toBe(0);
  });

  it("resolves the second Reshape's 0 (copy a dim) against the first's constant shape", () => {
    const before = parseModelText(`${HEADER}
      g (float[N, 12] x) => (float[N, 2, 6] y) <int64[3] s1 = {0, 3, 4}, int64[3] s2 = {0, 2, 6}>
      { m = Reshape (x, s1) y = Reshape (m, s2) }`);
    const { result, counts } = applyPasses([reshapeMerge], before);
    expect(counts.after).toEqual({ Reshape: 1 });
    const target = result.model.graph.initializers.get(result.model.graph.nodes[0].inputs[1])!;
    expect(Array.from(target.data as Float64Array)).toEqual([0, 2, 6]);
    expect(outputError(result.model, before, seededFeeds(before, 24, { N: 3 }))).toBe(0);
  });

  it("bails out when the second's 0 copies a dim the first computes (−1), or its shape is not constant", () => {
    const copyOfMinusOne = parseModelText(`${HEADER}
      g (float[N, 12] x) => (float[N, 12] y) <int64[2] s1 = {-1, 12}, int64[2] s2 = {0, 12}>
      { m = Reshape (x, s1) y = Reshape (m, s2) }`);
    expect(applyPasses([reshapeMerge], copyOfMinusOne).rewrites).toBe(0);
    const computed = parseModelText(`${HEADER}
      g (float[2, 6] x, int64[2] s) => (float[3, 4] y) <int64[2] s1 = {3, 4}>
      { m = Reshape (x, s1) y = Reshape (m, s) }`);
    expect(applyPasses([reshapeMerge], computed).rewrites).toBe(0);
  });
});
