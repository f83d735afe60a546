// Messages between the page (quantClient.ts) and the quantization Worker (quant.worker.ts).
// Every request carries an id; the worker answers it with exactly one final message (a result or an
// error), and long jobs send progress messages before it. Everything is plain data (numbers, strings,
// typed arrays), so it crosses the boundary by structured clone.
import type { Exploration, QuantTarget, Tensor } from '../engine';
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

export type QuantRequest =
  /** Decodes a model and keeps it, with the calibration feeds its activations are computed on. */
  | { kind: 'open'; id: number; model: ArrayBuffer; calibration: Record<string, Tensor> }
  /** Explores one weight or activation (by value name) of an opened model under every calibration method. */
  | { kind: 'explore'; id: number; handle: number; value: string; settings: ExploreSettings }
  | { kind: 'close'; id: number; handle: number };

export type QuantResponse =
  | { kind: 'opened'; id: number; handle: number; targets: QuantTarget[] }
  | { kind: 'explored'; id: number; exploration: Exploration; dims: number[]; ms: number }
  | { kind: 'closed'; id: number }
  | { kind: 'progress'; id: number; stage: string; done: number; total: number }
  /** id is null for a failure that belongs to no request (an uncaught error inside the worker). */
  | { kind: 'error'; id: number | null; error: SerializedError };
