// inferShapes with the interpreter's operators on PyTorch-exported models, against ONNX's own shape inference
// (test-data/models/<model>.shapes.json, written by onnx_shapes.py) and against the dims of the tensors the
// interpreter computes.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../interpreter/run';
import { decodeModel } from '../onnx/decode';
import { seededRandom } from '../stats/rng';
import type { Dim } from './graph';
import { evaluateDim, inferShapes } from './infer';
import { randomTensor } from './randomTensor';

const dir = path.resolve(__dirname, '../../../test-data/models');

describe.each(['tiny-cnn', 'tiny-transformer', 'small-cnn', 'small-transformer'])(
  'inferShapes on %s',
  (name) => {
    const model = decodeModel(new Uint8Array(fs.readFileSync(path.join(dir, `${name}.onnx`))));
    const reference: Record<string, Dim[] | null> = JSON.parse(
      fs.readFileSync(path.join(dir, `${name}.shapes.json`), 'utf8'),
    ).shapes;
    const inference = inferShapes(model);

    it('knows every operator, and the type of every value, with no error or conflict', () => {
      expect([inference.unknownOps, inference.errors, inference.conflicts]).toEqual([[], [], []]);
      for (const node of model.graph.nodes)
        for (const out of node.outputs) expect(inference.types.get(out)?.shape, out).not.toBeNull();
    });

    it('gives the shapes ONNX gives (symbolic dims by name), where ONNX can tell', () => {
      const known = Object.entries(reference).filter(([, shape]) => shape !== null);
      expect(known.length).toBeGreaterThan(10);
      for (const [value, shape] of known) {
        const ours = inference.types.get(value)?.shape;
        // where ONNX has no dim ('?'), ours may know it
        expect(
          ours?.map((d, i) => (shape![i] === '?' ? '?' : d)),
          value,
        ).toEqual(shape);
      }
    });
  },
);

it('on tiny-cnn, also the Reshape of x.view(x.size(0), -1) that ONNX 1.12 leaves unknown', () => {
  const model = decodeModel(new Uint8Array(fs.readFileSync(path.join(dir, 'tiny-cnn.onnx'))));
  const types = inferShapes(model).types;
  expect([types.get('/Reshape_output_0'), types.get('/fc/Gemm_output_0')]).toEqual([
    { dtype: 'float32', shape: ['batch', 256] },
    { dtype: 'float32', shape: ['batch', 10] },
  ]);
});

describe.each([
  ['tiny-cnn', { batch: 3 }],
  ['tiny-transformer', { batch: 3, sequence: 5 }],
  ['small-cnn', { batch: 2 }],
  ['small-transformer', { batch: 3, sequence: 5 }],
])('inferShapes on %s, evaluated at %o', (name, at: Record<string, number>) => {
  it('gives the dims of every value the interpreter computes', () => {
    const model = decodeModel(new Uint8Array(fs.readFileSync(path.join(dir, `${name}.onnx`))));
    const types = inferShapes(model).types;
    const rng = seededRandom(3);
    const feeds = Object.fromEntries(
      model.graph.inputs.map((v) => [
        v.name,
        randomTensor(
          v.type!.dtype as 'float32',
          v.type!.shape!.map((d) => evaluateDim(d, (s) => at[s])!),
          rng,
        ),
      ]),
    );
    const values = run(model, feeds, { keepIntermediates: true });
    let checked = 0;
    for (const node of model.graph.nodes)
      for (const out of node.outputs) {
        const dims = types.get(out)!.shape!.map((d) => evaluateDim(d, (s) => at[s]));
        expect(dims, out).toEqual(values[out].dims);
        checked++;
      }
    expect(checked).toBeGreaterThan(15);
  });
});
