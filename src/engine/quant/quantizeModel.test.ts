import { describe, expect, it } from 'vitest';
import { ModelError } from '../errors';
import { CancelledError, run } from '../interpreter/run';
import type { Tensor } from '../ir/tensor';
import { randomTensor } from '../ir/randomTensor';
import { encodeModel } from '../onnx/encode';
import { parseModelText } from '../onnx/text/parse';
import { seededRandom } from '../stats/rng';
import { cosineSimilarity, sqnrDb } from './metrics';
import type { CalibrationSet, ModelRunner, QuantizeStage } from './model.types';
import { quantizeModel } from './quantizeModel';
import { exposeValues, interpreterRunner } from './runner';
import { computeParams, UINT8_ASYMMETRIC } from './scheme';

const weights = (n: number, seed: number) => {
  const r = seededRandom(seed);
  return Array.from({ length: n }, () => (2 * r() - 1).toFixed(3)).join(', ');
};

const model = parseModelText(`
  <ir_version: 8, opset_import: ["" : 17]>
  small (float[N, 2, 4, 4] x) => (float[N, 3] y)
  <float[4, 2, 3, 3] w1 = {${weights(72, 1)}}, float[4] b1 = {0.1, -0.2, 0.05, 0},
   float[3, 16] w2 = {${weights(48, 2)}}, float[3] b2 = {0.5, 0, -0.5}>
  {
    c = Conv <pads = [1, 1, 1, 1]> (x, w1, b1)
    r = Relu (c)
    p = MaxPool <kernel_shape = [2, 2], strides = [2, 2]> (r)
    f = Flatten (p)
    y = Gemm <transB = 1> (f, w2, b2)
  }`);

const batch = (seed: number, n = 3): Record<string, Tensor> => ({
  x: randomTensor('float32', [n, 2, 4, 4], seededRandom(seed), [-1, 1]),
});
const calibration: CalibrationSet = [batch(1), batch(2), batch(3)];

