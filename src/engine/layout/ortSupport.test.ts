// ortWebBlockers must say what onnxruntime-web really does: each probe model runs in onnxruntime-web and
// the outcome is compared with the function's answer. Under Node, onnxruntime-web loads
// ort-wasm-simd-threaded.wasm, the same WebAssembly binary the app's worker loads. If an
// onnxruntime upgrade adds a kernel or a type, this test fails and the measured table in ortSupport.ts
// must be updated.
import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { makeGraph, makeModel, makeNode, typedValue } from '../ir/build';
import type { Attribute, Model } from '../ir/graph';
import { randomTensor } from '../ir/randomTensor';
import { scalar, type DType } from '../ir/tensor';
import { encodeModel } from '../onnx/encode';
import { seededRandom } from '../stats/rng';
import { ortWebBlockers, runsInOrtWeb } from './ortSupport';

const ints = (...value: number[]): Attribute => ({ type: 'ints', value });
const MS = 'com.microsoft';

/** Creates a session and runs it once on zeros: true when both succeed. */
async function ortWebRuns(model: Model): Promise<{ ok: boolean; message: string }> {
  try {
    const session = await ort.InferenceSession.create(encodeModel(model));
    const feeds = Object.fromEntries(
      model.graph.inputs.map((v) => {
        const dims = v.type!.shape as number[];
        const t = randomTensor(v.type!.dtype as 'float32', dims, seededRandom(1));
        return [v.name, new ort.Tensor(v.type!.dtype as 'float32', t.data as Float32Array, dims)];
      }),
    );
    await session.run(feeds);
    await session.release();
    return { ok: true, message: '' };
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
}

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
    const outcome = await ortWebRuns(model);
    expect(outcome.ok).toBe(failure === null);
    if (failure) expect(outcome.message).toMatch(failure);
    expect(runsInOrtWeb(model)).toBe(outcome.ok);
    expect(ortWebBlockers(model).length).toBe(outcome.ok ? 0 : 1);
  });
});
