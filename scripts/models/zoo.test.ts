// Checks the committed model zoo (public/models, public/data) against its manifest: every file's hash and
// size, the facts the manifest states about each graph, the data split, and — by running every model in
// onnxruntime-web under Node — each accuracy and the agreement of the raw-exporter twins with their clean twins.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as ort from 'onnxruntime-web';
import * as ortNode from 'onnxruntime-node';
import { onnx } from 'onnx-proto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  decodeModel,
  seededRandom,
  digitsToModelInput,
  parseDigitSet,
  parseManifest,
  type DigitSet,
  type ZooModel,
} from '../../src/engine';
import { readCourse } from '../vite/course';

const root = path.resolve(import.meta.dirname, '../..');
const modelsDir = path.join(root, 'public/models');
const manifest = parseManifest(JSON.parse(fs.readFileSync(path.join(modelsDir, 'manifest.json'), 'utf8')));
const dataset = manifest.datasets['uci-digits'];
const readData = (rel: string) => new Uint8Array(fs.readFileSync(path.join(modelsDir, rel)));
const modelBytes = (m: ZooModel) => new Uint8Array(fs.readFileSync(path.join(modelsDir, m.file)));
const byId = (id: string) => manifest.models.find((m) => m.id === id)!;

/** The accuracy recomputed here must match the script's (torch) figure within this many percentage points. */
const ACCURACY_TOLERANCE_PP = 0.3;
/** Raw and clean twins must agree within this, relative to the largest output magnitude. */
const TWIN_RTOL = 1e-4;
/** Node kinds a raw-exporter file must carry, and that its clean twin must not. */
const RAW_KINDS = [
  'BatchNormalization',
  'Dropout',
  'Identity',
  'Constant',
  'Shape',
  'Gather',
  'Unsqueeze',
  'Concat',
  'Reshape',
];
const NOT_IN_CLEAN = ['BatchNormalization', 'Dropout', 'Identity'];

ort.env.wasm.numThreads = 1;

/** Raw twins run with onnxruntime's graph optimizations off, so their BatchNormalization nodes really run
 *  (onnxruntime would otherwise fuse them into the convolutions itself). */
function session(m: ZooModel) {
  return ort.InferenceSession.create(modelBytes(m), {
    graphOptimizationLevel: m.twinOf ? 'disabled' : 'all',
  });
}

/** Values of a float initializer (torch writes raw_data, little-endian). */
function floatsOf(t: onnx.ITensorProto) {
  if (t.floatData && t.floatData.length) return Float32Array.from(t.floatData);
  const raw = t.rawData!;
  const copy = raw.slice();
  return new Float32Array(copy.buffer, 0, copy.length / 4);
}

async function run(s: ort.InferenceSession, input: Float32Array, dims: number[]) {
  const out = await s.run({ [s.inputNames[0]]: new ort.Tensor('float32', input, dims) });
  return out[s.outputNames[0]].data as Float32Array;
}

function argmax(row: Float32Array) {
  let best = 0;
  for (let k = 1; k < row.length; k++) if (row[k] > row[best]) best = k;
  return best;
}

/** max |a − b| / max |b|: the error relative to the output's scale. */
function relativeError(a: Float32Array, b: Float32Array) {
  expect(a.length).toBe(b.length);
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return diff / scale;
}

/** Seeded standard-normal values (Box–Muller over the engine's seeded generator). */
function normals(n: number, seed: number) {
  const uniform = seededRandom(seed);
  return Float32Array.from(
    { length: n },
    () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform()),
  );
}

