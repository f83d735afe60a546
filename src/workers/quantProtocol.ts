// Messages between the page (quantClient.ts) and the quantization Worker (quant.worker.ts).
// Every request carries an id; the worker answers it with exactly one final message (a result or an
// error), and long jobs send progress messages before it. Everything is plain data (numbers, strings,
// typed arrays), so it crosses the boundary by structured clone.
import type {
  CalibrationMethod,
  CalibrationSet,
  Exploration,
  LayerKindId,
  QuantTarget,
  QuantizationReport,
  QuantizeStage,
  SyntheticPreprocessing,
  Tensor,
  ValueInfo,
} from '../engine';
import type { SerializedError } from './ortProtocol';

export type { SerializedError };

/** How the explorer quantizes the chosen tensor (the engine's QuantScheme plus the layout and method knobs). */
export interface ExploreSettings {
  bits: number;
  /** Symmetric: signed integers, zero point 0. Asymmetric: unsigned integers with a zero point. */
  symmetric: boolean;
  /** One scale per output channel (weights only; activations are per tensor). */
  perChannel: boolean;
  /** Share of values the percentile method keeps, in %. */
  percentile: number;
}

/** Whole-model quantization options that cross the boundary (QuantizeModelOptions without callbacks). */
export interface QuantizeSettings {
  method: CalibrationMethod;
  perChannel: boolean;
  symmetric: boolean;
  percentile?: number;
  keepFloat?: { first?: boolean; last?: boolean };
}

/** `count` seeded standard-normal images of a synthetic model's input, in batches (engine's calibrationSetFor). */
export interface SyntheticInputs {
  preprocessing: SyntheticPreprocessing;
  inputName: string;
  count: number;
  batchSize: number;
  seed: number;
}

export type QuantRequest =
  /** Decodes a model and keeps it, with the feeds the explorer computes its activations on (if any). */
  | { kind: 'open'; id: number; model: ArrayBuffer; calibration?: Record<string, Tensor> }
  /** Explores one weight or activation (by value name) of an opened model under every calibration method. */
  | { kind: 'explore'; id: number; handle: number; value: string; settings: ExploreSettings }
  /** Quantizes an opened model into QDQ, calibrating on onnxruntime-web; progress by stage. */
  | {
      kind: 'quantize';
      id: number;
      handle: number;
      calibration: CalibrationSet;
      /** Batches the per-layer error is measured on (default: the calibration set). */
      analysis?: CalibrationSet;
      settings: QuantizeSettings;
    }
  /**
   * Builds one of the engine's layer-kind chains (LAYER_KINDS) and quantizes it on onnxruntime-web (MinMax,
   * per channel): the float and int8 models to time against each other. Progress by stage.
   */
  | { kind: 'chain'; id: number; layerKind: LayerKindId }
  /** Seeded synthetic inputs for a model without data, generated here so the page's main thread stays free. */
  | { kind: 'synthesize'; id: number; spec: SyntheticInputs }
  | { kind: 'close'; id: number; handle: number };

export type QuantResponse =
  | {
      kind: 'opened';
      id: number;
      handle: number;
      targets: QuantTarget[];
      /** The graph's data inputs (not initializers) and outputs, as declared. */
      inputs: ValueInfo[];
      outputs: ValueInfo[];
    }
  | { kind: 'quantized'; id: number; model: ArrayBuffer; report: QuantizationReport }
  | { kind: 'synthesized'; id: number; batches: CalibrationSet }
  | { kind: 'chain'; id: number; float: ArrayBuffer; int8: ArrayBuffer }
  | { kind: 'explored'; id: number; exploration: Exploration; dims: number[]; ms: number }
  | { kind: 'closed'; id: number }
  | { kind: 'progress'; id: number; stage: QuantizeStage; done: number; total: number }
  /** id is null for a failure that belongs to no request (an uncaught error inside the worker). */
  | { kind: 'error'; id: number | null; error: SerializedError };
