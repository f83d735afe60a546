// The quantization client and service together in process (every message structured-cloned, as a real
// Worker would), on the real digits-cnn and the real calibration images.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-web';
import {
  ModelError,
  calibrationSetFor,
  convChain,
  decodeModel,
  encodeModel,
  layerKind,
  parseDigitSet,
  predictions,
  run,
  type LayerKindId,
  type ModelRunner,
  type Tensor,
} from '../engine';
import { createOrtRunner } from './ortRunner';
import { QuantCancelledError, QuantClient, type QuantWorkerLike } from './quantClient';
import type { ExploreSettings, QuantRequest } from './quantProtocol';
import { createQuantService } from './quantService';

const DIGITS = { kind: 'digits', layout: 'NCHW', size: 8, divideBy: 16, upsample: 1 } as const;
const root = path.resolve(__dirname, '../..');
const bytes = (file: string) => new Uint8Array(fs.readFileSync(path.join(root, file))).buffer;
const calibration = (): Record<string, Tensor> => {
  const set = parseDigitSet(new Uint8Array(bytes('public/data/digits-calib.bin')));
  return calibrationSetFor(DIGITS, 'input', set, { batchSize: 100 })[0];
};

function inProcess(runner?: () => Promise<ModelRunner>) {
  const workers: (QuantWorkerLike & { terminated: boolean; sent: QuantRequest[] })[] = [];
  const client = new QuantClient(() => {
    const worker = {
      terminated: false,
      sent: [] as QuantRequest[],
      onmessage: null as QuantWorkerLike['onmessage'],
      onerror: null,
      postMessage(message: QuantRequest, transfer: Transferable[]) {
        worker.sent.push(message);
        void service.handle(structuredClone(message, { transfer }));
      },
      terminate() {
        worker.terminated = true;
      },
    };
    const service = createQuantService({
      post: (m) => !worker.terminated && worker.onmessage?.({ data: structuredClone(m) } as MessageEvent),
      now: () => performance.now(),
      runner,
    });
    workers.push(worker);
    return worker;
  });
  return { client, workers };
}

const int8: ExploreSettings = { bits: 8, symmetric: true, perChannel: false, percentile: 99.99 };

