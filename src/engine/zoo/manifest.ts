// The model zoo's manifest (public/models/manifest.json, format in public/models/README.md): types and a
// validating parser. The app's model picker is built from it; a malformed entry is a ModelError naming the
// field, never a half-read manifest.
import { ModelError } from '../errors';
import type { DigitsPreprocessing } from '../data/digits';

export interface ZooTensorInfo {
  name: string;
  dtype: 'float32' | 'int64';
  /** Static sizes, and names for symbolic dimensions ("batch"). */
  shape: (number | string)[];
}

/** Inputs that are not data: the model's weights are random, so any float input of this shape will do. */
export interface SyntheticPreprocessing {
  kind: 'synthetic';
  layout: 'NCHW';
  channels: number;
  size: number;
}

export type Preprocessing = DigitsPreprocessing | SyntheticPreprocessing;

/** Accuracy measured by the training script (torch) on a split of the data set. */
export interface Accuracy {
  split: 'test';
  correct: number;
  total: number;
  /** 100 × correct / total, rounded to 2 decimals. */
  percent: number;
}

export interface Distillation {
  teacher: string;
  temperature: number;
  alpha: number;
  loss: string;
  selection: string;
  grid: { temperature: number; alpha: number; valCorrect: number }[];
}

export interface TrainingInfo {
  epochs: number;
  /** The epoch whose weights were kept: the best on the validation split. */
  bestEpoch: number;
  valCorrect: number;
  valTotal: number;
  optimizer: string;
  augmentation: string;
  seed: number;
  distillation?: Distillation;
}

export interface ZooModel {
  id: string;
  /** File name, relative to the manifest. */
  file: string;
  sha256: string;
  bytes: number;
  opset: number;
  inputs: ZooTensorInfo[];
  outputs: ZooTensorInfo[];
  /** Elements of the floating-point initializers. */
  params: number;
  /** Multiply-accumulates of one inference at batch 1 (Conv, Gemm, MatMul). */
  macs: number;
  nodes: number;
  opCounts: Record<string, number>;
  /** Key into ZooManifest.datasets, null when the model takes no real data. */
  dataset: string | null;
  preprocessing: Preprocessing;
  /** How the weights came about (trained, or random with calibrated statistics …). */
  weights: string;
  accuracy: Accuracy | null;
  training?: TrainingInfo;
  /** For a raw-exporter twin: the id of the clean model with the same weights. */
  twinOf?: string;
  /** For a distilled student: the id of its teacher. */
  distilledFrom?: string;
  /** Lesson keys "<chapter folder>/<slug>", e.g. "03-compression/distillation-principle". */
  lessons: string[];
  description: { zh: string; en: string };
}

export interface ZooDataset {
  source: string;
  classes: number;
  /** Paths relative to the manifest. */
  test: string;
  calibration: string;
  split: string;
}

export interface ZooManifest {
  version: 1;
  generator: string;
  tools: Record<string, string>;
  datasets: Record<string, ZooDataset>;
  models: ZooModel[];
}

const LESSON_KEY = /^\d\d-[a-z0-9-]+\/[a-z0-9-]+$/;
const SAFE_FILE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const SAFE_PATH = /^(\.\.\/)?[A-Za-z0-9][A-Za-z0-9._/-]*$/;

/** Reads typed fields of one JSON object, failing with the field's full path. */
class Fields {
  constructor(
    private readonly obj: Record<string, unknown>,
    readonly path: string,
  ) {}

