// The contract of whole-model post-training quantization (chapter 3.4): calibrate a float model, rewrite it
// into the QDQ format, and report what it cost in accuracy per layer and what it saved in bytes.
import type { Model } from '../ir/graph';
import type { Tensor } from '../ir/tensor';
import type { CalibrationMethod } from './calibrate/choose';

export type QuantizeStage = 'calibrate' | 'rewrite' | 'analyze';

export interface QuantizeModelOptions {
  method: CalibrationMethod;
  /** Weights per output channel (default true) or one scale per tensor. */
  perChannel?: boolean;
  /**
   * Activations symmetric int8 (true) or asymmetric uint8 (default false). onnxruntime fuses QDQ Conv and
   * MatMul into int8 kernels on x86 and WebAssembly only with uint8 activations (int8 only on ARM).
   */
  symmetric?: boolean;
  /** Leave the first and/or last quantizable layer (Conv, Gemm, MatMul) in float. */
  keepFloat?: { first?: boolean; last?: boolean };
  /**
   * Name the inserted Q/DQ values and parameters by a short id (t7_q, t7_s …) instead of after the tensor
   * (T_quantized, T_scale …, the default, as onnxruntime's tool writes them): a smaller file when the exporter's
   * names are long, about the same once compressed, harder to read (see qdq.ts).
   */
  compactNames?: boolean;
  /** Percentile method: share of values kept, in %. */
  percentile?: number;
  /** Batches on which the per-layer error is measured (default: the calibration set itself). */
  analysis?: CalibrationSet;
  onProgress?: (progress: { stage: QuantizeStage; done: number; total: number }) => void;
  /** Checked between batches (and between nodes by the interpreter); when set, quantization throws CancelledError. */
  signal?: { readonly aborted: boolean };
}

/** Feeds of the calibration set: each entry is one batch, keyed by the model's input names. */
export type CalibrationSet = Record<string, Tensor>[];

/**
 * Runs models for calibration and analysis. The engine's default is the reference interpreter; a Worker or a
 * benchmark passes one over onnxruntime (the engine never imports it). `load` is called once per model and
 * set of values to fetch, `run` once per batch.
 */
export interface ModelRunner {
  /** Prepares `model` so that each run returns `outputs`: graph outputs or any intermediate value. */
  load(model: Model, outputs: readonly string[]): Promise<LoadedModel>;
}

export interface LoadedModel {
  run(feeds: Record<string, Tensor>): Promise<Record<string, Tensor>>;
  release(): Promise<void>;
}

/** How much one quantized layer's output differs from the float model's on the analysis batches. */
export interface LayerError {
  /** The quantized node (in the float graph's names) and the value compared. */
  name: string;
  opType: string;
  /** The float model's value: the node's output, after a Relu/Clip that runs fused with it. */
  output: string;
  /** The same value in the quantized model (the DequantizeLinear output, or `output` when it stays float). */
  quantizedOutput: string;
  sqnrDb: number;
  cosine: number;
  /** Quantization of `output` (absent when it stays float, e.g. a graph output). */
  scale?: number;
  zeroPoint?: number;
}

/** One activation tensor given a Q→DQ pair: its observed range and the range the method chose. */
export interface ActivationRange {
  tensor: string;
  /** Observed over the calibration set (absent for a tensor that shares another's parameters). */
  min?: number;
  max?: number;
  /** The range the grid covers: [(qmin − zp)·scale, (qmax − zp)·scale]. */
  rangeMin: number;
  rangeMax: number;
  scale: number;
  zeroPoint: number;
  /** Pass-through ops (MaxPool, Flatten, Reshape …) reuse their input's parameters, as onnxruntime requires to run them on integers. */
  sharedWith?: string;
}

/** A node left in float, and why. */
export interface FloatNode {
  name: string;
  opType: string;
  reason: string;
}

export interface QuantizationReport {
  /** Bytes of the serialized float and quantized models. */
  bytesBefore: number;
  bytesAfter: number;
  method: CalibrationMethod;
  /** Nodes of the float graph that run quantized (Conv, Gemm, Add, MaxPool …); fused Relu/Clip not counted. */
  quantizedNodes: number;
  layers: LayerError[];
  activations: ActivationRange[];
  floatNodes: FloatNode[];
  calibrationBatches: number;
  analysisBatches: number;
  /** Wall time in total and per stage, milliseconds. */
  ms: number;
  stageMs: Record<QuantizeStage, number>;
}

export interface QuantizeModelResult {
  /** The QDQ model (a copy; the float model is never modified). */
  model: Model;
  report: QuantizationReport;
}

/** The signature of quantizeModel (src/engine/quant/quantizeModel.ts): the runner defaults to the reference interpreter. */
export type QuantizeModel = (
  model: Model,
  calibration: CalibrationSet,
  options: QuantizeModelOptions,
  runner?: ModelRunner,
) => Promise<QuantizeModelResult>;