describe('QuantClient with the service in process', () => {
  it('opens digits-cnn and explores a weight per tensor and per channel, at 8 and 4 bits', async () => {
    const { client } = inProcess();
    const model = await client.open(bytes('public/models/digits-cnn.onnx'), calibration());
    const weight = model.targets.find((t) => t.kind === 'weight' && t.opType === 'Conv')!;
    const at8 = await client.explore(model, weight.value, int8);
    expect(at8.dims).toEqual(weight.dims);
    expect(at8.exploration.results.map((r) => r.method)).toEqual(['minmax', 'percentile', 'entropy', 'mse']);
    const at4 = await client.explore(model, weight.value, { ...int8, bits: 4 });
    // MinMax keeps its range, so each bit fewer halves the step: about 6 dB less SQNR per bit (24 dB for 4);
    // the clipping methods move their thresholds in at 4 bits and lose less, but still lose.
    const sqnr = (e: typeof at8) => e.exploration.results.map((r) => r.sqnrDb);
    expect(sqnr(at8)[0] - sqnr(at4)[0]).toBeCloseTo(24, -1);
    for (let m = 1; m < 4; m++) expect(sqnr(at8)[m]).toBeGreaterThan(sqnr(at4)[m] + 6);
    const perChannel = await client.explore(model, weight.value, { ...int8, perChannel: true });
    expect(perChannel.exploration.results[0].choices).toHaveLength(weight.dims![0]);
    expect(perChannel.exploration.results[0].sqnrDb).toBeGreaterThan(at8.exploration.results[0].sqnrDb);
  });

  it('computes an activation on the calibration set and quantizes it asymmetrically', async () => {
    const { client } = inProcess();
    const model = await client.open(bytes('public/models/digits-cnn.onnx'), calibration());
    const relu = model.targets.find((t) => t.kind === 'activation' && t.opType === 'Relu')!;
    const { exploration, dims } = await client.explore(model, relu.value, { ...int8, symmetric: false });
    expect(dims[0]).toBe(100); // the 100 calibration images
    expect(exploration.min).toBe(0);
    const minmax = exploration.results[0];
    expect(minmax.params).toMatchObject({ zeroPoint: 0, qmin: 0, qmax: 255 });
    // per-channel asked for an activation: per tensor all the same
    const again = await client.explore(model, relu.value, { ...int8, symmetric: false, perChannel: true });
    expect(again.exploration.results[0].choices).toHaveLength(1);
  });

  it('reports a malformed model and an unknown tensor as ModelErrors', async () => {
    const { client } = inProcess();
    const bad = await client.open(new Uint8Array([8, 1, 18, 200, 1, 7]).buffer, {}).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ModelError);
    const model = await client.open(bytes('public/models/digits-cnn.onnx'), calibration());
    await expect(client.explore(model, 'nothing', int8)).rejects.toThrow(
      /no weight or activation named "nothing"/,
    );
  });

  it('cancel() terminates the worker, rejects what is pending and invalidates opened models', async () => {
    const { client, workers } = inProcess();
    const model = await client.open(bytes('public/models/digits-cnn.onnx'), calibration());
    const pending = client.explore(model, model.targets[0].value, int8);
    client.cancel();
    await expect(pending).rejects.toBeInstanceOf(QuantCancelledError);
    expect(workers[0].terminated).toBe(true);
    expect(client.isLive(model)).toBe(false);
    await expect(client.explore(model, model.targets[0].value, int8)).rejects.toBeInstanceOf(
      QuantCancelledError,
    );
    const reopened = await client.open(bytes('public/models/digits-cnn.onnx'), calibration());
    expect(workers).toHaveLength(2);
    await expect(client.explore(reopened, reopened.targets[0].value, int8)).resolves.toBeTruthy();
  });

  it('quantizes digits-cnn with onnxruntime-web calibrating, reporting progress by stage', async () => {
    const { client } = inProcess(async () => createOrtRunner(ort));
    const model = await client.open(bytes('public/models/digits-cnn.onnx'));
    expect(model.inputs.map((v) => v.name)).toEqual(['input']);
    const set = parseDigitSet(new Uint8Array(bytes('public/data/digits-calib.bin')));
    const calibrationSet = calibrationSetFor(DIGITS, 'input', set, { batchSize: 50 });
    const stages: string[] = [];
    const { model: int8, report } = await client.quantize(
      model,
      calibrationSet,
      { method: 'minmax', perChannel: true, symmetric: false },
      { onProgress: (p) => stages.push(`${p.stage} ${p.done}/${p.total}`) },
    );
    expect(stages).toEqual([
      'calibrate 0/2',
      'calibrate 1/2',
      'calibrate 2/2',
      'rewrite 1/1',
      'analyze 0/2',
      'analyze 1/2',
      'analyze 2/2',
    ]);
    expect(report.bytesAfter).toBeLessThan(report.bytesBefore / 2);
    expect(report.layers.length).toBeGreaterThan(0);
    // The QDQ model decodes and runs in the interpreter, and agrees with the float model on the calibration images.
    const qdq = decodeModel(new Uint8Array(int8));
    expect(qdq.graph.nodes.some((n) => n.opType === 'QuantizeLinear')).toBe(true);
    const feeds = calibrationSetFor(DIGITS, 'input', set, { batchSize: 100 })[0];
    const a = predictions(
      run(decodeModel(new Uint8Array(bytes('public/models/digits-cnn.onnx'))), feeds).logits,
    );
    const b = predictions(run(qdq, feeds).logits);
    const same = a.filter((p, i) => p === b[i]).length;
    expect(same).toBeGreaterThanOrEqual(97);
  });

  it('makes seeded synthetic inputs in the worker, the same as the engine makes them in place', async () => {
    const { client } = inProcess();
    const spec = {
      preprocessing: { kind: 'synthetic', layout: 'NCHW', channels: 3, size: 8 } as const,
      inputName: 'x',
      count: 3,
      batchSize: 2,
      seed: 5,
    };
    const batches = await client.synthesize(spec);
    expect(batches.map((b) => b.x.dims)).toEqual([
      [2, 3, 8, 8],
      [1, 3, 8, 8],
    ]);
    expect(batches).toEqual(calibrationSetFor(spec.preprocessing, 'x', null, spec));
  });

  it('builds a layer-kind chain and quantizes it on onnxruntime-web; an unknown kind is a clear error', async () => {
    const { client } = inProcess(async () => createOrtRunner(ort));
    const stages: string[] = [];
    const { float, int8 } = await client.chain('pointwise-14', (p) => stages.push(p.stage));
    // (Buffer.equals: a deep toEqual of 1.7 MB is slow)
    expect(Buffer.from(float).equals(encodeModel(convChain(layerKind('pointwise-14'))))).toBe(true);
    const q = decodeModel(new Uint8Array(int8));
    const ops = q.graph.nodes.map((n) => n.opType);
    expect(ops.filter((op) => op === 'Conv')).toHaveLength(8);
    // absorbed by the uint8 Q after each Conv, but for the last: the graph output stays float
    expect(ops.filter((op) => op === 'Relu')).toHaveLength(1);
    expect(q.graph.initializers.get('w0')).toBeUndefined();
    expect([...new Set(stages)]).toEqual(['calibrate', 'rewrite', 'analyze']);
    const error = await client.chain('winograd' as LayerKindId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect((error as Error).message).toMatch(/unknown layer kind "winograd"/);
  });
});