describe('quantizeModel (reference interpreter as runner)', () => {
  it('reports the plan, the ranges, the sizes and one error per quantized node', async () => {
    const { model: q, report } = await quantizeModel(model, calibration, { method: 'minmax' });
    expect(report.quantizedNodes).toBe(4);
    expect(report.layers.map((l) => [l.name, l.opType, l.output, l.quantizedOutput])).toEqual([
      ['Conv_0', 'Conv', 'r', 'r_dequantized'],
      ['MaxPool_2', 'MaxPool', 'p', 'p_dequantized'],
      ['Flatten_3', 'Flatten', 'f', 'f_dequantized'],
      ['Gemm_4', 'Gemm', 'y', 'y'],
    ]);
    expect(report.bytesBefore).toBe(encodeModel(model).length);
    expect(report.bytesAfter).toBe(encodeModel(q).length);
    expect(report).toMatchObject({
      method: 'minmax',
      calibrationBatches: 3,
      analysisBatches: 3,
      floatNodes: [],
    });
    for (const l of report.layers) {
      expect(l.sqnrDb).toBeGreaterThan(25);
      expect(l.cosine).toBeGreaterThan(0.99);
    }
    expect(report.stageMs.calibrate + report.stageMs.rewrite + report.stageMs.analyze).toBeLessThanOrEqual(
      report.ms,
    );
  });

  it('MinMax: each calibrated range is the observed one; pass-through tensors share it', async () => {
    const { report } = await quantizeModel(model, calibration, { method: 'minmax' });
    let [lo, hi] = [Infinity, -Infinity];
    for (const b of calibration)
      for (const v of run(model, b, { outputs: ['r'] }).r.data as Float32Array)
        [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
    const r = report.activations.find((a) => a.tensor === 'r')!;
    expect([r.min, r.max]).toEqual([lo, hi]);
    const expected = computeParams(lo, hi, UINT8_ASYMMETRIC);
    expect([r.scale, r.zeroPoint]).toEqual([expected.scale, expected.zeroPoint]);
    expect(r.rangeMin).toBe(0);
    expect(r.rangeMax).toBeCloseTo(hi, 5);
    expect(report.activations.filter((a) => a.sharedWith === 'r').map((a) => a.tensor)).toEqual(['p', 'f']);
  });

  it('measures SQNR and cosine over all analysis batches at once (as over the batches concatenated)', async () => {
    const analysis = [batch(7, 2), batch(8, 5)];
    const { model: q, report } = await quantizeModel(model, calibration, { method: 'percentile', analysis });
    const concat = (m: typeof model, name: string) =>
      Float32Array.from(
        analysis.flatMap((b) => Array.from(run(m, b, { outputs: [name] })[name].data as Float32Array)),
      );
    for (const l of report.layers) {
      const x = concat(model, l.output);
      const y = concat(q, l.quantizedOutput);
      expect(l.sqnrDb).toBeCloseTo(sqnrDb(x, y), 9);
      expect(l.cosine).toBeCloseTo(cosineSimilarity(x, y), 12);
    }
    expect(report.analysisBatches).toBe(2);
  });

  it('reports progress per stage up to its total', async () => {
    const seen: { stage: QuantizeStage; done: number; total: number }[] = [];
    await quantizeModel(model, calibration, { method: 'mse', onProgress: (p) => seen.push(p) });
    expect(seen).toEqual([
      { stage: 'calibrate', done: 0, total: 3 },
      { stage: 'calibrate', done: 1, total: 3 },
      { stage: 'calibrate', done: 2, total: 3 },
      { stage: 'calibrate', done: 3, total: 3 },
      { stage: 'rewrite', done: 1, total: 1 },
      { stage: 'analyze', done: 0, total: 3 },
      { stage: 'analyze', done: 1, total: 3 },
      { stage: 'analyze', done: 2, total: 3 },
      { stage: 'analyze', done: 3, total: 3 },
    ]);
  });

  it('stops with CancelledError when the signal is set, and releases what it loaded', async () => {
    const signal = { aborted: false };
    let open = 0;
    const inner = interpreterRunner(signal);
    const counting: ModelRunner = {
      async load(m, outputs) {
        const loaded = await inner.load(m, outputs);
        open++;
        return { run: loaded.run, release: async () => void open-- };
      },
    };
    const onProgress = (p: { stage: QuantizeStage; done: number }) => {
      if (p.stage === 'calibrate' && p.done === 2) signal.aborted = true;
    };
    await expect(
      quantizeModel(model, calibration, { method: 'minmax', signal, onProgress }, counting),
    ).rejects.toThrow(CancelledError);
    expect(open).toBe(0);
  });

  it('loads the float model once, and reuses its values for analysis batches that are calibration batches', async () => {
    const counts = { loads: 0, floatRuns: 0 };
    const inner = interpreterRunner();
    const counting: ModelRunner = {
      async load(m, outputs) {
        counts.loads++;
        const loaded = await inner.load(m, outputs);
        const isFloat = m === model;
        return {
          run: (feeds) => (isFloat && counts.floatRuns++, loaded.run(feeds)),
          release: loaded.release,
        };
      },
    };
    const shared = await quantizeModel(
      model,
      calibration,
      { method: 'minmax', analysis: calibration.slice(0, 2) },
      counting,
    );
    expect(counts).toEqual({ loads: 2, floatRuns: 3 });
    // the same data in other objects: run again on the float model, with the same result
    Object.assign(counts, { loads: 0, floatRuns: 0 });
    const copies = calibration.slice(0, 2).map((b) => ({ ...b }));
    const separate = await quantizeModel(
      model,
      calibration,
      { method: 'minmax', analysis: copies },
      counting,
    );
    expect(counts).toEqual({ loads: 2, floatRuns: 5 });
    expect(separate.report.layers).toEqual(shared.report.layers);
    expect(encodeModel(separate.model)).toEqual(encodeModel(shared.model));
  });

  it('works the same with a runner that only returns graph outputs (how onnxruntime is used)', async () => {
    // A runner that, like onnxruntime, runs a model whose wanted values were made graph outputs
    const outputsOnly: ModelRunner = {
      async load(m, outputs) {
        const exposed = exposeValues(m, outputs);
        return { run: async (feeds) => run(exposed, feeds), release: async () => {} };
      },
    };
    const a = await quantizeModel(model, calibration, { method: 'entropy' });
    const b = await quantizeModel(model, calibration, { method: 'entropy' }, outputsOnly);
    expect(encodeModel(b.model)).toEqual(encodeModel(a.model));
    expect(b.report.layers).toEqual(a.report.layers);
  });

  it('leaves layers in float on request, and never changes the float model', async () => {
    const before = encodeModel(model);
    const { model: q, report } = await quantizeModel(model, calibration, {
      method: 'minmax',
      keepFloat: { first: true, last: true },
    });
    expect(encodeModel(model)).toEqual(before);
    expect(report.floatNodes.map((n) => n.reason)).toContain('kept in float (first layer)');
    expect(report.layers.map((l) => l.opType)).toEqual(['MaxPool', 'Flatten']);
    expect(q.graph.initializers.get('w1')?.dtype).toBe('float32');
    expect(q.graph.initializers.has('w2')).toBe(true);
  });

  it('rejects bad requests with clear ModelErrors', async () => {
    await expect(quantizeModel(model, [], { method: 'minmax' })).rejects.toThrow(/calibration set is empty/);
    await expect(quantizeModel(model, calibration, { method: 'kl' as 'entropy' })).rejects.toThrow(
      ModelError,
    );
    await expect(quantizeModel(model, calibration, { method: 'minmax', analysis: [] })).rejects.toThrow(
      /analysis set is empty/,
    );
    await expect(quantizeModel(model, calibration, { method: 'percentile', percentile: 20 })).rejects.toThrow(
      /percentile must be from 50 to 100/,
    );
    const softmaxOnly = parseModelText(`
      <ir_version: 8, opset_import: ["" : 17]>
      g (float[1, 3] x) => (float[1, 3] y) { y = Softmax (x) }`);
    await expect(
      quantizeModel(softmaxOnly, [{ x: randomTensor('float32', [1, 3], seededRandom(1)) }], {
        method: 'minmax',
      }),
    ).rejects.toThrow(/nothing to quantize/);
    await expect(quantizeModel(model, [{ y: batch(1).x }], { method: 'minmax' })).rejects.toThrow(ModelError);
  });
});
