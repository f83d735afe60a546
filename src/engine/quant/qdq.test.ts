import { describe, expect, it } from 'vitest';
import { ModelError } from '../errors';
import { makeNode } from '../ir/build';
import { cloneModel } from '../ir/edit';
import type { Model } from '../ir/graph';
import { randomTensor } from '../ir/randomTensor';
import { validate } from '../ir/validate';
import { run } from '../interpreter/run';
import { encodeModel } from '../onnx/encode';
import { parseModelText } from '../onnx/text/parse';
import { seededRandom } from '../stats/rng';
import { planQuantization } from './plan';
import { rewriteQdq } from './qdq';
import { computeParams, INT8_SYMMETRIC, UINT8_ASYMMETRIC, type QuantParams } from './scheme';

const uint8 = (scale: number, zeroPoint: number): QuantParams => ({ scale, zeroPoint, qmin: 0, qmax: 255 });

function rewrite(model: Model, params: Record<string, QuantParams>, perChannel = true, symmetric = false) {
  const plan = planQuantization(model, { perChannel });
  const result = rewriteQdq(model, plan, new Map(Object.entries(params)), {
    activationScheme: symmetric ? INT8_SYMMETRIC : UINT8_ASYMMETRIC,
  });
  expect(validate(result.model).filter((i) => i.severity === 'error')).toEqual([]);
  return { plan, ...result };
}

const values = (m: Model, name: string) =>
  Array.from(m.graph.initializers.get(name)!.data as ArrayLike<number>);
const ops = (m: Model) => m.graph.nodes.map((n) => n.opType);

