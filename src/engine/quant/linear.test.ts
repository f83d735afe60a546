import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { ModelError } from '../errors';
import type { DType } from '../ir/tensor';
import { scalar, tensor } from '../ir/tensor';
import { decodeModel, decodeTensor } from '../onnx/decode';
import { encodeModel } from '../onnx/encode';
import { dequantizeLinear, quantizeLinear } from './linear';
import { seededRandom } from '../stats/rng';

const CASES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../test-data/onnx-node');

/** A one-node conformance case read with the engine's ONNX reader. */
function readCase(name: string) {
  const dir = path.join(CASES, name);
  const node = decodeModel(readFileSync(path.join(dir, 'model.onnx'))).graph.nodes[0];
  const read = (file: string) => decodeTensor(readFileSync(path.join(dir, 'test_data_set_0', file))).tensor;
  const axis = node.attributes.axis;
  return {
    opType: node.opType,
    axis: axis?.type === 'int' ? axis.value : 1,
    inputs: node.inputs.map((_, i) => read(`input_${i}.pb`)),
    expected: read('output_0.pb'),
  };
}

describe('ONNX conformance: QuantizeLinear / DequantizeLinear', () => {
  it.each([
    'test_quantizelinear',
    'test_quantizelinear_axis',
    'test_dequantizelinear',
    'test_dequantizelinear_axis',
  ])('%s matches bit for bit', (name) => {
    const { opType, axis, inputs, expected } = readCase(name);
    const [x, scale, zeroPoint] = inputs;
    const got =
      opType === 'QuantizeLinear'
        ? quantizeLinear(x, scale, zeroPoint ?? null, axis)
        : dequantizeLinear(x, scale, zeroPoint ?? null, axis);
    expect(got.dtype).toBe(expected.dtype);
    expect(got.dims).toEqual(expected.dims);
    expect(Array.from(got.data as ArrayLike<number>)).toEqual(Array.from(expected.data as ArrayLike<number>));
  });
});

describe('quantizeLinear / dequantizeLinear (hand-computed)', () => {
  const x = tensor('float32', [2, 3], [-1, 0, 1, 2.5, 3.5, 300]);

  it('defaults to uint8 with zero point 0 when the zero point is omitted', () => {
    const y = quantizeLinear(x, scalar('float32', 1), null);
    expect(y.dtype).toBe('uint8');
    expect([...(y.data as Uint8Array)]).toEqual([0, 0, 1, 2, 4, 255]);
  });

  it('quantizes per axis, with negative axes counting from the end', () => {
    const scale = tensor('float32', [3], [1, 2, 4]);
    const zp = tensor('int8', [3], [0, 1, -1]);
    // column c: round(x / scale[c]) + zp[c]: [-1, 0+1, 0-1], [2 (2.5→2), 2+1 (1.75→2), 75-1 → 74]
    const expected = [-1, 1, -1, 2, 3, 74];
    expect([...(quantizeLinear(x, scale, zp, 1).data as Int8Array)]).toEqual(expected);
    expect([...(quantizeLinear(x, scale, zp, -1).data as Int8Array)]).toEqual(expected);
  });

  it('treats a one-element 1-D scale as per-tensor', () => {
    const y = quantizeLinear(x, tensor('float32', [1], [0.5]), tensor('int8', [1], [10]));
    expect([...(y.data as Int8Array)]).toEqual([8, 10, 12, 15, 17, 127]);
  });

  it('dequantizes int32 (a bias) with its zero point', () => {
    const y = dequantizeLinear(
      tensor('int32', [3], [-100000, 0, 7]),
      scalar('float32', 0.5),
      scalar('int32', 1),
    );
    expect([...y.data]).toEqual([-50000.5, -0.5, 3]);
  });

  it('rejects what it does not support with ModelErrors', () => {
    expect(() => quantizeLinear(tensor('int32', [1], [1]), scalar('float32', 1), null)).toThrow(
      /x of type int32 is not supported/,
    );
    expect(() => quantizeLinear(x, scalar('float32', 1), scalar('int32', 0))).toThrow(ModelError);
    expect(() => quantizeLinear(x, tensor('float32', [2], [1, 1]), null, 1)).toThrow(
      /scale has 2 values but axis 1 has 3/,
    );
    expect(() => quantizeLinear(x, tensor('float32', [3], [1, 1, 1]), null, 2)).toThrow(
      /axis 2 is out of range/,
    );
    expect(() => quantizeLinear(x, tensor('float32', [2, 3], new Float32Array(6).fill(1)), null)).toThrow(
      /only per-tensor and per-axis/,
    );
    expect(() => quantizeLinear(x, tensor('float32', [3], [1, 1, 1]), tensor('uint8', [1], [0]))).toThrow(
      /zero point shape/,
    );
    expect(() => quantizeLinear(x, scalar('float32', 0), null)).toThrow(/scale must be a positive/);
    expect(() =>
      dequantizeLinear(tensor('uint8', [1], [1]), scalar('float32', 1), scalar('int8', 0)),
    ).toThrow(/x_zero_point is int8 but x is uint8/);
  });
});

