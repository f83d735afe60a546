// The onnxruntime contrib ops that operator fusion emits (com.microsoft FusedConv / FusedGemm), checked three
// ways on seeded inputs: the interpreter's fused op equals its unfused pair (Conv/Gemm then the activation)
// exactly; onnxruntime-node and onnxruntime-web (wasm, in Node) agree with it within 1e-4 relative; and the
// activations onnxruntime does not implement for a fused node are rejected by both runtimes and by the
// interpreter (which is why fuse-activation leaves, e.g., Gemm → Clip alone).
import * as ortNode from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { relativeError } from '../../conformance/compare';
import { run } from '../../interpreter/run';
import { makeGraph, makeModel, makeNode, typedValue } from '../../ir/build';
import type { Attribute, Model } from '../../ir/graph';
import { randomTensor } from '../../ir/randomTensor';
import type { Tensor } from '../../ir/tensor';
import { encodeModel } from '../../onnx/encode';
import { seededRandom } from '../../stats/rng';
import { CONV_ACTIVATIONS, GEMM_ACTIVATIONS } from './activation';

ortWeb.env.wasm.numThreads = 1;
type Ort = typeof ortNode;
const RUNTIMES: [string, Ort][] = [
  ['onnxruntime-node', ortNode],
  ['onnxruntime-web', ortWeb as unknown as Ort],
];

const str = (value: string): Attribute => ({ type: 'string', value });
const float = (value: number): Attribute => ({ type: 'float', value });

async function runOrt(ort: Ort, model: Model, x: Tensor): Promise<Tensor> {
  const session = await ort.InferenceSession.create(encodeModel(model), {
    graphOptimizationLevel: 'disabled',
  });
  try {
    const out = await session.run({ x: new ort.Tensor('float32', x.data as Float32Array, x.dims) });
    return { dtype: 'float32', dims: [...out.y.dims], data: (out.y.data as Float32Array).slice() };
  } finally {
    await session.release();
  }
}

const rng = seededRandom(7);
const conv = {
  x: randomTensor('float32', [2, 3, 7, 6], rng, [-3, 3]),
  W: randomTensor('float32', [4, 3, 3, 3], rng),
  B: randomTensor('float32', [4], rng),
  Z: randomTensor('float32', [2, 4, 4, 3], rng),
  attributes: {
    pads: { type: 'ints', value: [1, 1, 1, 1] },
    strides: { type: 'ints', value: [2, 2] },
  } as Record<string, Attribute>,
};
const gemm = {
  x: randomTensor('float32', [3, 7], rng, [-3, 3]),
  W: randomTensor('float32', [5, 7], rng),
  C: randomTensor('float32', [5], rng),
  attributes: { transB: { type: 'int', value: 1 }, alpha: float(0.75) } as Record<string, Attribute>,
};

/** A one-node model y = op(x, constants…), plus its unfused twin (the base op, then the activation). */
function convModels(activation: string, params: number[], withZ: boolean) {
  const attributes = {
    ...conv.attributes,
    activation: str(activation),
    ...(params.length > 0 ? { activation_params: { type: 'floats', value: params } as Attribute } : {}),
  };
  const inputs = ['x', 'W', 'B', ...(withZ ? ['Z'] : [])];
  const graph = (nodes: ReturnType<typeof makeNode>[], extra: Record<string, Tensor> = {}) =>
    makeGraph({
      nodes,
      inputs: [typedValue('x', 'float32', conv.x.dims)],
      outputs: [typedValue('y', 'float32', [2, 4, 4, 3])],
      initializers: { W: conv.W, B: conv.B, ...(withZ ? { Z: conv.Z } : {}), ...extra },
    });
  const fused = makeModel(
    graph([makeNode('FusedConv', inputs, ['y'], { domain: 'com.microsoft', attributes, name: 'fused' })]),
    { '': 17, 'com.microsoft': 1 },
  );
  const act = CONV_ACTIVATIONS[activation];
  const actAttributes = Object.fromEntries(
    act?.params.filter((p) => p !== 'min' && p !== 'max').map((p, i) => [p, float(params[i])]) ?? [],
  );
  const isClip = activation === 'Clip';
  const unfused = makeModel(
    graph(
      [
        makeNode('Conv', ['x', 'W', 'B'], ['c'], { attributes: conv.attributes }),
        ...(withZ ? [makeNode('Add', ['c', 'Z'], ['s'])] : []),
        makeNode(activation, [withZ ? 's' : 'c', ...(isClip ? ['lo', 'hi'] : [])], ['y'], {
          attributes: actAttributes,
        }),
      ],
      isClip
        ? {
            lo: { dtype: 'float32', dims: [], data: new Float32Array([params[0]]) },
            hi: { dtype: 'float32', dims: [], data: new Float32Array([params[1]]) },
          }
        : {},
    ),
  );
  return { fused, unfused };
}

