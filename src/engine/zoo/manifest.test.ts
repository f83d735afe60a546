import { describe, expect, it } from 'vitest';
import { ModelError } from '../errors';
import { findModel, modelsForLesson, parseManifest } from './manifest';

function model(id: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    file: `${id}.onnx`,
    sha256: 'ab'.repeat(32),
    bytes: 1234,
    opset: 17,
    inputs: [{ name: 'input', dtype: 'float32', shape: ['batch', 1, 8, 8] }],
    outputs: [{ name: 'logits', dtype: 'float32', shape: ['batch', 10] }],
    params: 100,
    macs: 2000,
    nodes: 5,
    opCounts: { Conv: 1, Relu: 2, Flatten: 1, Gemm: 1 },
    dataset: 'uci-digits',
    preprocessing: { kind: 'digits', layout: 'NCHW', size: 8, divideBy: 16, upsample: 1 },
    weights: 'trained',
    accuracy: { split: 'test', correct: 354, total: 360, percent: 98.33 },
    training: {
      epochs: 40,
      bestEpoch: 12,
      valCorrect: 178,
      valTotal: 180,
      optimizer: 'AdamW',
      augmentation: 'none',
      seed: 1,
    },
    lessons: ['03-compression/pruning', '05-kernels/im2col'],
    description: { zh: '小型卷积网络', en: 'A small CNN' },
    ...extra,
  };
}

function manifest(
  models: unknown[] = [
    model('a'),
    model('b', { twinOf: 'a', lessons: ['04-conversion-optimization/constant-folding'] }),
  ],
) {
  return {
    version: 1,
    generator: 'test',
    tools: { torch: '1.13' },
    datasets: {
      'uci-digits': {
        source: 'UCI',
        classes: 10,
        test: '../data/t.bin',
        calibration: '../data/c.bin',
        split: '../data/s.json',
      },
    },
    models,
  };
}

function errorOf(json: unknown): ModelError {
  try {
    parseManifest(json);
  } catch (e) {
    if (e instanceof ModelError) return e;
    throw e;
  }
  throw new Error('parseManifest accepted a bad manifest');
}

