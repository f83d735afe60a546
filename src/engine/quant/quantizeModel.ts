// Whole-model post-training quantization, the one entry point: plan the node units, calibrate the activations
// on the float model, rewrite into QDQ, and measure per layer what the quantization cost.
import { ModelError } from '../errors';
import type { Model } from '../ir/graph';
import { numel, type Tensor } from '../ir/tensor';
import { encodeModel } from '../onnx/encode';
import { compareValues, type ValuePair } from './analyzeModel';
import { activationParams, CALIBRATION_METHODS } from './calibrate/choose';
import { collectStats, type ValueSource } from './calibrateModel';
import type {
  ActivationRange,
  CalibrationSet,
  LayerError,
  ModelRunner,
  QuantizeModelOptions,
  QuantizeModelResult,
  QuantizeStage,
} from './model.types';
import type { TensorStats } from './histogram';
import { planQuantization, type QuantPlan } from './plan';
import { rewriteQdq } from './qdq';
import { fetchValues, interpreterRunner, loadFor } from './runner';
import { INT8_SYMMETRIC, UINT8_ASYMMETRIC, type QuantParams } from './scheme';

/**
 * Float values of analysis batches kept from calibration, at most this many elements (128 MB of float32);
 * batches beyond it run again on the float model during analysis.
 */
const KEPT_ELEMENTS = 2 ** 25;

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
    stageMs[stage] += performance.now() - t0;
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
  const compared = plan.nodes.map((u) => u.compared);
  const scheme = options.symmetric ? INT8_SYMMETRIC : UINT8_ASYMMETRIC;
  // One float session serves calibration and analysis, and an analysis batch that is also a calibration batch
  // (the same object, e.g. the first batch) keeps the float values calibration computed instead of running again.
  onProgress?.({ stage: 'calibrate', done: 0, total: calibration.length });
  const float = await timed('calibrate', () =>
    loadFor(runner, model, [...new Set([...calibrated, ...compared])]),
  );
  const kept = new Map<Record<string, Tensor>, Record<string, Tensor>>();
  const inAnalysis = new Set(analysis);
  let keptElements = 0;
  const calibrationValues: ValueSource = async (feeds) => {
    if (!inAnalysis.has(feeds)) return fetchValues(float, feeds, calibrated);
    const values = await fetchValues(float, feeds, [...calibrated, ...compared]);
    const reference = Object.fromEntries(compared.map((name) => [name, values[name]]));
    const elements = Object.values(reference).reduce((n, t) => n + numel(t.dims), 0);
    if (keptElements + elements <= KEPT_ELEMENTS) {
      kept.set(feeds, reference);
      keptElements += elements;
    }
    return values;
  };
  try {
    const stats = await timed('calibrate', () =>
      collectStats(calibration, calibrated, calibrationValues, {
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
      rewriteQdq(model, plan, params, { activationScheme: scheme, compactNames: options.compactNames }),
    );
    onProgress?.({ stage: 'rewrite', done: 1, total: 1 });

    const pairs = plan.nodes.map((u) => ({
      float: u.compared,
      quantized: (u.output && dequantized.get(u.output)) || u.compared,
    }));
    const quantizedNames = pairs.map((p) => p.quantized);
    onProgress?.({ stage: 'analyze', done: 0, total: analysis.length });
    const errors = await timed('analyze', async () => {
      const int8 = await loadFor(runner, quantized, quantizedNames);
      try {
        return await compareValues(
          pairs,
          analysis,
          {
            float: async (feeds) => kept.get(feeds) ?? fetchValues(float, feeds, compared),
            quantized: (feeds) => fetchValues(int8, feeds, quantizedNames),
          },
          {
            signal,
            onBatch: (done) => onProgress?.({ stage: 'analyze', done, total: analysis.length }),
          },
        );
      } finally {
        await int8.release();
      }
    });
    return {
      model: quantized,
      report: {
        bytesBefore: encodeModel(model).length,
        bytesAfter: encodeModel(quantized).length,
        method: options.method,
        quantizedNodes: plan.nodes.length,
        layers: layerErrors(plan, params, pairs, errors),
        activations: activationRanges(plan, params, stats),
        floatNodes: plan.floatNodes,
        calibrationBatches: calibration.length,
        analysisBatches: analysis.length,
        ms: performance.now() - start,
        stageMs,
      },
    };
  } finally {
    await float.release();
  }
}

function layerErrors(
  plan: QuantPlan,
  params: Map<string, QuantParams>,
  pairs: readonly ValuePair[],
  errors: readonly { sqnrDb: number; cosine: number }[],
): LayerError[] {
  return plan.nodes.map((u, k) => {
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
}

function activationRanges(
  plan: QuantPlan,
  params: Map<string, QuantParams>,
  stats: Map<string, TensorStats>,
): ActivationRange[] {
  return [...plan.activations].map(([tensor, source]) => {
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
}
