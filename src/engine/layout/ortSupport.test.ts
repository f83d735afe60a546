// ortWebBlockers must say what onnxruntime-web really does: each probe model runs in onnxruntime-web and
// the outcome is compared with the function's answer. Under Node, onnxruntime-web loads
// ort-wasm-simd-threaded.wasm, the same WebAssembly binary the app's worker loads. If an
// onnxruntime upgrade adds a kernel or a type, this test fails and the measured table in ortSupport.ts
// must be updated.
import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { runOrt } from '../../../scripts/testing/ort';
import { mismatch } from '../conformance/compare';
import { makeGraph, makeModel, makeNode, typedValue } from '../ir/build';
import type { Attribute, Model } from '../ir/graph';
import { randomTensor } from '../ir/randomTensor';
import { scalar, type DType, type Tensor } from '../ir/tensor';
import { encodeModel } from '../onnx/encode';
import { seededRandom } from '../stats/rng';
import { convertToNhwc } from './convert';
import { ortWebBlockers, runsInOrtWeb } from './ortSupport';
import { transposeReport } from './transposes';

const ints = (...value: number[]): Attribute => ({ type: 'ints', value });
const MS = 'com.microsoft';

/** Seeded random feeds for the model's inputs (static shapes). */
const feedsFor = (model: Model) =>
  Object.fromEntries(
    model.graph.inputs.map((v) => [
      v.name,
      randomTensor(v.type!.dtype as 'float32', v.type!.shape as number[], seededRandom(1)),
    ]),
  );

