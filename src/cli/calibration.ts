// Where `quantize` gets its calibration batches: `builtin:digits` (the zoo's calibration subset with the
// model's preprocessing from the manifest, or seeded random inputs for a model without a data set), or a
// folder of .npy / .pb tensors, one file per batch and input.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  decodeTensor,
  parseDigitSet,
  parseManifest,
  readNpy,
  zooCalibration,
  ZOO_CALIBRATION,
  type CalibrationSet,
  type Graph,
  type Tensor,
  type ZooManifest,
  type ZooModel,
} from '../engine/index';
import { CliError } from './command';

export const BUILTIN = 'builtin:digits';

export interface Calibration {
  batches: CalibrationSet;
  /** The batches the per-layer error is measured on (undefined: all of `batches`). */
  analysis?: CalibrationSet;
  /** What the batches are, in one sentence (printed, and in the JSON report). */
  source: string;
}

const modelsDir = path.join('public', 'models');

/** The zoo entry of a model file, recognized by its sha256 in the manifest, and the manifest. */
function zooEntry(bytes: Uint8Array): { entry: ZooModel; manifest: ZooManifest } | null {
  const manifestFile = path.join(modelsDir, 'manifest.json');
  if (!fs.existsSync(manifestFile)) return null;
  const manifest = parseManifest(JSON.parse(fs.readFileSync(manifestFile, 'utf8')));
  const sha = crypto.createHash('sha256').update(bytes).digest('hex');
  const entry = manifest.models.find((m) => m.sha256 === sha);
  return entry ? { entry, manifest } : null;
}

function builtin(bytes: Uint8Array, graph: Graph): Calibration {
  const zoo = zooEntry(bytes);
  if (!zoo)
    throw new CliError(
      `--calibration ${BUILTIN} needs a model of the zoo (public/models/manifest.json) to know its preprocessing; pass --calibration <dir> for this one`,
    );
  const { entry, manifest } = zoo;
  const input = entry.inputs[0].name;
  if (graph.inputs.filter((v) => !graph.initializers.has(v.name)).length !== 1)
    throw new CliError(`${entry.id} has more than one input; ${BUILTIN} feeds one`);
  const p = entry.preprocessing;
  // The page's recipe (ZOO_CALIBRATION): the same batches give the same file as the lab in the browser.
  if (p.kind === 'synthetic') {
    const { count, batchSize } = ZOO_CALIBRATION.synthetic;
    const { calibration, analysis } = zooCalibration(p, input, null);
    return {
      batches: calibration,
      analysis,
      source: `${count} seeded standard-normal inputs of shape [${batchSize}, ${p.channels}, ${p.size}, ${p.size}] (${entry.id} has no data set: its weights are random)`,
    };
  }
  const dataset = entry.dataset ? manifest.datasets[entry.dataset] : undefined;
  if (!dataset) throw new CliError(`${entry.id} names no data set in the manifest`);
  const file = path.join(modelsDir, dataset.calibration);
  const digits = parseDigitSet(new Uint8Array(fs.readFileSync(file)));
  const { calibration, analysis } = zooCalibration(p, input, digits);
  return {
    batches: calibration,
    analysis,
    source: `${digits.labels.dims[0]} images of ${path.normalize(file)} (the training split's calibration subset), preprocessed as ${entry.id} expects`,
  };
}

/** The input a file feeds: a .pb's stored name, a file name starting with an input's name, or the only input. */
function inputOf(file: string, stored: string, inputs: string[]): string {
  if (inputs.includes(stored)) return stored;
  const stem = path.basename(file).replace(/\.(npy|pb)$/, '');
  const named = inputs.filter((n) => stem === n || stem.startsWith(`${n}_`));
  if (named.length === 1) return named[0];
  if (inputs.length === 1) return inputs[0];
  throw new CliError(
    `${file}: cannot tell which input it feeds (inputs: ${inputs.join(', ')}); name it <input>_<k>.npy`,
  );
}

function fromDirectory(dir: string, graph: Graph): Calibration {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory())
    throw new CliError(`--calibration ${dir}: not a folder (or give ${BUILTIN})`);
  const inputs = graph.inputs.filter((v) => !graph.initializers.has(v.name)).map((v) => v.name);
  const files = fs
    .readdirSync(dir)
    .filter((f) => /\.(npy|pb)$/.test(f))
    .sort();
  if (files.length === 0) throw new CliError(`--calibration ${dir}: no .npy or .pb files`);
  const perInput = new Map<string, Tensor[]>(inputs.map((n) => [n, []]));
  for (const f of files) {
    const file = path.join(dir, f);
    const bytes = new Uint8Array(fs.readFileSync(file));
    const { name, tensor } = f.endsWith('.npy') ? { name: '', tensor: readNpy(bytes) } : decodeTensor(bytes);
    perInput.get(inputOf(file, name, inputs))!.push(tensor);
  }
  const counts = [...perInput.values()].map((t) => t.length);
  if (counts.some((c) => c !== counts[0]))
    throw new CliError(
      `--calibration ${dir}: each input needs as many files (${inputs.map((n, i) => `${n}: ${counts[i]}`).join(', ')})`,
    );
  const batches = Array.from({ length: counts[0] }, (_, k) =>
    Object.fromEntries(inputs.map((n) => [n, perInput.get(n)![k]])),
  );
  return { batches, source: `${files.length} tensor file(s) of ${dir}, ${batches.length} batch(es)` };
}

export function readCalibration(spec: string, bytes: Uint8Array, graph: Graph): Calibration {
  return spec === BUILTIN ? builtin(bytes, graph) : fromDirectory(spec, graph);
}