function gemmModels(activation: string, attrs: Record<string, number>) {
  const graph = (nodes: ReturnType<typeof makeNode>[]) =>
    makeGraph({
      nodes,
      inputs: [typedValue('x', 'float32', gemm.x.dims)],
      outputs: [typedValue('y', 'float32', [3, 5])],
      initializers: { W: gemm.W, C: gemm.C },
    });
  const prefixed = Object.fromEntries(Object.entries(attrs).map(([k, v]) => [`activation_${k}`, float(v)]));
  const fused = makeModel(
    graph([
      makeNode('FusedGemm', ['x', 'W', 'C'], ['y'], {
        domain: 'com.microsoft',
        attributes: { ...gemm.attributes, activation: str(activation), ...prefixed },
      }),
    ]),
    { '': 17, 'com.microsoft': 1 },
  );
  const plain = Object.fromEntries(Object.entries(attrs).map(([k, v]) => [k, float(v)]));
  const unfused = makeModel(
    graph([
      makeNode('Gemm', ['x', 'W', 'C'], ['g'], { attributes: gemm.attributes }),
      makeNode(activation, ['g'], ['y'], { attributes: plain }),
    ]),
  );
  return { fused, unfused };
}

const CONV_CASES: [string, number[], boolean][] = [
  ['Relu', [], false],
  ['Relu', [], true],
  ['Tanh', [], false],
  ['Sigmoid', [], false],
  ['LeakyRelu', [0.2], false],
  ['HardSigmoid', [0.3, 0.4], false],
  ['Clip', [0, 6], false],
  ['Clip', [-0.5, 0.5], true],
  ['HardSwish', [], false],
];
const GEMM_CASES: [string, Record<string, number>][] = [
  ['Relu', {}],
  ['Tanh', {}],
  ['Sigmoid', {}],
  ['LeakyRelu', { alpha: 0.2 }],
  ['HardSigmoid', { alpha: 0.3, beta: 0.4 }],
  ['Elu', { alpha: 0.7 }],
  ['Selu', { alpha: 1.5, gamma: 1.1 }],
  ['Softplus', {}],
];

describe('FusedConv and FusedGemm: interpreter, its unfused pair, onnxruntime-node and onnxruntime-web', () => {
  it('every activation the interpreter supports is covered here', () => {
    expect(new Set(CONV_CASES.map((c) => c[0]))).toEqual(new Set(Object.keys(CONV_ACTIVATIONS)));
    expect(new Set(GEMM_CASES.map((c) => c[0]))).toEqual(new Set(Object.keys(GEMM_ACTIVATIONS)));
  });

  it.each(CONV_CASES)('FusedConv %s %j (with Z: %s)', async (activation, params, withZ) => {
    const { fused, unfused } = convModels(activation, params, withZ);
    const ours = run(fused, { x: conv.x }).y;
    expect(ours.data).toEqual(run(unfused, { x: conv.x }).y.data);
    for (const [, ort] of RUNTIMES)
      expect(relativeError(await runOrt(ort, fused, conv.x), ours)).toBeLessThan(1e-4);
  });

  it.each(GEMM_CASES)('FusedGemm %s %j', async (activation, attrs) => {
    const { fused, unfused } = gemmModels(activation, attrs);
    const ours = run(fused, { x: gemm.x }).y;
    expect(ours.data).toEqual(run(unfused, { x: gemm.x }).y.data);
    for (const [, ort] of RUNTIMES)
      expect(relativeError(await runOrt(ort, fused, gemm.x), ours)).toBeLessThan(1e-4);
  });

  it.each([
    ['FusedConv', 'Elu'],
    ['FusedGemm', 'HardSwish'],
    ['FusedGemm', 'Clip'],
  ])('%s with %s: rejected by both runtimes and by the interpreter', async (op, activation) => {
    const model =
      op === 'FusedConv' ? convModels(activation, [1], false).fused : gemmModels(activation, {}).fused;
    const x = op === 'FusedConv' ? conv.x : gemm.x;
    expect(() => run(model, { x })).toThrow(/not supported/);
    for (const [, ort] of RUNTIMES)
      await expect(runOrt(ort, model, x)).rejects.toThrow(/unknown|Unimplemented|activation/i);
  });
});
