import fs from 'node:fs';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { ModelError } from '../errors';
import type { Model } from '../ir/graph';
import { tensor, type Tensor } from '../ir/tensor';
import { decodeModel, decodeTensor } from './decode';
import { encodeModel, encodeTensor } from './encode';
import { onnx } from './proto';

const suite = path.resolve(__dirname, '../../../test-data/onnx-node');
const cases = fs.readdirSync(suite).filter((d) => d.startsWith('test_'));
const read = (...p: string[]) => new Uint8Array(fs.readFileSync(path.join(suite, ...p)));

function expectModelError(fn: () => unknown, code: ModelError['code'], message: RegExp) {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ModelError);
    expect((e as ModelError).code).toBe(code);
    expect((e as ModelError).message).toMatch(message);
    return;
  }
  throw new Error('expected a ModelError');
}

describe('decodeModel / encodeModel', () => {
  it.each(cases)('%s: decodes, and import → export → import gives an equal model', (name) => {
    const model = decodeModel(read(name, 'model.onnx'));
    expect(model.graph.nodes.length).toBeGreaterThan(0);
    expect(decodeModel(encodeModel(model))).toEqual(model);
    // .pb files of values typed as tensors (sequence-typed outputs are SequenceProtos, not tensors)
    const values = { input: model.graph.inputs, output: model.graph.outputs };
    for (const file of fs.readdirSync(path.join(suite, name, 'test_data_set_0'))) {
      const [, kind, i] = /^(input|output)_(\d+)\.pb$/.exec(file)!;
      if (!values[kind as 'input' | 'output'][Number(i)].type) continue;
      const { tensor: t } = decodeTensor(read(name, 'test_data_set_0', file));
      expect(decodeTensor(encodeTensor(t)).tensor).toEqual(t);
    }
  });

  it.each([
    'test_conv_with_strides_padding',
    'test_gemm_all_attributes',
    'test_layer_normalization_3d_axis1_epsilon',
    'test_qlinearconv',
  ])('%s: the re-exported file runs in onnxruntime with identical outputs', async (name) => {
    const original = read(name, 'model.onnx');
    const model = decodeModel(original);
    const feeds: Record<string, ort.Tensor> = {};
    model.graph.inputs.forEach((input, i) => {
      const { tensor: t } = decodeTensor(read(name, 'test_data_set_0', `input_${i}.pb`));
      feeds[input.name] = new ort.Tensor(t.dtype as 'float32', t.data as Float32Array, t.dims);
    });
    const run = async (bytes: Uint8Array) => (await ort.InferenceSession.create(bytes)).run(feeds);
    const [a, b] = [await run(original), await run(encodeModel(model))];
    for (const out of model.graph.outputs) expect(b[out.name].data).toEqual(a[out.name].data);
  });

  it('keeps float16, int64 and bool tensors exact', () => {
    const model: Model = {
      irVersion: 8,
      opsets: { '': 17 },
      producerName: 'test',
      producerVersion: '',
      metadata: { note: 'x' },
      graph: {
        name: 'g',
        nodes: [
          { name: 'id', opType: 'Identity', domain: '', inputs: ['h'], outputs: ['y'], attributes: {} },
        ],
        inputs: [],
        outputs: [{ name: 'y', type: { dtype: 'float16', shape: ['batch', 3] } }],
        initializers: new Map<string, Tensor>([
          ['h', tensor('float16', [1, 3], [1, -0.5, 65504])],
          ['i', tensor('int64', [2], [-(2 ** 40), 7])],
          ['b', tensor('bool', [2], [1, 0])],
        ]),
        valueInfo: new Map(),
      },
    };
    expect(decodeModel(encodeModel(model))).toEqual(model);
  });

  it('reads values from the typed fields when raw_data is absent', () => {
    const bytes = onnx.TensorProto.encode({ dims: [2], dataType: 7, int64Data: [5, -3] }).finish();
    expect(decodeTensor(bytes).tensor).toEqual(tensor('int64', [2], [5, -3]));
    const half = onnx.TensorProto.encode({ dims: [1], dataType: 10, int32Data: [0x3c00] }).finish();
    expect(decodeTensor(half).tensor).toEqual(tensor('float16', [1], [1]));
  });
});

describe('bad files give a ModelError that says what and where', () => {
  const valid = read('test_conv_with_strides_padding', 'model.onnx');

  it('empty and random bytes', () => {
    expectModelError(() => decodeModel(new Uint8Array()), 'parse', /empty/);
    expectModelError(
      () => decodeModel(new TextEncoder().encode('<html>not a model</html>')),
      'parse',
      /not a valid ONNX model/,
    );
  });

  it('a truncated file', () => {
    expectModelError(() => decodeModel(valid.subarray(0, valid.length - 7)), 'parse', /byte \d+/);
  });

  it('external data', () => {
    const proto = onnx.ModelProto.decode(valid);
    proto.graph!.initializer = [
      {
        name: 'W',
        dims: [1],
        dataType: 1,
        dataLocation: 1,
        externalData: [{ key: 'location', value: 'weights.bin' }],
      },
    ];
    expectModelError(
      () => decodeModel(onnx.ModelProto.encode(proto).finish()),
      'unsupported',
      /external file \("weights\.bin"\)/,
    );
  });

  it('absurd and negative dims, and data that does not match them', () => {
    const make = (t: object) => onnx.TensorProto.encode(t).finish();
    expectModelError(
      () => decodeTensor(make({ dims: [1e6, 1e6], dataType: 1 })),
      'limit',
      /exceeds the limit/,
    );
    expectModelError(() => decodeTensor(make({ dims: [-1], dataType: 1 })), 'invalid', /non-negative/);
    expectModelError(
      () => decodeTensor(make({ dims: [4], dataType: 1, rawData: new Uint8Array(8) })),
      'invalid',
      /raw_data has 8 bytes/,
    );
    expectModelError(
      () => decodeTensor(make({ dims: [3], dataType: 1, floatData: [1] })),
      'invalid',
      /1 values for shape \[3\]/,
    );
    expectModelError(
      () => decodeTensor(make({ dims: [1], dataType: 99 })),
      'invalid',
      /unknown tensor element type 99/,
    );
    expectModelError(() => decodeTensor(make({ dims: [1], dataType: 16 })), 'unsupported', /BFLOAT16/);
  });

  it('a node without op_type names the node', () => {
    const proto = onnx.ModelProto.decode(valid);
    proto.graph!.node![0].opType = '';
    proto.graph!.node![0].name = 'broken';
    expectModelError(
      () => decodeModel(onnx.ModelProto.encode(proto).finish()),
      'invalid',
      /no op_type \(node broken/,
    );
  });
});
