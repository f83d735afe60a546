import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCase } from '../../../scripts/testing/onnx-case';
import { ModelError } from '../errors';
import type { Model } from '../ir/graph';
import { decodeModel } from '../onnx/decode';
import { encodeModel } from '../onnx/encode';
import { convLayerFromModel, convLayerNames, convLayersOfModel } from './conv-layer';
import { convDirect } from './direct';
import { randomUniformTensor } from './seeded';
import { seededRandom } from '../stats/rng';

function twoConvModel(): Model {
  const random = seededRandom(71);
  return {
    irVersion: 8,
    opsets: { '': 17 },
    producerName: 'test',
    producerVersion: '',
    metadata: {},
    graph: {
      name: 'g',
      inputs: [{ name: 'x', type: { dtype: 'float32', shape: ['batch', 3, 10, 10] } }],
      outputs: [{ name: 'z', type: { dtype: 'float32', shape: null } }],
      initializers: new Map([
        ['w1', randomUniformTensor(random, [8, 3, 3, 3])],
        ['b1', randomUniformTensor(random, [8])],
        ['w2', randomUniformTensor(random, [8, 1, 3, 3])],
      ]),
      valueInfo: new Map(),
      nodes: [
        {
          name: 'conv1', opType: 'Conv', domain: '', inputs: ['x', 'w1', 'b1'], outputs: ['y'],
          attributes: { pads: { type: 'ints', value: [1, 1, 1, 1] }, strides: { type: 'ints', value: [2, 2] } },
        },
        {
          name: '', opType: 'Conv', domain: '', inputs: ['y', 'w2'], outputs: ['z'],
          attributes: { group: { type: 'int', value: 8 }, auto_pad: { type: 'string', value: 'SAME_UPPER' } },
        },
      ], // prettier-ignore
    },
  };
}

describe('convLayerFromModel', () => {
  it('takes shapes, weights and attributes of a Conv from a model read from ONNX bytes', () => {
    const source = twoConvModel();
    const model = decodeModel(encodeModel(source));
    expect(convLayerNames(model)).toEqual(['conv1', 'Conv#1']);
    const conv1 = convLayerFromModel(model, 'conv1');
    expect(conv1.inputDims).toEqual([1, 3, 10, 10]);
    expect(conv1.params).toEqual({ strides: [2, 2], pads: [1, 1, 1, 1], dilations: [1, 1], group: 1 });
    expect(Array.from(conv1.w.data)).toEqual(
      Array.from(source.graph.initializers.get('w1')!.data as Float32Array),
    );
    expect(conv1.bias?.dims).toEqual([8]);
    // The second layer's input is intermediate: its shape must be given; SAME_UPPER pads keep 5×5.
    expect(() => convLayerFromModel(model, 'Conv#1')).toThrow(/give the input shape/);
    const conv2 = convLayerFromModel(model, 'Conv#1', [1, 8, 5, 5]);
    expect(conv2.params).toMatchObject({ group: 8, pads: [1, 1, 1, 1] });
    expect(conv2.bias).toBeNull();
  });

  it('auto_pad SAME_LOWER reproduces the ONNX conformance case', () => {
    const { inputs, outputs } = loadCase('test_conv_with_autopad_same');
    const model = decodeModel(
      fs.readFileSync(
        new URL('../../../test-data/onnx-node/test_conv_with_autopad_same/model.onnx', import.meta.url),
      ),
    );
    const [x, w] = inputs;
    // W is a graph input in this case: give it as an initializer so the layer has weights.
    model.graph.initializers.set(model.graph.nodes[0].inputs[1], {
      dtype: 'float32',
      dims: w.dims,
      data: Float32Array.from(w.values),
    });
    const layer = convLayerFromModel(model, convLayerNames(model)[0], x.dims);
    const y = convDirect(
      { dtype: 'float32', dims: x.dims, data: Float32Array.from(x.values) },
      layer.w,
      layer.bias,
      layer.params,
    ).output;
    expect(y.dims).toEqual(outputs[0].dims);
    y.data.forEach((v, i) => expect(v).toBeCloseTo(outputs[0].values[i], 5));
  });

  it('explains what is wrong with a layer it cannot take', () => {
    const model = twoConvModel();
    expect(() => convLayerFromModel(model, 'nope')).toThrow(/conv1, Conv#1/);
    model.graph.initializers.delete('w1');
    expect(() => convLayerFromModel(model, 'conv1')).toThrow(ModelError);
    expect(() => convLayerFromModel(model, 'conv1')).toThrow(/not an initializer/);
  });

  it('lists every layer with its input shape from shape inference, deep layers included', () => {
    const [conv1, conv2] = convLayersOfModel(decodeModel(encodeModel(twoConvModel())));
    expect(conv1.layer?.inputDims).toEqual([1, 3, 10, 10]);
    // conv1: stride 2, pad 1 → 5×5; the second layer is depthwise with SAME_UPPER padding.
    expect(conv2).toMatchObject({ name: 'Conv#1', problem: null });
    expect(conv2.layer?.inputDims).toEqual([1, 8, 5, 5]);
    expect(conv2.layer?.params).toMatchObject({ group: 8, pads: [1, 1, 1, 1] });
  });

  it('names the problem of a layer it cannot take instead of failing the others', () => {
    const model = twoConvModel();
    model.graph.initializers.delete('w2');
    const [conv1, conv2] = convLayersOfModel(model);
    expect(conv1.problem).toBeNull();
    expect(conv2.layer).toBeNull();
    expect(conv2.problem).toMatch(/not an initializer/);
  });

  it.each([
    ['digits-cnn', 3],
    ['digits-mobilenet', 22],
  ])(
    'takes every layer of the zoo model %s, each running to the shape the next layer expects',
    (id, count) => {
      const file = new URL(`../../../public/models/${id}.onnx`, import.meta.url);
      const layers = convLayersOfModel(decodeModel(fs.readFileSync(file)));
      expect(layers).toHaveLength(count);
      const random = seededRandom(72);
      for (const { layer, problem } of layers) {
        expect(problem).toBeNull();
        const x = randomUniformTensor(random, layer!.inputDims);
        const y = convDirect(x, layer!.w, layer!.bias, layer!.params).output;
        expect(y.dims[1]).toBe(layer!.w.dims[0]);
      }
      // digits-cnn: the 8×8 digit, then 16 channels at 8×8, then (after a 2×2 max-pool) 32 channels at 4×4.
      if (id === 'digits-cnn')
        expect(layers.map((l) => l.layer!.inputDims)).toEqual([
          [1, 1, 8, 8],
          [1, 16, 8, 8],
          [1, 32, 4, 4],
        ]);
    },
  );
});
