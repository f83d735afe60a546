// Calibration sets for the zoo's models, from the manifest's preprocessing: the digits calibration subset
// (public/data/digits-calib.bin, drawn from the training split) turned into each model's input, or — for a
// model whose input is synthetic (random weights, no data set) — seeded standard-normal images of its shape.
// ZOO_CALIBRATION is the one recipe the page's lab, draw-a-digit and `cli quantize builtin:digits` follow, so
// that the page and the command line quantize a zoo model from the same batches into the same file.
import type { DigitSet } from '../data/digitSet';
import { digitsToModelInput } from '../data/digits';
import { ModelError } from '../errors';
import type { Tensor } from '../ir/tensor';
import type { Preprocessing } from '../zoo/manifest';
import { seededRandom } from '../stats/rng';
import type { CalibrationSet } from './model.types';
import { gaussian } from './samples';

export interface CalibrationDataOptions {
  /** Images per batch (default 32; the last batch may be smaller). */
  batchSize?: number;
  /** Synthetic inputs: how many images (default 8) and the seed (default 1). */
  count?: number;
  seed?: number;
}

/** Largest synthetic calibration set, in float32 elements (about 256 MB), so that a bad count cannot exhaust memory. */
const MAX_SYNTHETIC_ELEMENTS = 2 ** 26;

function checkCount(value: number, what: string): number {
  if (!Number.isInteger(value) || value < 1)
    throw new ModelError('input', `${what} must be a positive integer, got ${value}`, { field: what });
  return value;
}

/** Splits images [N, …] into batches along the first axis. */
function batches(x: Tensor<'float32'>, inputName: string, batchSize: number): CalibrationSet {
  const [n, ...rest] = x.dims;
  const per = x.data.length / n;
  const out: CalibrationSet = [];
  for (let start = 0; start < n; start += batchSize) {
    const size = Math.min(batchSize, n - start);
    const data = x.data.slice(start * per, (start + size) * per);
    out.push({ [inputName]: { dtype: 'float32', dims: [size, ...rest], data } });
  }
  return out;
}

/**
 * The calibration set of a zoo model: `digits` (the parsed calibration subset) for a digits model, seeded
 * standard-normal images of the model's shape for a synthetic one (`digits` is then not needed).
 */
export function calibrationSetFor(
  preprocessing: Preprocessing,
  inputName: string,
  digits: DigitSet | null,
  options: CalibrationDataOptions = {},
): CalibrationSet {
  const batchSize = checkCount(options.batchSize ?? 32, 'batchSize');
  if (preprocessing.kind === 'digits') {
    if (!digits)
      throw new ModelError('input', 'a digits model needs the digits calibration set', {
        field: 'calibration',
      });
    return batches(digitsToModelInput(digits.images, preprocessing), inputName, batchSize);
  }
  const count = checkCount(options.count ?? 8, 'count');
  const { channels, size } = preprocessing;
  const n = count * channels * size * size;
  if (n > MAX_SYNTHETIC_ELEMENTS)
    throw new ModelError(
      'limit',
      `${count} synthetic images of ${channels}×${size}×${size} are too many to hold`,
      {
        field: 'count',
      },
    );
  const normal = gaussian(seededRandom(options.seed ?? 1));
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = normal();
  return batches({ dtype: 'float32', dims: [count, channels, size, size], data }, inputName, batchSize);
}

/**
 * How a zoo model is calibrated wherever the app quantizes it: the 100 digits of the calibration subset in two
 * batches of 50, the per-layer error measured on all of them; or, for a synthetic model, 4 seeded
 * standard-normal images in batches of 2, the per-layer error measured on the first batch. Random images
 * carry no meaning a larger set would capture better, and a MobileNetV2 at 224×224 exposes ~27 MB of
 * activations per image to calibration: a small set keeps the run short and the memory bounded.
 */
export const ZOO_CALIBRATION = {
  digits: { batchSize: 50 },
  synthetic: { count: 4, batchSize: 2, seed: 1, analysisBatches: 1 },
} as const;

export interface ZooCalibration {
  calibration: CalibrationSet;
  /** The batches the per-layer error is measured on; undefined: the calibration set itself. */
  analysis: CalibrationSet | undefined;
}

/** The calibration options of ZOO_CALIBRATION for a model's preprocessing (what to pass to calibrationSetFor). */
function zooCalibrationOptions(preprocessing: Preprocessing): CalibrationDataOptions {
  const { digits, synthetic } = ZOO_CALIBRATION;
  return preprocessing.kind === 'digits'
    ? { batchSize: digits.batchSize }
    : { count: synthetic.count, batchSize: synthetic.batchSize, seed: synthetic.seed };
}

/** The analysis batches of ZOO_CALIBRATION, taken from a calibration set made with zooCalibrationOptions. */
export function zooAnalysis(
  preprocessing: Preprocessing,
  calibration: CalibrationSet,
): CalibrationSet | undefined {
  return preprocessing.kind === 'digits'
    ? undefined
    : calibration.slice(0, ZOO_CALIBRATION.synthetic.analysisBatches);
}

/** A zoo model's calibration and analysis sets by ZOO_CALIBRATION (`digits`: the parsed calibration subset). */
export function zooCalibration(
  preprocessing: Preprocessing,
  inputName: string,
  digits: DigitSet | null,
): ZooCalibration {
  const calibration = calibrationSetFor(
    preprocessing,
    inputName,
    digits,
    zooCalibrationOptions(preprocessing),
  );
  return { calibration, analysis: zooAnalysis(preprocessing, calibration) };
}
