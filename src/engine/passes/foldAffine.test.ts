import { describe, expect, it } from 'vitest';
import { parseModelText } from '../onnx/text/parse';
import { foldAffine } from './foldAffine';
import { applyPasses, outputError, seededFeeds, seededWeights } from './passTesting';

const HEADER = '<ir_version: 8, opset_import: ["" : 17]>';
const TOLERANCE = 1e-5;

const conv = (op: string, constant: string) =>
  parseModelText(
    `${HEADER}
    g (float[2, 3, 5, 5] x) => (float[2, 4, 5, 5] y) <float[4, 3, 3, 3] w = {...}, float[4] b = {1, 2, 3, 4}, ${constant}>
    { c = Conv <pads = [1, 1, 1, 1]> (x, w, b) y = ${op} }`,
    new Map([['w', seededWeights([4, 3, 3, 3], 1)]]),
  );

describe('fold-affine', () => {
  it.each([
    ['Mul by [C, 1, 1]', 'Mul (c, k)', 'float[4, 1, 1] k = {0.5, -2, 3, 0.25}'],
    ['Mul by a scalar, constant first', 'Mul (k, c)', 'float k = {-1.5}'],
    ['Add of [1, C, 1, 1]', 'Add (c, k)', 'float[1, 4, 1, 1] k = {1, -1, 2, -2}'],
    ['Sub of [C, 1, 1]', 'Sub (c, k)', 'float[4, 1, 1] k = {1, -1, 2, -2}'],
    ['Div by [C, 1, 1]', 'Div (c, k)', 'float[4, 1, 1] k = {2, -4, 0.5, 8}'],
  ])('Conv then %s → one Conv with new weights and bias', (_, op, constant) => {
    const model = conv(op, constant.replace('float k', 'float[] k'));
    const { result, counts } = applyPasses([foldAffine], model);
    expect(counts.after).toEqual({ Conv: 1 });
    expect(result.runs[0].rewrites[0]).toMatchObject({
      removed: [result.input.nodes[1].name],
      changed: ['Conv_0'],
    });
    expect(outputError(result.model, model, seededFeeds(model, 11))).toBeLessThan(TOLERANCE);
  });

  it.each([
    ['Mul by [N]', 'Mul (c, k)', 'float[5] k = {1, 2, 3, 4, 5}'],
    ['Add of [1, N]', 'Add (k, c)', 'float[1, 5] k = {1, 2, 3, 4, 5}'],
  ])('Gemm then %s → one Gemm', (_, op, constant) => {
    const model = parseModelText(
      `${HEADER}
      g (float[3, 6] x) => (float[3, 5] y) <float[5, 6] w = {...}, float[5] b = {1, 0, 1, 0, 1}, ${constant}>
      { c = Gemm <transB = 1, beta = 0.5> (x, w, b) y = ${op} }`,
      new Map([['w', seededWeights([5, 6], 2)]]),
    );
    const { result, counts } = applyPasses([foldAffine], model);
    expect(counts.after).toEqual({ Gemm: 1 });
    expect(outputError(result.model, model, seededFeeds(model, 12))).toBeLessThan(TOLERANCE);
  });

  it('lowers a BatchNormalization that follows no Conv or Gemm to Mul + Add', () => {
    const model = parseModelText(`${HEADER}
      g (float[N, 3, 4, 4] x) => (float[N, 3, 4, 4] y)
      <float[3] s = {1, 2, 0.5}, float[3] b = {0, 1, -1}, float[3] m = {0.1, 0.2, 0.3}, float[3] v = {1, 4, 0.25}>
      { r = Relu (x) y = BatchNormalization (r, s, b, m, v) }`);
    const { result, counts } = applyPasses([foldAffine], model);
    expect(counts.after).toEqual({ Relu: 1, Mul: 1, Add: 1 });
    const scale = result.model.graph.initializers.get('BatchNormalization_1_scale')!;
    expect(scale.dims).toEqual([3, 1, 1]);
    expect(result.runs[0].rewrites[0].origins).toEqual({
      BatchNormalization_1_mul: ['BatchNormalization_1'],
      BatchNormalization_1_add: ['BatchNormalization_1'],
    });
    expect(outputError(result.model, model, seededFeeds(model, 13, { N: 2 }))).toBeLessThan(TOLERANCE);
  });

  it('bails out: a constant that varies along other axes, c − Conv, division by 0, a non-constant, a shared output', () => {
    const model = parseModelText(
      `${HEADER}
      g (float[1, 3, 5, 5] x, float[4, 1, 1] z) => (float[1, 4, 5, 5] y1, float[1, 4, 5, 5] y2,
        float[1, 4, 5, 5] y3, float[1, 4, 5, 5] y4, float[1, 4, 5, 5] y5, float[1, 4, 5, 5] s5)
      <float[4, 3, 3, 3] w = {...}, float[1, 1, 5, 1] rows = {1, 2, 3, 4, 5}, float[4, 1, 1] k = {1, 2, 0, 4},
       float[4, 1, 1] k2 = {1, 2, 3, 4}>
      {
        c1 = Conv <pads = [1, 1, 1, 1]> (x, w)
        y1 = Mul (c1, rows)
        c2 = Conv <pads = [1, 1, 1, 1]> (x, w)
        y2 = Sub (k2, c2)
        c3 = Conv <pads = [1, 1, 1, 1]> (x, w)
        y3 = Div (c3, k)
        c4 = Conv <pads = [1, 1, 1, 1]> (x, w)
        y4 = Mul (c4, z)
        c5 = Conv <pads = [1, 1, 1, 1]> (x, w)
        y5 = Add (c5, k2)
        s5 = Relu (c5)
      }`,
      new Map([['w', seededWeights([4, 3, 3, 3], 3)]]),
    );
    expect(applyPasses([foldAffine], model).rewrites).toBe(0);
  });
});
