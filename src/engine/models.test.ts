// Real PyTorch exports (scripts/fixtures/export_models.py → test-data/models/) run by the interpreter and by
// onnxruntime on the same seeded random inputs, at batch and sequence sizes other than the exported ones
// (the models have symbolic dims). Outputs must agree within 1e-4 relative: max |ours − ort| / max |ort|.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runOrt } from '../../scripts/testing/ort';
import { relativeError } from './conformance/compare';
import { run } from './interpreter/run';
import type { Tensor } from './ir/tensor';
import { decodeModel } from './onnx/decode';
import { randomTensor } from './ir/randomTensor';
import { seededRandom } from './stats/rng';

const models = path.resolve(__dirname, '../../test-data/models');

const cases: { file: string; feeds: (rng: () => number) => Record<string, Tensor> }[] = [
  { file: 'small-cnn.onnx', feeds: (rng) => ({ image: randomTensor('float32', [2, 3, 64, 64], rng) }) },
  {
    file: 'small-cnn.onnx',
    feeds: (rng) => ({ image: randomTensor('float32', [5, 3, 64, 64], rng, [-3, 3]) }),
  },
  {
    file: 'small-transformer.onnx',
    feeds: (rng) => ({ tokens: randomTensor('int64', [3, 9], rng, [0, 49]) }),
  },
  {
    file: 'small-transformer.onnx',
    feeds: (rng) => ({ tokens: randomTensor('int64', [1, 30], rng, [0, 49]) }),
  },
];

describe('PyTorch-exported models: interpreter vs onnxruntime', () => {
  it.each(cases.map((c, i) => [c.file, i, c] as const))('%s (case %i)', async (file, i, c) => {
    const bytes = new Uint8Array(fs.readFileSync(path.join(models, file)));
    const feeds = c.feeds(seededRandom(100 + i));
    const ours = run(decodeModel(bytes), feeds);
    const theirs = await runOrt(bytes, feeds, 'all');
    for (const [name, expected] of Object.entries(theirs)) {
      expect(ours[name].dims).toEqual(expected.dims);
      const error = relativeError(ours[name], expected);
      console.info(
        `${file} ${JSON.stringify(Object.values(feeds)[0].dims)} ${name}: max relative error ${error.toExponential(2)}`,
      );
      expect(error).toBeLessThan(1e-4);
    }
  });
});
