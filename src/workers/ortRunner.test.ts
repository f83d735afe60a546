// The onnxruntime-web runner against the reference interpreter (the oracle), on the real digits-cnn and
// digits-mobilenet with intermediate values exposed: same values within 1e-4 relative.
import fs from 'node:fs';
import path from 'node:path';
import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { decodeModel, relativeError, run, sampleTensor, type Tensor } from '../engine';
import { ortRunner } from './ortRunner';

const zoo = (file: string) =>
  decodeModel(new Uint8Array(fs.readFileSync(path.resolve(__dirname, '../../public/models', file))));

describe('ortRunner', () => {
  it.each([
    ['digits-cnn.onnx', [3, 1, 8, 8]],
    ['digits-mobilenet.onnx', [2, 1, 32, 32]],
  ] as [string, number[]][])('%s: intermediate values agree with the interpreter', async (file, dims) => {
    const model = zoo(file);
    const wanted = [model.graph.nodes[0].outputs[0], model.graph.nodes[3].outputs[0], 'logits'];
    const input: Tensor = {
      dtype: 'float32',
      dims: [...dims],
      data: sampleTensor(
        dims.reduce((a, b) => a * b),
        'uniform',
        4,
        0.5,
        0.5,
      ),
    };
    const loaded = await ortRunner(ort).load(model, wanted);
    const ours = await loaded.run({ input });
    await loaded.release();
    const reference = run(model, { input }, { outputs: wanted });
    expect(Object.keys(ours).sort()).toEqual([...wanted].sort());
    for (const name of wanted) {
      expect(ours[name].dims).toEqual(reference[name].dims);
      expect(relativeError(ours[name], reference[name])).toBeLessThan(1e-4);
    }
  });
});
