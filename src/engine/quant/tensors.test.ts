import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeModel } from '../onnx/decode';
import { parseModelText } from '../onnx/text/parse';
import { quantTargets } from './tensors';

const zoo = (file: string) =>
  decodeModel(new Uint8Array(fs.readFileSync(path.resolve(__dirname, '../../../public/models', file))));

describe('quantTargets', () => {
  it('lists the weights of digits-cnn with their output-channel axes, then its activations', () => {
    const targets = quantTargets(zoo('digits-cnn.onnx'));
    const weights = targets.filter((t) => t.kind === 'weight');
    expect(weights.map((w) => [w.opType, w.dims, w.axis])).toEqual([
      ['Conv', [16, 1, 3, 3], 0],
      ['Conv', [32, 16, 3, 3], 0],
      ['Conv', [64, 32, 3, 3], 0],
      ['Gemm', [64, 256], 0],
      ['Gemm', [10, 64], 0],
    ]);
    const activations = targets.filter((t) => t.kind === 'activation');
    expect(activations).toHaveLength(12);
    expect(activations.at(-1)).toMatchObject({ value: 'logits', opType: 'Gemm', axis: null });
  });

  it('takes the axis of Gemm B from transB and of MatMul from the rank, and skips constants', () => {
    const model = parseModelText(`
      <ir_version: 8, opset_import: ["" : 17]>
      g (float[2, 3] x) => (float[2, 5] y) <float[3, 4] b = {1,2,3,4,5,6,7,8,9,10,11,12}, float[4, 5] w = {1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20}> {
        k = Constant <value = float[1] {2}> ()
        h = Gemm (x, b)
        y = MatMul (h, w)
      }`);
    const targets = quantTargets(model);
    expect(targets.filter((t) => t.kind === 'weight').map((t) => [t.value, t.axis])).toEqual([
      ['b', 1],
      ['w', 1],
    ]);
    expect(targets.filter((t) => t.kind === 'activation').map((t) => t.value)).toEqual(['h', 'y']);
  });
});
