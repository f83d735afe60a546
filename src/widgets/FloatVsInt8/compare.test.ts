// compareModels with the real onnxruntime service in process, on digits-cnn and the real test split. The
// float model against itself must agree everywhere and reproduce the accuracy the manifest states (358 of
// 360, measured with torch by the training script); a model with one class's logit zeroed must disagree.
import fs from 'node:fs';
import path from 'node:path';
import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { decodeModel, digitsToModelInput, encodeModel, parseDigitSet, tensor } from '../../engine';
import { OrtClient } from '../../workers/ortClient';
import { inProcessWorker } from '../../workers/testing/tinyModel';
import { batchOf, compareModels, type CompareProgress } from './compare';

const root = path.resolve(__dirname, '../../..');
const read = (file: string) => new Uint8Array(fs.readFileSync(path.join(root, file)));
const test = parseDigitSet(read('public/data/digits-test.bin'));
const set = {
  feeds: {
    input: digitsToModelInput(test.images, {
      kind: 'digits',
      layout: 'NCHW',
      size: 8,
      divideBy: 16,
      upsample: 1,
    }),
  },
  labels: test.labels.data,
};

describe('compareModels', () => {
  it('scores both variants on the test split and times them at each batch size', async () => {
    const client = new OrtClient(() => inProcessWorker(ort));
    const bytes = read('public/models/digits-cnn.onnx').buffer;
    const seen: CompareProgress[] = [];
    const result = await compareModels(
      client,
      { float: bytes, int8: bytes },
      set,
      { batches: [1, 32], runs: 3, warmup: 1 },
      (p) => seen.push(p),
    );
    expect(result.float.score).toMatchObject({ correct: 358, total: 360 });
    expect(result.int8.score!.correct).toBe(358);
    expect(result.disagree).toEqual([]);
    expect(result.classes).toBe(10);
    for (const v of [result.float, result.int8]) {
      expect(v.latency.map((l) => [l.batch, l.runs])).toEqual([
        [1, 3],
        [32, 3],
      ]);
      for (const l of v.latency) expect(l.median).toBeGreaterThan(0);
    }
    expect(seen.filter((p) => p.stage === 'latency').at(-1)).toMatchObject({
      variant: 'int8',
      batch: 32,
      done: 4,
      total: 4,
    });
    expect(client.pendingCount).toBe(0);
  });

  it('finds the images where the two variants disagree', async () => {
    // The same network with the bias of class 3 pushed far down: it never predicts 3.
    const model = decodeModel(read('public/models/digits-cnn.onnx'));
    const last = model.graph.nodes.at(-1)!;
    const bias = model.graph.initializers.get(last.inputs[2])!;
    const data = Float32Array.from(bias.data as Float32Array);
    data[3] -= 1000;
    model.graph.initializers.set(last.inputs[2], tensor('float32', bias.dims, data));
    const broken = encodeModel(model);
    const client = new OrtClient(() => inProcessWorker(ort));
    const result = await compareModels(
      client,
      { float: read('public/models/digits-cnn.onnx').buffer, int8: new Uint8Array(broken).buffer },
      set,
      { batches: [1], runs: 1, warmup: 0 },
      () => undefined,
    );
    const threes = [...test.labels.data].filter((l) => l === 3).length;
    expect(result.int8.score!.confusion[3][3]).toBe(0);
    expect(result.disagree.length).toBeGreaterThanOrEqual(threes - 2);
    expect(result.disagree.every((i) => result.float.predictions[i] === 3)).toBe(true);
  });

  it('repeats rows to fill a batch larger than the set', () => {
    const t = tensor('float32', [2, 3], [1, 2, 3, 4, 5, 6]);
    expect([...(batchOf(t, 5).data as Float32Array)]).toEqual([1, 2, 3, 4, 5, 6, 1, 2, 3, 4, 5, 6, 1, 2, 3]);
  });
});