describe('manifest', () => {
  it('lists every ONNX file in public/models, and each file has the stated size and sha256', () => {
    const files = fs
      .readdirSync(modelsDir)
      .filter((f) => f.endsWith('.onnx'))
      .sort();
    expect(manifest.models.map((m) => m.file).sort()).toEqual(files);
    for (const m of manifest.models) {
      const bytes = modelBytes(m);
      expect(bytes.length, m.id).toBe(m.bytes);
      expect(crypto.createHash('sha256').update(bytes).digest('hex'), m.id).toBe(m.sha256);
    }
  });

  it('keeps public/models under 40 MB', () => {
    const total = manifest.models.reduce((s, m) => s + m.bytes, 0);
    expect(total).toBeLessThan(40 * 1024 * 1024);
  });

  it('states each graph as it is: opset, inputs/outputs with a symbolic batch, node and op counts, params', () => {
    for (const m of manifest.models) {
      const model = onnx.ModelProto.decode(modelBytes(m));
      const graph = model.graph!;
      expect(Number(model.opsetImport.find((o) => !o.domain)?.version), m.id).toBe(m.opset);
      expect(m.opset).toBeGreaterThanOrEqual(13);
      expect(m.opset).toBeLessThanOrEqual(17);
      const io = (values: onnx.IValueInfoProto[]) =>
        values.map((v) => ({
          name: v.name,
          dtype: v.type!.tensorType!.elemType === onnx.TensorProto.DataType.FLOAT ? 'float32' : 'other',
          shape: v.type!.tensorType!.shape!.dim!.map((d) => (d.dimParam ? d.dimParam : Number(d.dimValue))),
        }));
      expect(io(graph.input!), m.id).toEqual(m.inputs);
      expect(io(graph.output!), m.id).toEqual(m.outputs);
      for (const v of [...m.inputs, ...m.outputs]) expect(v.shape[0], `${m.id} ${v.name}`).toBe('batch');
      const counts: Record<string, number> = {};
      for (const n of graph.node!) counts[n.opType!] = (counts[n.opType!] ?? 0) + 1;
      expect(counts, m.id).toEqual(m.opCounts);
      expect(graph.node!.length, m.id).toBe(m.nodes);
      const params = graph
        .initializer!.filter((t) => t.dataType === onnx.TensorProto.DataType.FLOAT)
        .reduce((s, t) => s + t.dims!.reduce<number>((p, d) => p * Number(d), 1), 0);
      expect(params, m.id).toBe(m.params);
    }
  });

  it('loads every model in the engine with the inputs, outputs and node count the manifest states', () => {
    for (const m of manifest.models) {
      const { graph } = decodeModel(modelBytes(m));
      expect(graph.nodes.length, m.id).toBe(m.nodes);
      expect(
        graph.inputs.map((v) => ({ name: v.name, dtype: v.type?.dtype, shape: v.type?.shape })),
        m.id,
      ).toEqual(m.inputs);
      expect(
        graph.outputs.map((v) => v.name),
        m.id,
      ).toEqual(m.outputs.map((o) => o.name));
    }
  });

  it('gives raw-exporter twins the clutter, and their clean twins none of it', () => {
    const twins = manifest.models.filter((m) => m.twinOf);
    expect(twins.map((m) => m.id).sort()).toEqual(['digits-cnn-raw', 'mobilenetv2-224-raw']);
    for (const raw of twins) {
      const clean = byId(raw.twinOf!);
      for (const kind of RAW_KINDS) expect(raw.opCounts[kind], `${raw.id} ${kind}`).toBeGreaterThan(0);
      for (const kind of NOT_IN_CLEAN) expect(clean.opCounts[kind], `${clean.id} ${kind}`).toBeUndefined();
      expect(raw.macs).toBe(clean.macs);
    }
  });

  it('gives the BatchNormalization nodes of raw twins non-trivial statistics, so folding them changes the weights', () => {
    for (const id of ['digits-cnn-raw', 'mobilenetv2-224-raw']) {
      const graph = onnx.ModelProto.decode(modelBytes(byId(id))).graph!;
      const init = new Map(graph.initializer!.map((t) => [t.name!, t]));
      const norms = graph.node!.filter((n) => n.opType === 'BatchNormalization');
      expect(norms.length).toBeGreaterThan(0);
      for (const n of norms) {
        const mean = floatsOf(init.get(n.input![3])!);
        const variance = floatsOf(init.get(n.input![4])!);
        // A BN after a bias-free conv of zero-mean input has mean ≈ 0 (e.g. MobileNetV2's expansions); its
        // variance still differs from 1, so folding rescales the weights.
        const trivial =
          mean.every((v) => Math.abs(v) < 1e-3) && variance.every((v) => Math.abs(v - 1) < 1e-3);
        expect(trivial, `${id} ${n.name}: running mean ≈ 0 and variance ≈ 1`).toBe(false);
      }
    }
  });

  it('names only lessons of the syllabus, and has the models the course asks for', () => {
    const keys = new Set(
      readCourse(path.join(root, 'content')).flatMap((c) =>
        c.lessons.map((l) => `${String(c.order).padStart(2, '0')}-${c.slug}/${l.slug}`),
      ),
    );
    for (const m of manifest.models) {
      expect(m.lessons.length, m.id).toBeGreaterThan(0);
      for (const lesson of m.lessons) expect(keys.has(lesson), `${m.id}: ${lesson}`).toBe(true);
    }
    const ids = manifest.models.map((m) => m.id);
    for (const id of [
      'digits-cnn',
      'digits-mobilenet',
      'digits-vit',
      'digits-teacher',
      'digits-student',
      'digits-student-kd',
      'mobilenetv2-224',
    ])
      expect(ids).toContain(id);
    expect(byId('digits-student-kd').distilledFrom).toBe('digits-teacher');
    expect(byId('digits-student-kd').opCounts).toEqual(byId('digits-student').opCounts);
    expect(byId('digits-student-kd').params).toBe(byId('digits-student').params);
  });
});

