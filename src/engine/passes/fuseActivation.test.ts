import { describe, expect, it } from 'vitest';
import { parseModelText } from '../onnx/text/parse';
import { fuseActivation } from './fuseActivation';
import { applyPasses, outputError, seededFeeds, seededWeights } from './passTesting';

const HEADER = '<ir_version: 8, opset_import: ["" : 17]>';

const convThen = (act: string, extra = '') =>
  parseModelText(
    `${HEADER}
    g (float[1, 2, 5, 5] x) => (float[1, 3, 5, 5] y) <float[3, 2, 3, 3] w = {...}, float[] lo = {0}, float[] hi = {6} ${extra}>
    { c = Conv <pads = [1, 1, 1, 1]> (x, w) y = ${act} }`,
    new Map([['w', seededWeights([3, 2, 3, 3], 1)]]),
  );
const gemmThen = (act: string) =>
  parseModelText(
    `${HEADER}
    g (float[4, 6] x) => (float[4, 3] y) <float[3, 6] w = {...}, float[] lo = {0}, float[] hi = {6}>
    { c = Gemm <transB = 1> (x, w) y = ${act} }`,
    new Map([['w', seededWeights([3, 6], 2)]]),
  );

describe('fuse-activation', () => {
  it.each([
    ['Relu (c)', {}],
    ['Clip (c, lo, hi)', { activation_params: { type: 'floats', value: [0, 6] } }],
    ['Clip (c, , hi)', { activation_params: { type: 'floats', value: [-Infinity, 6] } }],
    ['LeakyRelu (c)', { activation_params: { type: 'floats', value: [0.01] } }],
    ['HardSigmoid <alpha = 0.25> (c)', { activation_params: { type: 'floats', value: [0.25, 0.5] } }],
    ['HardSwish (c)', {}],
    ['Sigmoid (c)', {}],
    ['Tanh (c)', {}],
  ])('Conv then %s → FusedConv', (act, params) => {
    const model = convThen(act);
    const { result, counts } = applyPasses([fuseActivation], model);
    expect(counts.after).toEqual({ 'com.microsoft::FusedConv': 1 });
    const [fused] = result.model.graph.nodes;
    expect(fused.attributes).toMatchObject({
      pads: { type: 'ints', value: [1, 1, 1, 1] },
      activation: { value: act.split(' ')[0] },
      ...params,
    });
    expect(fused.outputs).toEqual(['y']);
    expect(outputError(result.model, model, seededFeeds(model, 14))).toBe(0);
  });

  it.each([
    ['Relu (c)', {}],
    // ONNX float attributes are float32: the parser reads 0.2 as the float32 nearest to it
    ['LeakyRelu <alpha = 0.2> (c)', { activation_alpha: { type: 'float', value: Math.fround(0.2) } }],
    [
      'Selu (c)',
      {
        activation_alpha: { value: 1.67326319217681884765625 },
        activation_gamma: { value: 1.05070102214813232421875 },
      },
    ],
    ['Softplus (c)', {}],
  ])('Gemm then %s → FusedGemm', (act, attrs) => {
    const model = gemmThen(act);
    const { result, counts } = applyPasses([fuseActivation], model);
    expect(counts.after).toEqual({ 'com.microsoft::FusedGemm': 1 });
    expect(result.model.graph.nodes[0].attributes).toMatchObject({
      transB: { value: 1 },
      activation: { value: act.split(' ')[0] },
      ...attrs,
    });
    expect(outputError(result.model, model, seededFeeds(model, 15))).toBe(0);
  });

  it('merges two clamps in a row into one, in standard ONNX', () => {
    const model = parseModelText(`${HEADER}
      g (float[2, 8] x) => (float[2, 8] y) <float[] lo = {-1}, float[] hi = {6}>
      { r = Relu (x) y = Clip (r, lo, hi) }`);
    const { result, counts } = applyPasses([fuseActivation], model, { contribOps: false });
    expect(counts.after).toEqual({ Clip: 1 });
    expect(result.runs[0].rewrites[0].summary).toBe('Relu Relu_0 and Clip Clip_1 clamp once: Clip to [0, 6]');
    expect(outputError(result.model, model, seededFeeds(model, 16))).toBe(0);
  });

  it('Relu ∘ Relu is one Relu; with contribOps the merged clamp then fuses into the Conv', () => {
    const model = convThen('Relu (r)').graph;
    model.nodes.splice(1, 0, { ...model.nodes[1], name: 'first', inputs: ['c'], outputs: ['r'] });
    const twice = { ...convThen('Relu (r)'), graph: model };
    expect(applyPasses([fuseActivation], twice, { contribOps: false }).counts.after).toEqual({
      Conv: 1,
      Relu: 1,
    });
    const fused = applyPasses([fuseActivation], twice);
    expect(fused.counts.after).toEqual({ 'com.microsoft::FusedConv': 1 });
    expect(outputError(fused.result.model, twice, seededFeeds(twice, 17))).toBe(0);
  });

  it('bails out: activations the fused kernels lack, a shared output, non-float32, disjoint clamps, contribOps off', () => {
    expect(applyPasses([fuseActivation], convThen('Relu (c)'), { contribOps: false }).rewrites).toBe(0);
    expect(applyPasses([fuseActivation], convThen('Gelu (c)')).rewrites).toBe(0);
    expect(applyPasses([fuseActivation], convThen('Elu (c)')).rewrites).toBe(0);
    expect(applyPasses([fuseActivation], gemmThen('Clip (c, lo, hi)')).rewrites).toBe(0);
    expect(applyPasses([fuseActivation], gemmThen('HardSwish (c)')).rewrites).toBe(0);
    const shared = convThen('Relu (c)');
    shared.graph.outputs.push({ name: 'c', type: { dtype: 'float32', shape: [1, 3, 5, 5] } });
    expect(applyPasses([fuseActivation], shared).rewrites).toBe(0);
    const double = parseModelText(`${HEADER}
      g (double[2, 3] x) => (double[2, 2] y) <double[2, 3] w = {1, 2, 3, 4, 5, 6}>
      { c = Gemm <transB = 1> (x, w) y = Relu (c) }`);
    expect(applyPasses([fuseActivation], double).rewrites).toBe(0);
    const disjoint = parseModelText(`${HEADER}
      g (float[4] x) => (float[4] y) <float[] a = {0}, float[] b = {1}, float[] c = {2}, float[] d = {3}>
      { t = Clip (x, a, b) y = Clip (t, c, d) }`);
    expect(applyPasses([fuseActivation], disjoint).rewrites).toBe(0);
  });
});
