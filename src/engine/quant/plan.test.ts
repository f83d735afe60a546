import { describe, expect, it } from 'vitest';
import { parseModelText } from '../onnx/text/parse';
import { planQuantization } from './plan';

const weights = (n: number) => Array.from({ length: n }, (_, i) => ((i % 7) - 3) / 10).join(', ');

/** Conv → Relu → MaxPool → Flatten → Gemm → Relu → Gemm → logits: the digits CNN's shape in small. */
const cnn = parseModelText(`
  <ir_version: 8, opset_import: ["" : 17]>
  cnn (float[N, 1, 4, 4] x) => (float[N, 3] logits)
  <float[2, 1, 3, 3] w1 = {${weights(18)}}, float[2] b1 = {0.1, -0.2},
   float[4, 8] w2 = {${weights(32)}}, float[4] b2 = {0, 0.1, 0.2, 0.3},
   float[3, 4] w3 = {${weights(12)}}, float[3] b3 = {1, 2, 3}>
  {
    c1 = Conv <pads = [1, 1, 1, 1]> (x, w1, b1)
    r1 = Relu (c1)
    p1 = MaxPool <kernel_shape = [2, 2], strides = [2, 2]> (r1)
    f = Flatten (p1)
    g2 = Gemm <transB = 1> (f, w2, b2)
    r2 = Relu (g2)
    logits = Gemm <transB = 1> (r2, w3, b3)
  }`);

describe('planQuantization', () => {
  it('plans the node units onnxruntime fuses, with Relu fused and pass-through ops sharing parameters', () => {
    const plan = planQuantization(cnn, { perChannel: true });
    expect(
      plan.nodes.map((u) => [u.node.opType, u.kind, u.output, u.fused.map((f) => f.node.opType)]),
    ).toEqual([
      ['Conv', 'conv', 'r1', ['Relu']],
      ['MaxPool', 'passthrough', 'p1', []],
      ['Flatten', 'passthrough', 'f', []],
      ['Gemm', 'gemm', 'r2', ['Relu']],
      ['Gemm', 'gemm', null, []], // the graph output stays float
    ]);
    // each tensor → whose calibrated parameters it uses
    expect([...plan.activations]).toEqual([
      ['x', 'x'],
      ['r1', 'r1'],
      ['p1', 'r1'],
      ['f', 'r1'],
      ['r2', 'r2'],
    ]);
    expect(plan.nodes[0]).toMatchObject({ weight: { input: 1, axis: 0 }, bias: { input: 2 } });
    expect(plan.nodes[4]).toMatchObject({
      weight: { input: 1, axis: 0 },
      bias: { input: 2 },
      compared: 'logits',
    });
    expect(plan.nodes[0].fused[0]).toMatchObject({ min: 0, max: Infinity });
    expect(plan.floatNodes).toEqual([]);
  });

  it('puts the weight channels of Gemm on axis 1 without transB, and per tensor when asked', () => {
    const m = parseModelText(`
      <ir_version: 8, opset_import: ["" : 17]>
      g (float[N, 2] x) => (float[N, 3] y) <float[2, 3] w = {1, 2, 3, 4, 5, 6}, float[3] b = {0, 0, 0}> {
        h = Gemm (x, w, b)
        y = Relu (h)
      }`);
    expect(planQuantization(m, { perChannel: true }).nodes[0].weight).toEqual({ input: 1, axis: 1 });
    expect(planQuantization(m, { perChannel: false }).nodes[0].weight).toEqual({ input: 1, axis: null });
    // the Relu's output is the graph output, which stays float: no Q follows, and the analysis compares y
    expect(planQuantization(m, { perChannel: true }).nodes[0]).toMatchObject({ output: null, compared: 'y' });
  });

  it('keeps the first and last compute layers in float when asked, and says why', () => {
    const plan = planQuantization(cnn, { perChannel: true, keepFloat: { first: true, last: true } });
    expect(plan.nodes.map((u) => u.label)).toEqual(['MaxPool_2', 'Flatten_3', 'Gemm_4']);
    expect(plan.floatNodes).toEqual([
      { name: 'Conv_0', opType: 'Conv', reason: 'kept in float (first layer)' },
      expect.objectContaining({ name: 'Relu_1', opType: 'Relu' }),
      { name: 'Gemm_6', opType: 'Gemm', reason: 'kept in float (last layer)' },
    ]);
    // the MaxPool still quantizes its input (the float Conv's Relu output) and shares it
    expect(plan.activations.get('r1')).toBe('r1');
    expect(plan.activations.get('p1')).toBe('r1');
  });

  it('fuses a Clip with constant bounds (from Constant nodes), but not one whose input has other readers', () => {
    const m = parseModelText(`
      <ir_version: 8, opset_import: ["" : 17]>
      g (float[N, 1, 2, 2] x) => (float[N, 1, 2, 2] y, float[N, 1, 2, 2] z) <float[1, 1, 1, 1] w = {2}> {
        lo = Constant <value = float[] {0}> ()
        hi = Constant <value = float[] {6}> ()
        d = Conv (x, w)
        e = Clip (d, lo, hi)
        z = Conv (e, w)
        c = Conv (x, w)
        k = Clip (c, lo, hi)
        y = Add (k, c)
      }`);
    const plan = planQuantization(m, { perChannel: true });
    expect(plan.nodes.map((u) => [u.node.opType, u.output, u.fused.map((f) => [f.min, f.max])])).toEqual([
      ['Conv', 'e', [[0, 6]]],
      ['Conv', null, []],
      ['Conv', 'c', []],
      ['Add', null, []],
    ]);
    expect(plan.floatNodes).toEqual([
      { name: 'Clip_6', opType: 'Clip', reason: 'runs in float: it does not follow a quantized node alone' },
    ]);
    expect([...plan.activations.keys()]).toEqual(['x', 'e', 'c', 'k']);
  });

  it('quantizes both inputs of an activation × activation MatMul, and constants of Add at the activation type', () => {
    const m = parseModelText(`
      <ir_version: 8, opset_import: ["" : 17]>
      g (float[2, 3] a, float[3, 2] b) => (float[2, 2] y) <float[2] bias = {1, 2}> {
        p = MatMul (a, b)
        q = Add (p, bias)
        y = Softmax (q)
      }`);
    const plan = planQuantization(m, { perChannel: true });
    expect(plan.nodes.map((u) => [u.kind, u.activationInputs, u.constantInputs])).toEqual([
      ['matmul', [0, 1], []],
      ['elementwise', [0], [1]],
    ]);
    expect(plan.floatNodes).toEqual([
      {
        name: 'Softmax_2',
        opType: 'Softmax',
        reason: "no integer kernel for Softmax in onnxruntime's QDQ fusion",
      },
    ]);
  });

  it('leaves a Conv whose weight is computed at run time in float', () => {
    const m = parseModelText(`
      <ir_version: 8, opset_import: ["" : 17]>
      g (float[1, 1, 2, 2] x, float[1, 1, 1, 1] w) => (float[1, 1, 2, 2] y) {
        y = Conv (x, w)
      }`);
    const plan = planQuantization(m, { perChannel: true });
    expect(plan.nodes).toEqual([]);
    expect(plan.floatNodes[0].reason).toBe('its weight is not a float constant');
  });
});