describe('data', () => {
  const split = JSON.parse(fs.readFileSync(path.join(modelsDir, dataset.split), 'utf8')) as Record<
    string,
    number[]
  > & { count: number };

  it('splits the 1797 digits into disjoint train/val/test sets, with calibration drawn from train only', () => {
    const { train, val, test, calibration } = split;
    expect(train.length + val.length + test.length).toBe(split.count);
    expect(new Set([...train, ...val, ...test]).size).toBe(split.count);
    const trainSet = new Set(train);
    expect(calibration.every((i) => trainSet.has(i))).toBe(true);
  });

  it('ships the test and calibration sets as listed in the split', () => {
    const testSet = parseDigitSet(readData(dataset.test));
    const calib = parseDigitSet(readData(dataset.calibration));
    expect(Array.from(testSet.sourceRows)).toEqual(split.test);
    expect(Array.from(calib.sourceRows)).toEqual(split.calibration);
    const perClass = (s: DigitSet) =>
      Array.from({ length: 10 }, (_, c) => s.labels.data.filter((l) => l === c).length);
    expect(perClass(calib)).toEqual(new Array(10).fill(10));
    for (const n of perClass(testSet))
      expect(Math.abs(n - testSet.labels.data.length / 10)).toBeLessThanOrEqual(1);
  });
});

describe('models in onnxruntime-web', () => {
  let testSet: DigitSet;
  beforeAll(() => {
    testSet = parseDigitSet(readData(dataset.test));
  });

  const digitModels = manifest.models.filter((m) => m.accuracy !== null);

  it.each(digitModels.map((m) => [m.id, m] as const))(
    '%s: test accuracy matches the manifest; batch 1 equals batch N',
    async (_, m) => {
      if (m.preprocessing.kind !== 'digits')
        throw new Error(`${m.id} has an accuracy but no digits preprocessing`);
      const s = await session(m);
      const x = digitsToModelInput(testSet.images, m.preprocessing);
      const logits = await run(s, x.data, x.dims);
      const n = testSet.labels.data.length;
      let correct = 0;
      for (let i = 0; i < n; i++)
        if (argmax(logits.subarray(i * 10, i * 10 + 10)) === testSet.labels.data[i]) correct++;
      expect(n).toBe(m.accuracy!.total);
      expect(Math.abs((100 * correct) / n - m.accuracy!.percent)).toBeLessThanOrEqual(ACCURACY_TOLERANCE_PP);
      const per = x.data.length / n;
      const one = await run(s, x.data.subarray(per, 2 * per), [1, ...x.dims.slice(1)]);
      expect(relativeError(one, logits.subarray(10, 20))).toBeLessThan(1e-5);
    },
  );

  it('states the accuracy targets honestly: CNN ≥ 97%, MobileNet ≥ 96%, ViT ≥ 93%', () => {
    expect(byId('digits-cnn').accuracy!.percent).toBeGreaterThanOrEqual(97);
    expect(byId('digits-mobilenet').accuracy!.percent).toBeGreaterThanOrEqual(96);
    expect(byId('digits-vit').accuracy!.percent).toBeGreaterThanOrEqual(93);
  });

  it('digits-cnn-raw gives the outputs of digits-cnn on the whole test split', async () => {
    const clean = byId('digits-cnn');
    if (clean.preprocessing.kind !== 'digits') throw new Error('digits-cnn takes digits');
    const x = digitsToModelInput(testSet.images, clean.preprocessing);
    const a = await run(await session(byId('digits-cnn-raw')), x.data, x.dims);
    const b = await run(await session(clean), x.data, x.dims);
    expect(relativeError(a, b)).toBeLessThan(TWIN_RTOL);
  });

  it('mobilenetv2-224-raw gives the outputs of mobilenetv2-224 on seeded inputs, as onnxruntime-node does', async () => {
    const dims = [2, 3, 224, 224];
    const x = normals(2 * 3 * 224 * 224, 2024);
    const clean = byId('mobilenetv2-224');
    const a = await run(await session(byId('mobilenetv2-224-raw')), x, dims);
    const b = await run(await session(clean), x, dims);
    expect(b.length).toBe(2 * 1000);
    expect(b.every(Number.isFinite)).toBe(true);
    expect(Math.max(...b) - Math.min(...b)).toBeGreaterThan(0);
    expect(relativeError(a, b)).toBeLessThan(TWIN_RTOL);
    const native = await ortNode.InferenceSession.create(modelBytes(clean));
    const out = await native.run({ input: new ortNode.Tensor('float32', x, dims) });
    expect(relativeError(b, out.logits.data as Float32Array)).toBeLessThan(TWIN_RTOL);
  });
});
