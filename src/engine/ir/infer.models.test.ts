// inferShapes with the interpreter's operators on PyTorch-exported models, against ONNX's own shape inference
// (test-data/models/<model>.shapes.json, written by onnx_shapes.py).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeModel } from '../onnx/decode';
import type { Dim } from './graph';
import { inferShapes } from './infer';

const dir = path.resolve(__dirname, '../../../test-data/models');

describe.each(['tiny-cnn', 'tiny-transformer'])('inferShapes on %s', (name) => {
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
    for (const [value, shape] of known) expect(inference.types.get(value)?.shape, value).toEqual(shape);
  });
});

it('on tiny-cnn, also the Reshape of x.view(x.size(0), -1) that ONNX 1.12 leaves unknown', () => {
  const model = decodeModel(new Uint8Array(fs.readFileSync(path.join(dir, 'tiny-cnn.onnx'))));
  const types = inferShapes(model).types;
  expect([types.get('/Reshape_output_0'), types.get('/fc/Gemm_output_0')]).toEqual([
    { dtype: 'float32', shape: ['batch', 256] },
    { dtype: 'float32', shape: ['batch', 10] },
  ]);
});
