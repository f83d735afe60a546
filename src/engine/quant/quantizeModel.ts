// Whole-model post-training quantization, the one entry point: plan the node units, calibrate the activations
// on the float model, rewrite into QDQ, and measure per layer what the quantization cost.
import { ModelError } from '../errors';
import type { Model } from '../ir/graph';
import { encodeModel } from '../onnx/encode';
import { compareValues } from './analyzeModel';
import { activationParams, CALIBRATION_METHODS } from './calibrate/choose';
import { collectStats } from './calibrateModel';
import type {
  ActivationRange,
  CalibrationSet,
  LayerError,
  ModelRunner,
  QuantizeModelOptions,
  QuantizeModelResult,
  QuantizeStage,
} from './model.types';
import { planQuantization } from './plan';
import { rewriteQdq } from './qdq';
import { interpreterRunner } from './runner';
import { INT8_SYMMETRIC, UINT8_ASYMMETRIC, type QuantParams } from './scheme';

function checkBatches(batches: unknown, what: string): asserts batches is CalibrationSet {
  if (!Array.isArray(batches) || batches.length === 0)
    throw new ModelError('input', `the ${what} set is empty: give at least one batch of inputs`, {
      field: what,
    });
}

/**
 * Quantizes `model` after training: activations uint8 asymmetric (or int8 symmetric) from statistics gathered
 * by running `runner` (the reference interpreter by default) over `calibration`; weights int8 symmetric, per
 * channel by default; biases int32. Returns the QDQ model and a report (sizes, per-layer error, ranges).
 */
export async function quantizeModel(
  model: Model,
  calibration: CalibrationSet,
  options: QuantizeModelOptions,
  runner: ModelRunner = interpreterRunner(options.signal),
): Promise<QuantizeModelResult> {
  const start = performance.now();
  if (!CALIBRATION_METHODS.includes(options.method))
    throw new ModelError(
      'input',
      `unknown calibration method "${String(options.method)}" (${CALIBRATION_METHODS.join(', ')})`,
      { field: 'method' },
    );
  checkBatches(calibration, 'calibration');
  const analysis = options.analysis ?? calibration;
  checkBatches(analysis, 'analysis');
  const { signal, onProgress } = options;
  const stageMs: Record<QuantizeStage, number> = { calibrate: 0, rewrite: 0, analyze: 0 };
  const timed = async <T>(stage: QuantizeStage, work: () => Promise<T> | T): Promise<T> => {
    const t0 = performance.now();
    const result = await work();
    stageMs[stage] = performance.now() - t0;
    return result;
  };

  const plan = planQuantization(model, {
    perChannel: options.perChannel ?? true,
    keepFloat: options.keepFloat,
  });
  if (plan.nodes.length === 0)
    throw new ModelError(
      'unsupported',
      'nothing to quantize: the model has no Conv, Gemm, MatMul, Add, pooling … node that can run on integers',
    );

  const calibrated = [...plan.activations].filter(([tensor, source]) => tensor === source).map(([t]) => t);
  const scheme = options.symmetric ? INT8_SYMMETRIC : UINT8_ASYMMETRIC;
  const stats = await timed('calibrate', () =>
    collectStats(model, calibration, calibrated, runner, {
      signal,
      onBatch: (done) => onProgress?.({ stage: 'calibrate', done, total: calibration.length }),
    }),
  );

  const params = new Map<string, QuantParams>();
  for (const name of calibrated)
    params.set(
      name,
      activationParams(stats.get(name)!, { method: options.method, scheme, percentile: options.percentile })
        .params,
    );
  const { model: quantized, dequantized } = await timed('rewrite', () =>
    rewriteQdq(model, plan, params, { activationScheme: scheme }),
  );
  onProgress?.({ stage: 'rewrite', done: 1, total: 1 });

  const pairs = plan.nodes.map((u) => ({
    float: u.compared,
    quantized: (u.output && dequantized.get(u.output)) || u.compared,
  }));
  const errors = await timed('analyze', () =>
    compareValues(model, quantized, pairs, analysis, runner, {
      signal,
      onBatch: (done) => onProgress?.({ stage: 'analyze', done, total: analysis.length }),
    }),
  );

  const layers: LayerError[] = plan.nodes.map((u, k) => {
    const p = u.output ? params.get(plan.activations.get(u.output)!) : undefined;
    return {
      name: u.label,
      opType: u.node.opType,
      output: pairs[k].float,
      quantizedOutput: pairs[k].quantized,
      ...errors[k],
      ...(p && { scale: p.scale, zeroPoint: p.zeroPoint }),
    };
  });
  const activations: ActivationRange[] = [...plan.activations].map(([tensor, source]) => {
    const p = params.get(source)!;
    const observed = tensor === source ? stats.get(tensor)! : undefined;
    return {
      tensor,
      ...(observed && { min: observed.min, max: observed.max }),
      rangeMin: (p.qmin - p.zeroPoint) * p.scale,
      rangeMax: (p.qmax - p.zeroPoint) * p.scale,
      scale: p.scale,
      zeroPoint: p.zeroPoint,
      ...(tensor !== source && { sharedWith: source }),
    };
  });

  return {
    model: quantized,
    report: {
      bytesBefore: encodeModel(model).length,
      bytesAfter: encodeModel(quantized).length,
      method: options.method,
      quantizedNodes: plan.nodes.length,
      layers,
      activations,
      floatNodes: plan.floatNodes,
      calibrationBatches: calibration.length,
      analysisBatches: analysis.length,
      ms: performance.now() - start,
      stageMs,
    },
  };
}