  static of(value: unknown, path: string): Fields {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'must be an object');
    return new Fields(value as Record<string, unknown>, path);
  }

  at(key: string) {
    return this.path ? `${this.path}.${key}` : key;
  }

  has(key: string) {
    return this.obj[key] !== undefined;
  }

  raw(key: string): unknown {
    return this.obj[key];
  }

  str(key: string, pattern?: RegExp): string {
    const v = this.obj[key];
    if (typeof v !== 'string' || v === '') fail(this.at(key), 'must be a non-empty string');
    if (pattern && !pattern.test(v as string))
      fail(this.at(key), `${JSON.stringify(v)} does not match ${pattern}`);
    return v as string;
  }

  int(key: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
    return checkInt(this.obj[key], this.at(key), min, max);
  }

  num(key: string): number {
    const v = this.obj[key];
    if (typeof v !== 'number' || !Number.isFinite(v)) fail(this.at(key), 'must be a finite number');
    return v as number;
  }

  literal<T extends string | number>(key: string, ...allowed: T[]): T {
    const v = this.obj[key];
    if (!allowed.includes(v as T))
      fail(this.at(key), `must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`);
    return v as T;
  }

  child(key: string): Fields {
    return Fields.of(this.obj[key], this.at(key));
  }

  list<T>(key: string, read: (item: unknown, path: string) => T): T[] {
    const v = this.obj[key];
    if (!Array.isArray(v)) fail(this.at(key), 'must be an array');
    return (v as unknown[]).map((item, i) => read(item, `${this.at(key)}[${i}]`));
  }

  record<T>(key: string, read: (item: unknown, path: string) => T): Record<string, T> {
    const f = this.child(key);
    const out: Record<string, T> = {};
    for (const [k, v] of Object.entries(f.obj)) out[k] = read(v, f.at(k));
    return out;
  }
}

function fail(field: string, message: string): never {
  throw new ModelError('invalid', `zoo manifest: ${field} ${message}`, { field });
}

function checkInt(v: unknown, path: string, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
    fail(path, `must be an integer from ${min} to ${max}`);
  return v as number;
}

function readTensorInfo(value: unknown, path: string): ZooTensorInfo {
  const f = Fields.of(value, path);
  return {
    name: f.str('name'),
    dtype: f.literal('dtype', 'float32', 'int64'),
    shape: f.list('shape', (d, p) => (typeof d === 'string' && d !== '' ? d : checkInt(d, p, 1, 1 << 24))),
  };
}

function readPreprocessing(value: unknown, path: string): Preprocessing {
  const f = Fields.of(value, path);
  const kind = f.literal('kind', 'digits', 'synthetic');
  const layout = f.literal('layout', 'NCHW');
  if (kind === 'synthetic')
    return { kind, layout, channels: f.int('channels', 1, 4096), size: f.int('size', 1, 1 << 16) };
  const p: DigitsPreprocessing = {
    kind,
    layout,
    size: f.int('size', 1, 1024),
    divideBy: f.num('divideBy'),
    upsample: f.int('upsample', 1, 128),
  };
  if (p.size !== 8 * p.upsample) fail(f.at('size'), `is ${p.size}, but 8 × upsample is ${8 * p.upsample}`);
  if (!(p.divideBy > 0)) fail(f.at('divideBy'), 'must be positive');
  return p;
}

function readAccuracy(value: unknown, path: string): Accuracy | null {
  if (value === null) return null;
  const f = Fields.of(value, path);
  const total = f.int('total', 1);
  const a: Accuracy = {
    split: f.literal('split', 'test'),
    correct: f.int('correct', 0, total),
    total,
    percent: f.num('percent'),
  };
  if (Math.abs(a.percent - (100 * a.correct) / a.total) > 0.005 + 1e-9) {
    fail(
      f.at('percent'),
      `is ${a.percent}, but ${a.correct}/${a.total} is ${((100 * a.correct) / a.total).toFixed(2)}%`,
    );
  }
  return a;
}

function readDistillation(value: unknown, path: string): Distillation {
  const f = Fields.of(value, path);
  return {
    teacher: f.str('teacher'),
    temperature: f.num('temperature'),
    alpha: f.num('alpha'),
    loss: f.str('loss'),
    selection: f.str('selection'),
    grid: f.list('grid', (g, p) => {
      const row = Fields.of(g, p);
      return {
        temperature: row.num('temperature'),
        alpha: row.num('alpha'),
        valCorrect: row.int('valCorrect'),
      };
    }),
  };
}

function readTraining(value: unknown, path: string): TrainingInfo {
  const f = Fields.of(value, path);
  const epochs = f.int('epochs', 1);
  const valTotal = f.int('valTotal', 1);
  const t: TrainingInfo = {
    epochs,
    bestEpoch: f.int('bestEpoch', 1, epochs),
    valCorrect: f.int('valCorrect', 0, valTotal),
    valTotal,
    optimizer: f.str('optimizer'),
    augmentation: f.str('augmentation'),
    seed: f.int('seed'),
  };
  if (f.has('distillation')) t.distillation = readDistillation(f.raw('distillation'), f.at('distillation'));
  return t;
}

