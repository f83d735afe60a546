import { describe, expect, it } from 'vitest';
import { parseModelText } from '../onnx/text/parse';
import { foldBatchNorm } from './foldBatchNorm';
import { applyPasses, outputError, seededFeeds, seededWeights } from './passTesting';

const HEADER = '<ir_version: 8, opset_import: ["" : 17]>';
const values = (n: number, seed: number) => Array.from({ length: n }, (_, i) => Math.sin(seed + i * 1.7));
/** BN parameters for C channels: γ, β, mean, variance (> 0), named g, be, mu, var (+ suffix). */
const bn = (C: number, suffix = '') =>
  `float[${C}] g${suffix} = {${values(C, 1).map((v) => 1 + v / 2)}}, float[${C}] be${suffix} = {${values(C, 2)}},
   float[${C}] mu${suffix} = {${values(C, 3)}}, float[${C}] var${suffix} = {${values(C, 4).map((v) => 1.5 + v)}}`;

/** Folding moves rounding around: outputs agree to float32 precision, not bit for bit. */
const TOLERANCE = 1e-5;

describe('fold-batchnorm', () => {
  it.each([
    ['Conv with bias', 'c = Conv <pads = [1, 1, 1, 1]> (x, w, cb)', [4, 3, 3, 3], 7],
    ['Conv without bias', 'c = Conv (x, w)', [4, 3, 3, 3], 5],
    ['depthwise Conv', 'c = Conv <group = 3, strides = [2, 2]> (x, w)', [3, 1, 3, 3], 3],
  ])('%s + BatchNormalization → one Conv', (_, conv, wDims, size) => {
    const M = (wDims as number[])[0];
    const model = parseModelText(
      `${HEADER}
      g (float[N, 3, 7, 7] x) => (float[N, ${M}, ${size}, ${size}] y)
      <float[${M},${(wDims as number[]).slice(1).join(',')}] w = {...}, float[${M}] cb = {${values(M, 9)}}, ${bn(M)}>
      { ${conv} y = BatchNormalization <epsilon = 0.001> (c, g, be, mu, var) }`,
      new Map([['w', seededWeights(wDims as number[], 5)]]),
    );
    const { result, counts } = applyPasses([foldBatchNorm], model);
    expect(counts.after).toEqual({ Conv: 1 });
    expect(result.runs[0].rewrites[0]).toMatchObject({
      removed: ['BatchNormalization_1'],
      changed: ['Conv_0'],
      origins: { Conv_0: ['Conv_0', 'BatchNormalization_1'] },
    });
    expect(result.model.graph.nodes[0].outputs).toEqual(['y']);
    expect(outputError(result.model, model, seededFeeds(model, 8, { N: 2 }))).toBeLessThan(TOLERANCE);
  });

  it.each([
    [
      'transB = 1, bias [N]',
      '<transB = 1, alpha = 0.5, beta = 2.0>',
      [5, 6],
      'float[5] cb = {1, 2, 3, 4, 5},',
    ],
    ['transB = 0, no bias', '', [6, 5], ''],
    ['bias [M, N]', '<transB = 1>', [5, 6], `float[4, 5] cb = {${values(20, 3)}},`],
  ])('Gemm (%s) + BatchNormalization → one Gemm', (_, attrs, wDims, bias) => {
    const model = parseModelText(
      `${HEADER}
      g (float[4, 6] x) => (float[4, 5] y)
      <float[${wDims}] w = {...}, ${bias} ${bn(5)}>
      { c = Gemm ${attrs} (x, w${bias ? ', cb' : ''}) y = BatchNormalization (c, g, be, mu, var) }`,
      new Map([['w', seededWeights(wDims as number[], 6)]]),
    );
    const { result, counts } = applyPasses([foldBatchNorm], model);
    expect(counts.after).toEqual({ Gemm: 1 });
    expect(outputError(result.model, model, seededFeeds(model, 9))).toBeLessThan(TOLERANCE);
  });

  it('MatMul of a matrix by a constant + BatchNormalization → Gemm', () => {
    const model = parseModelText(
      `${HEADER}
      g (float[M, 6] x) => (float[M, 5] y) <float[6, 5] w = {...}, ${bn(5)}>
      { c = MatMul (x, w) y = BatchNormalization (c, g, be, mu, var) }`,
      new Map([['w', seededWeights([6, 5], 7)]]),
    );
    const { result, counts } = applyPasses([foldBatchNorm], model);
    expect(counts.after).toEqual({ Gemm: 1 });
    expect(result.runs[0].rewrites[0]).toMatchObject({
      removed: ['MatMul_0', 'BatchNormalization_1'],
      added: ['MatMul_0+BatchNormalization_1'],
    });
    expect(outputError(result.model, model, seededFeeds(model, 10, { M: 3 }))).toBeLessThan(TOLERANCE);
  });

  it('bails out: shared Conv output, statistics that are inputs, 3-D MatMul, BN after something else', () => {
    const model = parseModelText(
      `${HEADER}
      g (float[1, 3, 4, 4] x, float[4] mean, float[2, 5, 6] t) => (float[1, 4, 4, 4] y, float[1, 4, 4, 4] z,
        float[1, 4, 4, 4] y2, float[2, 5, 5] y3, float[1, 3, 4, 4] y4)
      <float[4, 3, 1, 1] w = {...}, float[6, 5] w2 = {...}, ${bn(4)}, ${bn(5, '5')}, ${bn(3, '3')}>
      {
        c = Conv (x, w)
        y = BatchNormalization (c, g, be, mu, var)
        z = Relu (c)
        c2 = Conv (x, w)
        y2 = BatchNormalization (c2, g, be, mean, var)
        m = MatMul (t, w2)
        y3 = BatchNormalization (m, g5, be5, mu5, var5)
        r = Relu (x)
        y4 = BatchNormalization (r, g3, be3, mu3, var3)
      }`,
      new Map([
        ['w', seededWeights([4, 3, 1, 1], 1)],
        ['w2', seededWeights([6, 5], 2)],
      ]),
    );
    expect(applyPasses([foldBatchNorm], model).rewrites).toBe(0);
  });
});