describe('rewriteQdq (hand-computed)', () => {
  // Power-of-two scales keep every product exact: column 0 has max |w| = 127/64 → scale 2⁻⁶, column 1
  // has 127/128 → 2⁻⁷. 0.5078125 / 2⁻⁶ = 32.5 rounds half to even, to 32.
  const matmul = parseModelText(`
    <ir_version: 8, opset_import: ["" : 17]>
    g (float[1, 2] x) => (float[1, 2] y) <float[2, 2] w = {1.984375, -0.9921875, 0.5078125, 0.2578125}> {
      y = MatMul (x, w)
    }`);

  it('stores a MatMul weight as int8 per column (axis 1) with scales max|w| / 127 and no zero point', () => {
    const { model } = rewrite(matmul, { x: uint8(0.1, 128) });
    expect(ops(model)).toEqual(['QuantizeLinear', 'DequantizeLinear', 'DequantizeLinear', 'MatMul']);
    expect(values(model, 'w_quantized')).toEqual([127, -127, 32, 33]);
    expect(model.graph.initializers.get('w_quantized')!.dtype).toBe('int8');
    expect(values(model, 'w_scale')).toEqual([2 ** -6, 2 ** -7]);
    const dqW = model.graph.nodes[2];
    expect(dqW).toMatchObject({
      inputs: ['w_quantized', 'w_scale'],
      attributes: { axis: { type: 'int', value: 1 } },
    });
    expect(model.graph.initializers.has('w')).toBe(false); // the float weight left the file
    // the activation: uint8 with its zero point, read back through DequantizeLinear
    expect(values(model, 'x_scale')).toEqual([Math.fround(0.1)]);
    expect(values(model, 'x_zero_point')).toEqual([128]);
    expect(model.graph.nodes[0].inputs).toEqual(['x', 'x_scale', 'x_zero_point']);
    expect(model.graph.nodes[3].inputs).toEqual(['x_dequantized', 'w_dequantized']);
  });

  it('computes x → round(x / 0.1) + 128 → back, times the int8 weights', () => {
    const { model } = rewrite(matmul, { x: uint8(0.1, 128) });
    const y = run(model, { x: { dtype: 'float32', dims: [1, 2], data: Float32Array.of(0.25, -0.3) } }).y;
    // 0.25 / 0.1 = 2.5 → 2 (half to even); -0.3 / 0.1 → -3: x becomes [0.2, -0.3]
    const [x0, x1] = [Math.fround(0.2), Math.fround(-0.3)];
    expect(y.data[0]).toBeCloseTo(x0 * 127 * 2 ** -6 + x1 * 32 * 2 ** -6, 6);
    expect(y.data[1]).toBeCloseTo(x0 * -127 * 2 ** -7 + x1 * 33 * 2 ** -7, 6);
  });

  it('stores a Conv bias as int32 with scale s_x · s_w per channel and no zero point', () => {
    const m = parseModelText(`
      <ir_version: 8, opset_import: ["" : 17]>
      g (float[1, 1, 2, 2] x) => (float[1, 2, 2, 2] y)
      <float[2, 1, 1, 1] w = {1.984375, -0.9921875}, float[2] b = {1.0, -0.3}> {
        y = Conv (x, w, b)
      }`);
    const { model } = rewrite(m, { x: uint8(2 ** -4, 0) });
    // bias scales 2⁻⁴·2⁻⁶ = 2⁻¹⁰ and 2⁻⁴·2⁻⁷ = 2⁻¹¹: 1.0 → 1024, -0.3 · 2048 = -614.4 → -614
    expect(values(model, 'b_quantized')).toEqual([1024, -614]);
    expect(model.graph.initializers.get('b_quantized')!.dtype).toBe('int32');
    expect(values(model, 'b_scale')).toEqual([2 ** -10, 2 ** -11]);
    expect(model.graph.nodes.find((n) => n.outputs[0] === 'b_dequantized')).toMatchObject({
      inputs: ['b_quantized', 'b_scale'],
      attributes: { axis: { type: 'int', value: 0 } },
    });
    expect(values(model, 'w_quantized')).toEqual([127, -127]);
  });

  it('widens the scale of a weight channel whose bias would overflow int32', () => {
    const m = parseModelText(`
      <ir_version: 8, opset_import: ["" : 17]>
      g (float[1, 1, 1, 1] x) => (float[1, 2, 1, 1] y) <float[2, 1, 1, 1] w = {1e-12, 1}, float[2] b = {1000, 1}> {
        y = Conv (x, w, b)
      }`);
    const { model } = rewrite(m, { x: uint8(1, 0) });
    const [sw0, sw1] = values(model, 'w_scale');
    // 1000 / (1 · 1e-12 / 127) would be 1.3e17: s_w grows to 1000 / (2³¹ − 1) and the bias fits
    expect(sw0).toBeGreaterThanOrEqual(1000 / (2 ** 31 - 1));
    expect(sw1).toBe(Math.fround(1 / 127)); // the other channel is untouched
    const [b0] = values(model, 'b_quantized');
    expect(b0).toBeLessThanOrEqual(2 ** 31 - 1);
    expect(Math.abs(b0 * values(model, 'b_scale')[0] - 1000)).toBeLessThan(1e-3);
  });

  it('puts Gemm’s beta into the stored bias and sets beta to 1', () => {
    const m = parseModelText(`
      <ir_version: 8, opset_import: ["" : 17]>
      g (float[1, 2] x) => (float[1, 1] y) <float[1, 2] w = {1.984375, 0}, float[1] b = {4}> {
        y = Gemm <transB = 1, beta = 0.5> (x, w, b)
      }`);
    const { model } = rewrite(m, { x: uint8(2 ** -4, 0) });
    expect(values(model, 'b_quantized')).toEqual([2 / 2 ** -10]); // beta · b = 2 at scale 2⁻¹⁰
    expect(model.graph.nodes.at(-1)!.attributes.beta).toEqual({ type: 'float', value: 1 });
    // Gemm keeps its weight's zero point: onnxruntime fuses QGemm only then
    expect(values(model, 'w_zero_point')).toEqual([0]);
  });
});