function readModel(value: unknown, path: string): ZooModel {
  const f = Fields.of(value, path);
  const description = f.child('description');
  const m: ZooModel = {
    id: f.str('id', SAFE_FILE),
    file: f.str('file', SAFE_FILE),
    sha256: f.str('sha256', /^[0-9a-f]{64}$/),
    bytes: f.int('bytes', 1),
    opset: f.int('opset', 1, 100),
    inputs: f.list('inputs', readTensorInfo),
    outputs: f.list('outputs', readTensorInfo),
    params: f.int('params'),
    macs: f.int('macs'),
    nodes: f.int('nodes', 1),
    opCounts: f.record('opCounts', (v, p) => checkInt(v, p, 1, Number.MAX_SAFE_INTEGER)),
    dataset: f.raw('dataset') === null ? null : f.str('dataset'),
    preprocessing: readPreprocessing(f.raw('preprocessing'), f.at('preprocessing')),
    weights: f.str('weights'),
    accuracy: readAccuracy(f.raw('accuracy'), f.at('accuracy')),
    lessons: f.list('lessons', (v, p) =>
      typeof v === 'string' && LESSON_KEY.test(v)
        ? v
        : fail(p, `must be a lesson key like "03-compression/pruning"`),
    ),
    description: { zh: description.str('zh'), en: description.str('en') },
  };
  if (!m.file.endsWith('.onnx')) fail(f.at('file'), 'must name an .onnx file');
  if (m.inputs.length === 0) fail(f.at('inputs'), 'must list at least one input');
  if (m.outputs.length === 0) fail(f.at('outputs'), 'must list at least one output');
  if (f.has('training')) m.training = readTraining(f.raw('training'), f.at('training'));
  if (f.has('twinOf')) m.twinOf = f.str('twinOf');
  if (f.has('distilledFrom')) m.distilledFrom = f.str('distilledFrom');
  if ((m.preprocessing.kind === 'digits') !== (m.dataset !== null)) {
    fail(f.at('dataset'), `must be set exactly when the preprocessing is "digits"`);
  }
  return m;
}

function readDataset(value: unknown, path: string): ZooDataset {
  const f = Fields.of(value, path);
  return {
    source: f.str('source'),
    classes: f.int('classes', 1),
    test: f.str('test', SAFE_PATH),
    calibration: f.str('calibration', SAFE_PATH),
    split: f.str('split', SAFE_PATH),
  };
}

/** Parse and check a manifest (already JSON-decoded). Throws ModelError naming the first bad field. */
export function parseManifest(json: unknown): ZooManifest {
  const f = Fields.of(json, '');
  const manifest: ZooManifest = {
    version: f.literal('version', 1),
    generator: f.str('generator'),
    tools: f.record('tools', (v, p) => (typeof v === 'string' ? v : fail(p, 'must be a string'))),
    datasets: f.record('datasets', readDataset),
    models: f.list('models', readModel),
  };
  const ids = new Set<string>();
  manifest.models.forEach((m, i) => {
    if (ids.has(m.id)) fail(`models[${i}].id`, `repeats ${JSON.stringify(m.id)}`);
    ids.add(m.id);
  });
  manifest.models.forEach((m, i) => {
    for (const [key, ref] of [
      ['twinOf', m.twinOf],
      ['distilledFrom', m.distilledFrom],
      ['training.distillation.teacher', m.training?.distillation?.teacher],
    ]) {
      if (ref !== undefined && !ids.has(ref))
        fail(`models[${i}].${key}`, `names unknown model ${JSON.stringify(ref)}`);
    }
    if (m.dataset !== null && !(m.dataset in manifest.datasets))
      fail(`models[${i}].dataset`, `names unknown data set ${JSON.stringify(m.dataset)}`);
  });
  return manifest;
}

/** The model with this id, or a ModelError listing the ids there are. */
export function findModel(manifest: ZooManifest, id: string): ZooModel {
  const model = manifest.models.find((m) => m.id === id);
  if (!model)
    throw new ModelError(
      'input',
      `no model "${id}" in the zoo (have: ${manifest.models.map((m) => m.id).join(', ')})`,
    );
  return model;
}

/** The models a lesson uses, in manifest order. */
export function modelsForLesson(manifest: ZooManifest, lessonKey: string): ZooModel[] {
  return manifest.models.filter((m) => m.lessons.includes(lessonKey));
}
