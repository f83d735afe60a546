// One run of the side-by-side lab, after the model and data are loaded: quantize the float model in the
// quantization Worker (calibrating with onnxruntime-web), then run both in the onnxruntime Worker.
import {
  calibrationSetFor,
  digitsToModelInput,
  type CalibrationMethod,
  type DigitSet,
  type QuantizationReport,
  type SyntheticPreprocessing,
  type ZooModel,
} from '../../engine';
import type { OrtClient } from '../../workers/ortClient';
import type { QuantClient, QuantizeProgress } from '../../workers/quantClient';
import { compareModels, type CompareProgress, type Comparison, type EvalSet } from './compare';
import { dataPlanFor, type DataPlan } from './dataPlan';

export interface LabInput {
  /** The float model's bytes; zoo is its manifest entry, null for a file the reader brought. */
  bytes: ArrayBuffer;
  zoo: ZooModel | null;
  /** The digits data, for models that take digits. */
  digits: { calibration: DigitSet; test: DigitSet } | null;
}

export interface LabOptions {
  method: CalibrationMethod;
  perChannel: boolean;
  /** Timed runs per model and batch size. */
  runs: number;
}

export interface LabResult {
  plan: DataPlan;
  int8: ArrayBuffer;
  report: QuantizationReport;
  /** Wall time of the quantization request seen from the page, worker start-up included (ms). */
  quantizeMs: number;
  comparison: Comparison;
  /** The evaluation images as 8×8 digits (to draw disagreements), or null for synthetic inputs. */
  digits: DigitSet | null;
  evalCount: number;
  /** Images the per-layer error was measured on. */
  analysisCount: number;
}

export type LabProgress =
  { phase: 'open' } | ({ phase: 'quantize' } & QuantizeProgress) | ({ phase: 'compare' } & CompareProgress);

export const LATENCY_BATCHES = [1, 32];
export const WARMUP_RUNS = 2;
/**
 * Synthetic inputs (a model with random weights, or one the reader brought): calibrate on 4 images in
 * batches of 2, measure the per-layer error on the first 2, compare predictions on 16. Random images carry
 * no meaning a larger set would capture better, and a MobileNetV2 at 224×224 exposes ~27 MB of activations
 * per image to calibration, so a small set keeps the run short and the memory bounded.
 */
const SYNTHETIC = { calibration: 4, batch: 2, evaluation: 16, seed: 1, evalSeed: 2 } as const;
/** The 100 digits of the calibration subset, in two batches (two progress steps). */
const DIGITS_BATCH = 50;

export async function runLab(
  clients: { quant: QuantClient; ort: OrtClient },
  input: LabInput,
  options: LabOptions,
  onProgress: (p: LabProgress) => void,
): Promise<LabResult> {
  onProgress({ phase: 'open' });
  const opened = await clients.quant.open(input.bytes);
  const plan = dataPlanFor(input.zoo, opened.inputs);
  const { preprocessing, inputName } = plan;
  const digits = preprocessing.kind === 'digits' ? input.digits : null;
  if (preprocessing.kind === 'digits' && !digits) throw new Error('the digits data set was not loaded');

  // Synthetic images are made in the quantization worker: millions of Gaussian samples would block the page.
  const synthetic = (count: number, batchSize: number, seed: number) =>
    clients.quant.synthesize({
      preprocessing: preprocessing as SyntheticPreprocessing,
      inputName,
      count,
      batchSize,
      seed,
    });
  const calibration =
    preprocessing.kind === 'digits'
      ? calibrationSetFor(preprocessing, inputName, digits!.calibration, { batchSize: DIGITS_BATCH })
      : await synthetic(SYNTHETIC.calibration, SYNTHETIC.batch, SYNTHETIC.seed);
  const analysis = preprocessing.kind === 'digits' ? undefined : calibration.slice(0, 1);
  const t0 = performance.now();
  const { model: int8, report } = await clients.quant.quantize(
    opened,
    calibration,
    { method: options.method, perChannel: options.perChannel, symmetric: false },
    { analysis, onProgress: (p) => onProgress({ phase: 'quantize', ...p }) },
  );
  const quantizeMs = performance.now() - t0;

  const evalSet: EvalSet =
    preprocessing.kind === 'digits'
      ? {
          feeds: { [inputName]: digitsToModelInput(digits!.test.images, preprocessing) },
          labels: digits!.test.labels.data,
        }
      : {
          feeds: (await synthetic(SYNTHETIC.evaluation, SYNTHETIC.evaluation, SYNTHETIC.evalSeed))[0],
          labels: null,
        };
  const comparison = await compareModels(
    clients.ort,
    { float: input.bytes, int8 },
    evalSet,
    { batches: LATENCY_BATCHES, runs: options.runs, warmup: WARMUP_RUNS },
    (p) => onProgress({ phase: 'compare', ...p }),
  );
  const evalCount = evalSet.feeds[inputName].dims[0];
  const analysisCount = (analysis ?? calibration).reduce((n, batch) => n + batch[inputName].dims[0], 0);
  return {
    plan,
    int8,
    report,
    quantizeMs,
    comparison,
    digits: digits?.test ?? null,
    evalCount,
    analysisCount,
  };
}
