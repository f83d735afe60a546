// One run of the side-by-side lab, after the model and data are loaded: quantize the float model in the
// quantization Worker (calibrating with onnxruntime-web), then run both in the onnxruntime Worker.
import {
  digitsToModelInput,
  zooAnalysis,
  zooCalibration,
  ZOO_CALIBRATION,
  type CalibrationMethod,
  type DigitSet,
  type QuantizationReport,
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

export interface LabResult extends LabQuantized {
  comparison: Comparison;
  /** The evaluation images as 8×8 digits (to draw disagreements), or null for synthetic inputs. */
  digits: DigitSet | null;
  evalCount: number;
}

export type LabProgress =
  { phase: 'open' } | ({ phase: 'quantize' } & QuantizeProgress) | ({ phase: 'compare' } & CompareProgress);

export const LATENCY_BATCHES = [1, 32];
export const WARMUP_RUNS = 2;
/**
 * Evaluation on synthetic inputs (a model with random weights, or one the reader brought): 16 seeded images,
 * another seed than calibration's. Calibration follows the engine's ZOO_CALIBRATION, as the CLI does.
 */
const SYNTHETIC_EVALUATION = { count: 16, seed: 2 } as const;

export interface LabQuantized {
  plan: DataPlan;
  int8: ArrayBuffer;
  report: QuantizationReport;
  /** Wall time of the quantization request seen from the page, worker start-up included (ms). */
  quantizeMs: number;
  /** Images the per-layer error was measured on. */
  analysisCount: number;
}

/**
 * The lab's first half: open the float model in the quantization worker and quantize it on the engine's
 * ZOO_CALIBRATION batches — the recipe `cli quantize builtin:digits` follows, so both write the same file.
 */
export async function quantizeInLab(
  quant: QuantClient,
  input: LabInput,
  options: Pick<LabOptions, 'method' | 'perChannel'>,
  onProgress: (p: LabProgress) => void,
): Promise<LabQuantized> {
  onProgress({ phase: 'open' });
  const opened = await quant.open(input.bytes);
  const plan = dataPlanFor(input.zoo, opened.inputs);
  const { preprocessing, inputName } = plan;
  if (preprocessing.kind === 'digits' && !input.digits) throw new Error('the digits data set was not loaded');
  // Synthetic images are made in the quantization worker: millions of Gaussian samples would block the page.
  const { count, batchSize, seed } = ZOO_CALIBRATION.synthetic;
  const calibration =
    preprocessing.kind === 'digits'
      ? zooCalibration(preprocessing, inputName, input.digits!.calibration).calibration
      : await quant.synthesize({ preprocessing, inputName, count, batchSize, seed });
  const analysis = zooAnalysis(preprocessing, calibration);
  const t0 = performance.now();
  const { model: int8, report } = await quant.quantize(
    opened,
    calibration,
    { method: options.method, perChannel: options.perChannel, symmetric: false },
    { analysis, onProgress: (p) => onProgress({ phase: 'quantize', ...p }) },
  );
  const quantizeMs = performance.now() - t0;
  const analysisCount = (analysis ?? calibration).reduce((n, batch) => n + batch[inputName].dims[0], 0);
  return { plan, int8, report, quantizeMs, analysisCount };
}

export async function runLab(
  clients: { quant: QuantClient; ort: OrtClient },
  input: LabInput,
  options: LabOptions,
  onProgress: (p: LabProgress) => void,
): Promise<LabResult> {
  const quantized = await quantizeInLab(clients.quant, input, options, onProgress);
  const { preprocessing, inputName } = quantized.plan;
  const digits = preprocessing.kind === 'digits' ? input.digits : null;
  const { count, seed } = SYNTHETIC_EVALUATION;
  const evalSet: EvalSet =
    preprocessing.kind === 'digits'
      ? {
          feeds: { [inputName]: digitsToModelInput(digits!.test.images, preprocessing) },
          labels: digits!.test.labels.data,
        }
      : {
          feeds: (
            await clients.quant.synthesize({ preprocessing, inputName, count, batchSize: count, seed })
          )[0],
          labels: null,
        };
  const comparison = await compareModels(
    clients.ort,
    { float: input.bytes, int8: quantized.int8 },
    evalSet,
    { batches: LATENCY_BATCHES, runs: options.runs, warmup: WARMUP_RUNS },
    (p) => onProgress({ phase: 'compare', ...p }),
  );
  return {
    ...quantized,
    comparison,
    digits: digits?.test ?? null,
    evalCount: evalSet.feeds[inputName].dims[0],
  };
}
