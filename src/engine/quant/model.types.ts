// The contract of whole-model post-training quantization (chapter 3.4): calibrate a float model, rewrite it
// into the QDQ format, and report what it cost in accuracy per layer and what it saved in bytes.
import type { Model } from '../ir/graph';
import type { Tensor } from '../ir/tensor';
import type { CalibrationMethod } from './calibrate/choose';

export interface QuantizeModelOptions {
  method: CalibrationMethod;
  /** Weights per output channel (default true) or one scale per tensor. */
  perChannel?: boolean;
  /** Activations symmetric int8 (true) or asymmetric uint8 (default false). */
  symmetric?: boolean;
  /** Leave the first and/or last quantizable layer in float. */
  keepFloat?: { first?: boolean; last?: boolean };
  /** Percentile method: share of values kept, in %. */
  percentile?: number;
  onProgress?: (progress: { stage: 'calibrate' | 'rewrite' | 'analyze'; done: number; total: number }) => void;
  /** Checked between calibration batches; when set, quantization throws CancelledError. */
  signal?: { readonly aborted: boolean };
}

/** Feeds of the calibration set: each entry is one batch, keyed by the model's input names. */
export type CalibrationSet = Record<string, Tensor>[];

/** How much one quantized layer's output differs from the float model's on the calibration set. */
export interface LayerError {
  /** The quantized node (in the float graph's names) and the value compared. */
  name: string;
  opType: string;
  output: string;
  sqnrDb: number;
  cosine: number;
}

export interface QuantizationReport {
  bytesBefore: number;
  bytesAfter: number;
  method: CalibrationMethod;
  quantizedNodes: number;
  layers: LayerError[];
  ms: number;
}

export interface QuantizeModelResult {
  /** The QDQ model (a copy; the float model is never modified). */
  model: Model;
  report: QuantizationReport;
}