describe('rewriteQdq: Relu and Clip made redundant by the Q', () => {
  const convReluConv = parseModelText(`
    <ir_version: 8, opset_import: ["" : 17]>
    g (float[2, 2, 3, 3] x) => (float[2, 2, 3, 3] y)
    <float[2, 2, 1, 1] w = {0.5, -1, 0.25, 0.75}, float[2] b = {0.1, -0.1}> {
      c = Conv (x, w, b)
      r = Relu (c)
      y = Conv (r, w, b)
    }`);
  const feeds = { x: randomTensor('float32', [2, 2, 3, 3], seededRandom(3), [-2, 2]) };

  it('removes a Relu when the zero point is the lowest integer, and computes exactly the same', () => {
    const { model } = rewrite(convReluConv, { x: computeParams(-2, 2, UINT8_ASYMMETRIC), r: uint8(0.01, 0) });
    expect(ops(model)).not.toContain('Relu');
    const q = model.graph.nodes.find((n) => n.opType === 'QuantizeLinear' && n.outputs[0] === 'r_quantized')!;
    expect(q.inputs[0]).toBe('c'); // the Q reads the Conv directly
    // Put the Relu back in front of the Q: the integers, and so the outputs, are identical
    const withRelu = cloneModel(model);
    const qNode = withRelu.graph.nodes.find((n) => n.outputs[0] === 'r_quantized')!;
    qNode.inputs[0] = 'relu_again';
    withRelu.graph.nodes.splice(
      withRelu.graph.nodes.indexOf(qNode),
      0,
      makeNode('Relu', ['c'], ['relu_again']),
    );
    expect(Array.from(run(withRelu, feeds).y.data as Float32Array)).toEqual(
      Array.from(run(model, feeds).y.data as Float32Array),
    );
  });

  it('keeps the Relu with symmetric int8 activations (zero point 0 is not the lowest integer)', () => {
    const { model } = rewrite(
      convReluConv,
      { x: computeParams(-2, 2, INT8_SYMMETRIC), r: computeParams(0, 2, INT8_SYMMETRIC) },
      true,
      true,
    );
    expect(ops(model)).toContain('Relu');
    expect(model.graph.initializers.get('r_zero_point')!.dtype).toBe('int8');
  });

  const clip = (hi: number) =>
    parseModelText(`
      <ir_version: 8, opset_import: ["" : 17]>
      g (float[1, 1, 2, 2] x) => (float[1, 1, 2, 2] y) <float[1, 1, 1, 1] w = {2}> {
        lo = Constant <value = float[] {0}> ()
        hi = Constant <value = float[] {${hi}}> ()
        c = Conv (x, w)
        k = Clip (c, lo, hi)
        y = Conv (k, w)
      }`);

  it('removes a Clip (and its bound constants) when the Q range lies inside [min, max], not otherwise', () => {
    const params = { x: uint8(0.01, 0), k: computeParams(0, 6, UINT8_ASYMMETRIC) };
    const removed = rewrite(clip(6), params).model;
    expect(ops(removed)).not.toContain('Clip');
    expect(ops(removed)).not.toContain('Constant');
    // the Q covers [0, 6]: a Clip at 5 still cuts inside it
    const kept = rewrite(clip(5), params).model;
    expect(ops(kept).filter((o) => o === 'Clip' || o === 'Constant')).toEqual([
      'Constant',
      'Constant',
      'Clip',
    ]);
  });
});