describe('parseManifest', () => {
  it('reads a well-formed manifest into typed entries', () => {
    const m = parseManifest(manifest());
    expect(m.models.map((x) => x.id)).toEqual(['a', 'b']);
    expect(m.models[0].inputs[0].shape).toEqual(['batch', 1, 8, 8]);
    expect(m.models[0].preprocessing).toEqual({
      kind: 'digits',
      layout: 'NCHW',
      size: 8,
      divideBy: 16,
      upsample: 1,
    });
    expect(m.models[0].accuracy?.percent).toBe(98.33);
    expect(m.models[1].twinOf).toBe('a');
    expect(m.models[0].twinOf).toBeUndefined();
    expect(m.datasets['uci-digits'].classes).toBe(10);
  });

  it('accepts a model without data (synthetic input, no accuracy)', () => {
    const synthetic = model('big', {
      dataset: null,
      accuracy: null,
      training: undefined,
      preprocessing: { kind: 'synthetic', layout: 'NCHW', channels: 3, size: 224 },
    });
    const m = parseManifest(manifest([synthetic]));
    expect(m.models[0].accuracy).toBeNull();
    expect(m.models[0].training).toBeUndefined();
    expect(m.models[0].preprocessing).toEqual({ kind: 'synthetic', layout: 'NCHW', channels: 3, size: 224 });
  });

  it('reads distillation details', () => {
    const distillation = {
      teacher: 'a',
      temperature: 4,
      alpha: 0.9,
      loss: 'KD',
      selection: 'val',
      grid: [{ temperature: 4, alpha: 0.9, valCorrect: 170 }],
    };
    const student = model('s', { distilledFrom: 'a', training: { ...model('s').training, distillation } });
    const m = parseManifest(manifest([model('a'), student]));
    expect(m.models[1].training?.distillation).toEqual(distillation);
    expect(m.models[1].distilledFrom).toBe('a');
  });

  it('names the bad field of a malformed entry', () => {
    const bad: [unknown, RegExp, string][] = [
      [null, /must be an object/, ''],
      [{ ...manifest(), version: 2 }, /version must be one of 1/, 'version'],
      [{ ...manifest(), models: {} }, /models must be an array/, 'models'],
      [manifest([model('a', { sha256: 'xyz' })]), /does not match/, 'models[0].sha256'],
      [manifest([model('a', { bytes: -1 })]), /must be an integer/, 'models[0].bytes'],
      [manifest([model('a', { bytes: 1.5 })]), /must be an integer/, 'models[0].bytes'],
      [manifest([model('a', { file: '../../etc/passwd' })]), /does not match/, 'models[0].file'],
      [manifest([model('a', { file: 'a.bin' })]), /\.onnx file/, 'models[0].file'],
      [
        manifest([model('a', { inputs: [{ name: 'x', dtype: 'float32', shape: [0, 8] }] })]),
        /integer from 1/,
        'models[0].inputs[0].shape[0]',
      ],
      [
        manifest([model('a', { inputs: [{ name: 'x', dtype: 'bfloat7', shape: [1] }] })]),
        /must be one of/,
        'models[0].inputs[0].dtype',
      ],
      [manifest([model('a', { inputs: [] })]), /at least one input/, 'models[0].inputs'],
      [
        manifest([model('a', { accuracy: { split: 'test', correct: 354, total: 360, percent: 99 } })]),
        /354\/360 is 98.33%/,
        'models[0].accuracy.percent',
      ],
      [
        manifest([model('a', { accuracy: { split: 'test', correct: 361, total: 360, percent: 100.28 } })]),
        /integer from 0 to 360/,
        'models[0].accuracy.correct',
      ],
      [
        manifest([
          model('a', {
            preprocessing: { kind: 'digits', layout: 'NCHW', size: 32, divideBy: 16, upsample: 1 },
          }),
        ]),
        /8 × upsample is 8/,
        'models[0].preprocessing.size',
      ],
      [
        manifest([
          model('a', {
            preprocessing: { kind: 'digits', layout: 'NHWC', size: 8, divideBy: 16, upsample: 1 },
          }),
        ]),
        /must be one of "NCHW"/,
        'models[0].preprocessing.layout',
      ],
      [manifest([model('a', { dataset: null })]), /exactly when/, 'models[0].dataset'],
      [manifest([model('a', { dataset: 'mnist' })]), /unknown data set "mnist"/, 'models[0].dataset'],
      [manifest([model('a', { lessons: ['pruning'] })]), /lesson key/, 'models[0].lessons[0]'],
      [
        manifest([model('a', { description: { zh: '', en: 'x' } })]),
        /non-empty string/,
        'models[0].description.zh',
      ],
      [manifest([model('a', { opCounts: { Conv: 0 } })]), /integer from 1/, 'models[0].opCounts.Conv'],
      [
        manifest([model('a', { training: { ...model('a').training, bestEpoch: 41 } })]),
        /from 1 to 40/,
        'models[0].training.bestEpoch',
      ],
      [manifest([model('a'), model('a')]), /repeats "a"/, 'models[1].id'],
      [manifest([model('a', { twinOf: 'zzz' })]), /unknown model "zzz"/, 'models[0].twinOf'],
      [
        manifest([model('a', { distilledFrom: 'nobody' })]),
        /unknown model "nobody"/,
        'models[0].distilledFrom',
      ],
    ];
    for (const [json, message, field] of bad) {
      const e = errorOf(json);
      expect(e.message).toMatch(message);
      expect(e.message).toMatch(/^zoo manifest: /);
      expect(e.code).toBe('invalid');
      expect(e.where.field ?? '').toBe(field);
    }
  });
});

describe('findModel and modelsForLesson', () => {
  const m = parseManifest(manifest());

  it('finds a model by id, or says which ids exist', () => {
    expect(findModel(m, 'b').file).toBe('b.onnx');
    expect(() => findModel(m, 'c')).toThrow(/no model "c" in the zoo \(have: a, b\)/);
  });

  it('lists the models of a lesson in manifest order', () => {
    expect(modelsForLesson(m, '03-compression/pruning').map((x) => x.id)).toEqual(['a']);
    expect(modelsForLesson(m, '04-conversion-optimization/constant-folding').map((x) => x.id)).toEqual(['b']);
    expect(modelsForLesson(m, '06-runtime/dynamic-batching')).toEqual([]);
  });
});
