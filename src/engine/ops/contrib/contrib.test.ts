// The channels-last contrib ops: NhwcConv checked by hand (its weight layout [M, kH, kW, C] matters);
// com.microsoft QLinearConv (channels_last) and NhwcMaxPool against onnxruntime-node, which implements both
// on the CPU; shape inference against what run() produces.
import { describe, expect, it } from 'vitest';
import { runOrt } from '../../../../scripts/testing/ort';
import { mismatch } from '../../conformance/compare';
import { ModelError } from '../../errors';
import { makeGraph, makeModel, makeNode, typedValue } from '../../ir/build';
import type { Attribute, Node } from '../../ir/graph';
import { randomTensor } from '../../ir/randomTensor';
import { scalar, tensor, type Tensor } from '../../ir/tensor';
import { run } from '../../interpreter/run';
import { encodeModel } from '../../onnx/encode';
import { seededRandom } from '../../stats/rng';
import { lookupOp } from '../registry';

const ints = (...value: number[]): Attribute => ({ type: 'ints', value });
const MS = 'com.microsoft';

function single(node: Node, feeds: Record<string, Tensor>, initializers: Record<string, Tensor> = {}) {
  const graph = makeGraph({
    nodes: [node],
    inputs: Object.entries(feeds).map(([name, t]) => typedValue(name, t.dtype, t.dims)),
    outputs: [typedValue(node.outputs[0], 'float32', null)],
    initializers,
  });
  return makeModel(graph, { '': 17, [MS]: 1 });
}

describe('com.microsoft NhwcConv', () => {
  it('convolves channels-last data with [M, kH, kW, C] weights (hand-checked)', () => {
    // X [1, 2, 2, 2] NHWC: pixel (h, w) holds channels (x0, x1); one 2×2 filter covers the whole image.
    const x = tensor('float32', [1, 2, 2, 2], [1, 2, 3, 4, 5, 6, 7, 8]);
    // W [1, 2, 2, 2] = [M, kH, kW, C]: w[0, h, w, c] multiplies pixel (h, w), channel c
    const w = tensor('float32', [1, 2, 2, 2], [1, 10, 100, 1000, -1, -10, -100, -1000]);
    const node = makeNode('NhwcConv', ['x', 'w', 'b'], ['y'], {
      domain: MS,
      attributes: { kernel_shape: ints(2, 2) },
    });
    const y = run(single(node, { x }, { w, b: tensor('float32', [1], [0.5]) }), { x }).y;
    expect(y.dims).toEqual([1, 1, 1, 1]);
    // 1·1 + 2·10 + 3·100 + 4·1000 − 5·1 − 6·10 − 7·100 − 8·1000 + 0.5
    expect(Array.from(y.data as Float32Array)).toEqual([1 + 20 + 300 + 4000 - 5 - 60 - 700 - 8000 + 0.5]);
  });

  it('infers [N, Ho, Wo, M] from channels-last shapes, symbolic batch kept', () => {
    const node = makeNode('NhwcConv', ['x', 'w'], ['y'], {
      domain: MS,
      attributes: { kernel_shape: ints(3, 3), strides: ints(2, 2), pads: ints(1, 1, 1, 1) },
    });
    const [y] = lookupOp(MS, 'NhwcConv')!.infer(
      { node, opset: 1 },
      [
        { dtype: 'float32', shape: ['batch', 32, 32, 3] },
        { dtype: 'float32', shape: [16, 3, 3, 3] },
      ],
      [null, null],
    );
    expect(y).toEqual({ dtype: 'float32', shape: ['batch', 16, 16, 16] });
  });

  it('rejects a rank-2 input with a ModelError naming the op', () => {
    const node = makeNode('NhwcConv', ['x', 'w'], ['y'], { domain: MS, name: 'bad' });
    expect(() =>
      lookupOp(MS, 'NhwcConv')!.run({ node, opset: 1 }, [
        tensor('float32', [2, 2], [1, 2, 3, 4]),
        tensor('float32', [1, 1], [1]),
      ]),
    ).toThrow(/NhwcConv: input 0 must be channels-last/);
  });
});

describe('channels-last ops against onnxruntime-node (which runs them on the CPU)', () => {
  it('com.microsoft QLinearConv with channels_last = 1 (weights stay [M, C, kH, kW])', async () => {
    const rng = seededRandom(41);
    const x = randomTensor('uint8', [2, 7, 6, 3], rng);
    const node = makeNode('QLinearConv', ['x', 'xs', 'xz', 'w', 'ws', 'wz', 'ys', 'yz', 'b'], ['y'], {
      domain: MS,
      attributes: {
        kernel_shape: ints(3, 3),
        pads: ints(1, 0, 1, 2),
        strides: ints(2, 1),
        channels_last: { type: 'int', value: 1 },
      },
    });
    const model = single(
      node,
      { x },
      {
        xs: scalar('float32', 0.02),
        xz: scalar('uint8', 120),
        w: randomTensor('int8', [4, 3, 3, 3], rng),
        ws: tensor('float32', [4], [0.01, 0.02, 0.015, 0.03]),
        wz: tensor('int8', [4], [0, 0, 0, 0]),
        ys: scalar('float32', 0.05),
        yz: scalar('uint8', 128),
        b: randomTensor('int32', [4], rng, [-500, 500]),
      },
    );
    model.graph.outputs = [typedValue('y', 'uint8', null)];
    const ours = run(model, { x }).y;
    const theirs = (await runOrt(encodeModel(model), { x })).y;
    expect(ours.dims).toEqual([2, 4, 6, 4]);
    expect(mismatch(ours, theirs, { rtol: 0, atol: 0 })).toBeNull();
  });

  it('NhwcMaxPool on uint8', async () => {
    const x = randomTensor('uint8', [2, 9, 8, 5], seededRandom(42));
    const node = makeNode('NhwcMaxPool', ['x'], ['y'], {
      domain: MS,
      attributes: { kernel_shape: ints(3, 2), strides: ints(2, 2), pads: ints(1, 0, 1, 1) },
    });
    const model = single(node, { x });
    model.graph.outputs = [typedValue('y', 'uint8', null)];
    const ours = run(model, { x }).y;
    const theirs = (await runOrt(encodeModel(model), { x })).y;
    expect(mismatch(ours, theirs, { rtol: 0, atol: 0 })).toBeNull();
  });

  it('NhwcMaxPool refuses float32, as onnxruntime does (its schema allows int8 and uint8 only)', async () => {
    const x = randomTensor('float32', [1, 4, 4, 2], seededRandom(43));
    const node = makeNode('NhwcMaxPool', ['x'], ['y'], {
      domain: MS,
      attributes: { kernel_shape: ints(2, 2) },
    });
    const model = single(node, { x });
    expect(() => run(model, { x })).toThrow(ModelError);
    await expect(runOrt(encodeModel(model), { x })).rejects.toThrow(/Type 'tensor\(float\)'/);
  });
});