describe('rewriteQdq: structure', () => {
  const cnn = parseModelText(`
    <ir_version: 8, opset_import: ["" : 17]>
    g (float[N, 1, 4, 4] x) => (float[N, 2] y)
    <float[2, 1, 3, 3] w = {1, 0, -1, 2, 0, -2, 1, 0, -1, 0, 1, 0, 1, 1, 1, 0, 1, 0}, float[2, 8] v = {
      1, 2, 3, 4, 5, 6, 7, 8, -1, -2, -3, -4, -5, -6, -7, -8}> {
      c = Conv <pads = [1, 1, 1, 1]> (x, w)
      r = Relu (c)
      p = MaxPool <kernel_shape = [2, 2], strides = [2, 2]> (r)
      f = Flatten (p)
      y = Gemm <transB = 1> (f, v)
    }`);

  it('gives pass-through ops their input’s scale and zero point (the same initializers)', () => {
    const { model } = rewrite(cnn, { x: uint8(0.01, 0), r: uint8(0.02, 0) });
    const qs = model.graph.nodes.filter((n) => n.opType === 'QuantizeLinear');
    expect(qs.map((n) => n.inputs)).toEqual([
      ['x', 'x_scale', 'x_zero_point'],
      ['c', 'r_scale', 'r_zero_point'],
      ['p', 'r_scale', 'r_zero_point'],
      ['f', 'r_scale', 'r_zero_point'],
    ]);
    // readers of a quantized value read its DequantizeLinear output
    expect(model.graph.nodes.find((n) => n.opType === 'MaxPool')!.inputs).toEqual(['r_dequantized']);
    expect(model.graph.nodes.find((n) => n.opType === 'Gemm')!.inputs[0]).toBe('f_dequantized');
  });

  it('leaves the float model untouched', () => {
    const before = encodeModel(cnn);
    rewrite(cnn, { x: uint8(0.01, 0), r: uint8(0.02, 0) });
    expect(encodeModel(cnn)).toEqual(before);
  });

  it('refuses per-channel weights below opset 13, with a way out', () => {
    const old = { ...cnn, opsets: { '': 12 } };
    expect(() => rewrite(old, { x: uint8(0.01, 0), r: uint8(0.02, 0) })).toThrow(ModelError);
    expect(() => rewrite(old, { x: uint8(0.01, 0), r: uint8(0.02, 0) })).toThrow(/quantize per tensor/);
    expect(ops(rewrite(old, { x: uint8(0.01, 0), r: uint8(0.02, 0) }, false).model)).toContain(
      'QuantizeLinear',
    );
  });
});

describe('rewriteQdq with compactNames', () => {
  const long = '/features/features.3/conv/conv.1/Conv_output_0';
  const model = parseModelText(`
    <ir_version: 8, opset_import: ["" : 17]>
    g (float[1, 2] x) => (float[1, 2] y) <float[2, 2] w = {1.5, -0.5, 0.25, 0.75}, float[2, 2] v = {1, 2, 3, 4}> {
      "${long}" = MatMul (x, w)
      y = MatMul ("${long}", v)
    }`);
  const params = { x: uint8(0.05, 100), [long]: uint8(0.1, 120) };

  it('names inserted values by a short id per tensor and computes exactly the same', () => {
    const plan = planQuantization(model, { perChannel: true });
    const rewriteWith = (compactNames: boolean) =>
      rewriteQdq(model, plan, new Map(Object.entries(params)), {
        activationScheme: UINT8_ASYMMETRIC,
        compactNames,
      }).model;
    const [descriptive, compact] = [rewriteWith(false), rewriteWith(true)];
    expect(validate(compact).filter((i) => i.severity === 'error')).toEqual([]);
    expect(ops(compact)).toEqual(ops(descriptive));
    expect([...compact.graph.initializers.keys()].sort()).toEqual(
      ['t0_s', 't0_zp', 't1_s', 't1_zp', 't2_q', 't2_s', 't3_q', 't3_s'].sort(),
    );
    // the long name stays where the float graph has it (the Q reads it), and nowhere else
    const mentions = compact.graph.nodes
      .flatMap((n) => [...n.inputs, ...n.outputs])
      .filter((v) => v === long);
    expect(mentions).toHaveLength(2);
    expect(encodeModel(compact).length).toBeLessThan(encodeModel(descriptive).length - 6 * long.length);
    const x = { x: randomTensor('float32', [1, 2], seededRandom(3)) };
    expect(run(compact, x).y.data).toEqual(run(descriptive, x).y.data);
  });
});