/** Runs the model in onnxruntime-web: its outputs, or the error message of session creation or run. */
async function ortWeb(
  model: Model,
): Promise<{ ok: true; outputs: Record<string, Tensor> } | { ok: false; message: string }> {
  try {
    const session = await ort.InferenceSession.create(encodeModel(model));
    const feeds = Object.fromEntries(
      Object.entries(feedsFor(model)).map(([k, t]) => [
        k,
        new ort.Tensor(t.dtype as 'float32', t.data as Float32Array, t.dims),
      ]),
    );
    const results = await session.run(feeds);
    await session.release();
    const outputs = Object.fromEntries(
      Object.entries(results).map(([k, t]) => [
        k,
        { dtype: t.type, dims: [...t.dims], data: t.data } as Tensor,
      ]),
    );
    return { ok: true, outputs };
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
}

/** Whether onnxruntime-node creates a session and runs the model. */
const ortNodeRuns = (model: Model) =>
  runOrt(encodeModel(model), feedsFor(model)).then(
    () => true,
    () => false,
  );

function nhwcConv(): Model {
  const rng = seededRandom(2);
  return makeModel(
    makeGraph({
      nodes: [
        makeNode('NhwcConv', ['x', 'w'], ['y'], { domain: MS, attributes: { kernel_shape: ints(3, 3) } }),
      ],
      inputs: [typedValue('x', 'float32', [1, 6, 6, 3])],
      outputs: [typedValue('y', 'float32', null)],
      initializers: { w: randomTensor('float32', [4, 3, 3, 3], rng) },
    }),
    { '': 17, [MS]: 1 },
  );
}

function nhwcMaxPool(dtype: DType): Model {
  return makeModel(
    makeGraph({
      nodes: [
        makeNode('NhwcMaxPool', ['x'], ['y'], { domain: MS, attributes: { kernel_shape: ints(2, 2) } }),
      ],
      inputs: [typedValue('x', dtype, [1, 4, 4, 3])],
      outputs: [typedValue('y', dtype, null)],
    }),
    { '': 17, [MS]: 1 },
  );
}

function qlinearConvChannelsLast(): Model {
  const rng = seededRandom(3);
  const inputs = ['x', 'xs', 'xz', 'w', 'ws', 'wz', 'ys', 'yz'];
  const attributes = { kernel_shape: ints(3, 3), channels_last: { type: 'int', value: 1 } as Attribute };
  return makeModel(
    makeGraph({
      nodes: [makeNode('QLinearConv', inputs, ['y'], { domain: MS, attributes })],
      inputs: [typedValue('x', 'uint8', [1, 6, 6, 3])],
      outputs: [typedValue('y', 'uint8', null)],
      initializers: {
        xs: scalar('float32', 0.02),
        xz: scalar('uint8', 128),
        w: randomTensor('int8', [4, 3, 3, 3], rng),
        ws: scalar('float32', 0.01),
        wz: scalar('int8', 0),
        ys: scalar('float32', 0.05),
        yz: scalar('uint8', 128),
      },
    }),
    { '': 17, [MS]: 1 },
  );
}

const PROBES: [string, () => Model, RegExp | null][] = [
  ['NhwcConv float32', nhwcConv, /Could not find an implementation for NhwcConv/],
  ['NhwcMaxPool float32', () => nhwcMaxPool('float32'), /Type 'tensor\(float\)' of input parameter \(x\)/],
  ['NhwcMaxPool uint8', () => nhwcMaxPool('uint8'), null],
  ['NhwcMaxPool int8', () => nhwcMaxPool('int8'), null],
  ['QLinearConv channels_last uint8', qlinearConvChannelsLast, null],
];

describe('ortWebBlockers agrees with onnxruntime-web', () => {
  it.each(PROBES)('%s', async (_, build, failure) => {
    const model = build();
    const outcome = await ortWeb(model);
    expect(outcome.ok).toBe(failure === null);
    if (!outcome.ok) expect(outcome.message).toMatch(failure!);
    expect(runsInOrtWeb(model)).toBe(outcome.ok);
    expect(ortWebBlockers(model).length).toBe(outcome.ok ? 0 : 1);
    // onnxruntime-node's CPU provider has the same kernels: same outcome
    expect(await ortNodeRuns(model)).toBe(outcome.ok);
  });
});

/**
 * An int8 network, QOperator style: QLinearConv → MaxPool → QLinearConv on uint8 data. Its NHWC form uses
 * only kernels the CPU has (com.microsoft QLinearConv with channels_last, NhwcMaxPool), so it runs in
 * onnxruntime-web, and gives exactly the original's bytes.
 */
function int8Network(): Model {
  const rng = seededRandom(5);
  const quant = (name: string, scale: number, zero: number) => ({
    [`${name}.scale`]: scalar('float32', scale),
    [`${name}.zero`]: scalar('uint8', zero),
  });
  const weights = (name: string, m: number, c: number) => ({
    [`${name}.w`]: randomTensor('int8', [m, c, 3, 3], rng, [-60, 60]),
    [`${name}.ws`]: scalar('float32', 0.01),
    [`${name}.wz`]: scalar('int8', 0),
  });
  const qconv = (name: string, x: string, xq: string, y: string, yq: string) =>
    makeNode(
      'QLinearConv',
      [x, `${xq}.scale`, `${xq}.zero`, `${name}.w`, `${name}.ws`, `${name}.wz`, `${yq}.scale`, `${yq}.zero`],
      [y],
      { name, attributes: { kernel_shape: ints(3, 3), pads: ints(1, 1, 1, 1) } },
    );
  return makeModel(
    makeGraph({
      nodes: [
        qconv('conv1', 'x', 'in', 'h', 'mid'),
        makeNode('MaxPool', ['h'], ['p'], {
          name: 'pool',
          attributes: { kernel_shape: ints(2, 2), strides: ints(2, 2) },
        }),
        qconv('conv2', 'p', 'mid', 'y', 'out'),
      ],
      inputs: [typedValue('x', 'uint8', [1, 3, 8, 8])],
      outputs: [typedValue('y', 'uint8', null)],
      initializers: {
        ...quant('in', 0.02, 128),
        ...quant('mid', 0.05, 100),
        ...quant('out', 0.1, 90),
        ...weights('conv1', 6, 3),
        ...weights('conv2', 4, 6),
      },
    }),
  );
}

describe('converted models in onnxruntime-web', () => {
  it('an int8 QLinearConv network converts to ops onnxruntime-web runs, with identical outputs', async () => {
    const model = int8Network();
    const { model: converted } = convertToNhwc(model);
    const ops = converted.graph.nodes.map((n) => `${n.domain ? `${n.domain}::` : ''}${n.opType}`);
    expect(ops.filter((o) => o !== 'Transpose')).toEqual([
      'com.microsoft::QLinearConv',
      'com.microsoft::NhwcMaxPool',
      'com.microsoft::QLinearConv',
    ]);
    expect(transposeReport(converted).transposes).toHaveLength(2); // at the input and at the output
    expect(ortWebBlockers(converted)).toEqual([]);
    const [before, after] = [await ortWeb(model), await ortWeb(converted)];
    if (!before.ok || !after.ok) throw new Error('onnxruntime-web failed to run the int8 network');
    expect(mismatch(after.outputs.y, before.outputs.y, { rtol: 0, atol: 0 })).toBeNull();
  });

  it('a converted float CNN does not run, and the blockers say why', async () => {
    const rng = seededRandom(6);
    const model = makeModel(
      makeGraph({
        nodes: [
          makeNode('Conv', ['x', 'w'], ['y'], { name: 'conv', attributes: { kernel_shape: ints(3, 3) } }),
        ],
        inputs: [typedValue('x', 'float32', [1, 3, 6, 6])],
        outputs: [typedValue('y', 'float32', null)],
        initializers: { w: randomTensor('float32', [4, 3, 3, 3], rng) },
      }),
    );
    expect((await ortWeb(model)).ok).toBe(true);
    expect(runsInOrtWeb(model)).toBe(true);
    const converted = convertToNhwc(model).model;
    const outcome = await ortWeb(converted);
    expect(outcome.ok).toBe(false);
    expect(ortWebBlockers(converted)).toEqual([
      {
        node: 'conv_nhwc',
        opType: 'NhwcConv',
        reason: "no NhwcConv kernel in onnxruntime's CPU provider, which onnxruntime-web runs as WebAssembly",
      },
    ]);
  });
});
