import { describe, expect, it } from 'vitest';
import { parseModelText } from '../onnx/text/parse';
import { matmulAddToGemm } from './matmulAddToGemm';
import { applyPasses, outputError, seededFeeds } from './passTesting';

const model = (x: string, bias: string, add = 'Add (m, c)', y = 'float[M, 3]') =>
  parseModelText(`<ir_version: 8, opset_import: ["" : 17]>
    g (${x} x) => (${y} y) <float[4, 3] w = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, ${bias}>
    { m = MatMul (x, w) y = ${add} }`);

describe('matmul-add-to-gemm', () => {
  it.each([
    ['bias [N]', 'float[3] c = {1, 2, 3}', 'Add (m, c)'],
    ['bias [1, N] first', 'float[1, 3] c = {1, 2, 3}', 'Add (c, m)'],
    ['scalar bias', 'float[] c = {0.5}', 'Add (m, c)'],
  ])('2-D MatMul + Add of a %s → Gemm', (_, bias, add) => {
    const before = model('float[M, 4]', bias, add);
    const { result, counts } = applyPasses([matmulAddToGemm], before);
    expect(counts.after).toEqual({ Gemm: 1 });
    expect(result.model.graph.nodes[0]).toMatchObject({
      opType: 'Gemm',
      inputs: ['x', 'w', 'c'],
      outputs: ['y'],
    });
    expect(outputError(result.model, before, seededFeeds(before, 18, { M: 5 }))).toBeLessThan(1e-6);
  });

  it('also with a bias [M, N] that is not a constant', () => {
    const before = parseModelText(`<ir_version: 8, opset_import: ["" : 17]>
      g (float[2, 4] x, float[2, 3] c) => (float[2, 3] y) <float[4, 3] w = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}>
      { m = MatMul (x, w) y = Add (m, c) }`);
    const { result, counts } = applyPasses([matmulAddToGemm], before);
    expect(counts.after).toEqual({ Gemm: 1 });
    expect(outputError(result.model, before, seededFeeds(before, 19))).toBeLessThan(1e-6);
  });

  it('bails out: batched (3-D) MatMul, a bias that grows the result, a product read twice', () => {
    expect(
      applyPasses(
        [matmulAddToGemm],
        model('float[2, M, 4]', 'float[3] c = {1, 2, 3}', 'Add (m, c)', 'float[2, M, 3]'),
      ).rewrites,
    ).toBe(0);
    expect(
      applyPasses(
        [matmulAddToGemm],
        model('float[1, 4]', 'float[5, 1] c = {1, 2, 3, 4, 5}', 'Add (m, c)', 'float[5, 3]'),
      ).rewrites,
    ).toBe(0);
    const shared = model('float[M, 4]', 'float[3] c = {1, 2, 3}');
    shared.graph.outputs.push({ name: 'm', type: { dtype: 'float32', shape: ['M', 3] } });
    expect(applyPasses([matmulAddToGemm], shared).rewrites).toBe(0);
  });
});
