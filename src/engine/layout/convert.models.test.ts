// NHWC conversion of every zoo model, checked differentially: the interpreter runs the original and the
// converted model on the same seeded input (batch 2; mobilenetv2-224 at batch 1 to keep the suite short)
// and the outputs must agree within max |converted − original| / max |original| ≤ 1e-4.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { relativeError } from '../conformance/compare';
import type { Model } from '../ir/graph';
import { randomTensor } from '../ir/randomTensor';
import { run } from '../interpreter/run';
import { decodeModel } from '../onnx/decode';
import { seededRandom } from '../stats/rng';
import { convertToNhwc } from './convert';
import { ortWebBlockers } from './ortSupport';
import { transposeReport } from './transposes';

const zoo = path.resolve(__dirname, '../../../public/models');
const load = (file: string): Model => decodeModel(new Uint8Array(fs.readFileSync(path.join(zoo, file))));
const files = fs.readdirSync(zoo).filter((f) => f.endsWith('.onnx'));

describe('NHWC conversion of the zoo: same outputs as the original', () => {
  it.each(files)('%s', (file) => {
    const model = load(file);
    const { model: converted } = convertToNhwc(model);
    const input = model.graph.inputs[0];
    const batch = file.startsWith('mobilenetv2') ? 1 : 2;
    const dims = input.type!.shape!.map((d) => (typeof d === 'number' ? d : batch));
    const x = randomTensor('float32', dims, seededRandom(file.length));
    const expected = run(model, { [input.name]: x });
    const actual = run(converted, { [input.name]: x });
    for (const [name, e] of Object.entries(expected)) {
      expect(actual[name].dims).toEqual(e.dims);
      expect(relativeError(actual[name], e)).toBeLessThanOrEqual(1e-4);
    }
    // every convolution now runs channels last, so none of these models runs in onnxruntime-web any more
    const convs = model.graph.nodes.filter((n) => n.opType === 'Conv').length;
    expect(ortWebBlockers(converted).map((b) => b.opType)).toEqual(new Array(convs).fill('NhwcConv'));
  });
});

describe('transposes left after conversion', () => {
  const remaining = (file: string) =>
    transposeReport(convertToNhwc(load(file)).model).transposes.map((t) => t.perm!.join(''));

  it('mobilenetv2-224: only the input, 3 channels (a [N, 1, 1, C] tail is a Reshape)', () => {
    expect(remaining('mobilenetv2-224.onnx')).toEqual(['0231']);
    expect(remaining('mobilenetv2-224-raw.onnx')).toEqual(['0231']);
  });

  it('digits-mobilenet: none (1 input channel, global pooling at the end)', () => {
    expect(remaining('digits-mobilenet.onnx')).toEqual([]);
  });

  it('digits-cnn: one before Flatten, which needs the NCHW order of the features', () => {
    expect(remaining('digits-cnn.onnx')).toEqual(['0312']);
  });
});