// A one-node model: op(x [n, C], scale [C], zero point [C]) with axis 1, opset 13 (per-axis since 13);
// the zero point has the integer type, which is y's for QuantizeLinear and x's for DequantizeLinear.
function oneNodeModel(
  opType: 'QuantizeLinear' | 'DequantizeLinear',
  intType: DType,
  channels: number,
): Uint8Array {
  const [xType, yType]: DType[] = opType === 'QuantizeLinear' ? ['float32', intType] : [intType, 'float32'];
  const info = (name: string, dtype: DType, shape: (number | string)[]) => ({ name, type: { dtype, shape } });
  return encodeModel({
    irVersion: 8,
    opsets: { '': 13 },
    producerName: 'quant test',
    producerVersion: '',
    metadata: {},
    graph: {
      name: opType,
      nodes: [
        {
          name: opType,
          opType,
          domain: '',
          inputs: ['x', 's', 'z'],
          outputs: ['y'],
          attributes: { axis: { type: 'int', value: 1 } },
        },
      ],
      inputs: [
        info('x', xType, ['n', channels]),
        info('s', 'float32', [channels]),
        info('z', intType, [channels]),
      ],
      outputs: [info('y', yType, ['n', channels])],
      initializers: new Map(),
      valueInfo: new Map(),
    },
  });
}

describe('against onnxruntime (Node), seeded random inputs', () => {
  const C = 8,
    N = 4000;

  it.each(['uint8', 'int8'] as const)(
    'QuantizeLinear to %s matches bit for bit, ties included',
    async (dtype) => {
      const session = await ort.InferenceSession.create(oneNodeModel('QuantizeLinear', dtype, C));
      const random = seededRandom(dtype === 'uint8' ? 1 : 2);
      const scale = Float32Array.from({ length: C }, () => Math.fround(10 ** (random() * 4 - 3)));
      const zp =
        dtype === 'uint8'
          ? Uint8Array.from({ length: C }, () => Math.floor(random() * 256))
          : Int8Array.from({ length: C }, () => Math.floor(random() * 256) - 128);
      const x = new Float32Array(N * C);
      for (let i = 0; i < x.length; i++) {
        const s = scale[i % C];
        // a third exact ties (k + 0.5)·scale, a third near-ties, a third anywhere in ±300 steps (saturating some)
        const k = Math.floor(random() * 600) - 300;
        const kind = i % 3;
        x[i] =
          kind === 0
            ? (k + 0.5) * s
            : kind === 1
              ? (k + 0.5 + (random() - 0.5) * 1e-6) * s
              : (random() * 600 - 300) * s;
      }
      const { y } = await session.run({
        x: new ort.Tensor('float32', x, [N, C]),
        s: new ort.Tensor('float32', scale, [C]),
        z: new ort.Tensor(dtype, zp, [C]),
      });
      const ours = quantizeLinear(
        tensor('float32', [N, C], x),
        tensor('float32', [C], scale),
        tensor(dtype, [C], zp),
        1,
      );
      expect(ours.dtype).toBe(dtype);
      expect(Array.from(ours.data as ArrayLike<number>)).toEqual(Array.from(y.data as ArrayLike<number>));
      await session.release();
    },
  );

  it('DequantizeLinear from int8 matches bit for bit', async () => {
    const session = await ort.InferenceSession.create(oneNodeModel('DequantizeLinear', 'int8', C));
    const random = seededRandom(3);
    const scale = Float32Array.from({ length: C }, () => Math.fround(10 ** (random() * 4 - 3)));
    const zp = Int8Array.from({ length: C }, () => Math.floor(random() * 256) - 128);
    const x = Int8Array.from({ length: N * C }, () => Math.floor(random() * 256) - 128);
    const { y } = await session.run({
      x: new ort.Tensor('int8', x, [N, C]),
      s: new ort.Tensor('float32', scale, [C]),
      z: new ort.Tensor('int8', zp, [C]),
    });
    const ours = dequantizeLinear(
      tensor('int8', [N, C], x),
      tensor('float32', [C], scale),
      tensor('int8', [C], zp),
      1,
    );
    expect(Array.from(ours.data)).toEqual(Array.from(y.data as Float32Array));
    await session.release();
  });
});
