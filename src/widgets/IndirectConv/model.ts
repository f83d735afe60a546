// The indirect-convolution stepper's view model: one run of the engine's indirect kernel (fp32, or uint8 with
// requantization) with its trace, the memory its counters report next to im2col's, and for uint8 the check
// against the integer reference. The trace is the timeline: building the buffer ('entry' events), then
// computing the outputs ('pixel' events), in the order the kernel did them.
import {
  Recorder,
  checkConvQuant,
  convDirect,
  convIm2col,
  convIndirect,
  convIndirectQuantized,
  convQLinearReference,
  minMax,
  quantizeConvLayer,
  type BufferUse,
  type ConvParams,
  type ConvShape,
  type IndirectEvent,
  type IndirectQuantizedEvent,
  type IndirectionEvent,
  type OpCounts,
  type QuantizedConvLayer,
  type Tensor,
} from '../../engine';

export type Precision = 'fp32' | 'uint8';

export interface LayerInput {
  x: Tensor<'float32'>;
  w: Tensor<'float32'>;
  bias: Tensor<'float32'> | null;
  params: ConvParams;
}

export type EntryData = IndirectionEvent['data'];
export interface PixelData {
  n: number;
  p: number;
  entries: number[];
  values: number[];
  /** uint8 only: the int32 accumulators, per output channel. */
  acc?: number[];
}

export type Step = { kind: 'entry'; data: EntryData } | { kind: 'pixel'; data: PixelData };

export interface Memory {
  indirection: BufferUse;
  im2col: BufferUse;
  zero: BufferUse;
  /** Bytes per element of the activations (4 for fp32, 1 for uint8). */
  elementBytes: number;
}

export interface QuantView {
  layer: QuantizedConvLayer;
  /** sx·sw[m]/sy, per output channel (the engine's checkConvQuant). */
  multipliers: number[];
  /** The integer reference (direct ConvInteger, then requantize) of every output. */
  reference: ArrayLike<number>;
  /** Outputs equal to the reference, of all outputs. */
  equal: number;
  total: number;
}

export interface IndirectRun {
  precision: Precision;
  shape: ConvShape;
  steps: Step[];
  /** Number of 'entry' steps: the build phase is steps[0 … built − 1]. */
  built: number;
  zeroOffset: number;
  memory: Memory;
  counts: OpCounts;
  quant: QuantView | null;
}

const buffer = (counts: OpCounts, name: string): BufferUse => {
  const b = counts.buffers.find((x) => x.name === name);
  if (!b) throw new Error(`the kernel reported no "${name}"`);
  return b;
};

function memoryOf(indirect: OpCounts, im2col: OpCounts, elementBytes: number): Memory {
  return {
    indirection: buffer(indirect, 'indirection buffer'),
    im2col: buffer(im2col, 'im2col matrix'),
    zero: buffer(indirect, 'zero vector'),
    elementBytes,
  };
}

const stepsOf = (events: (IndirectEvent | IndirectQuantizedEvent)[]): Step[] =>
  events.map((e) => (e.kind === 'entry' ? { kind: 'entry', data: e.data } : { kind: 'pixel', data: e.data }));

/** What both precisions report: the timeline from the trace, the geometry and the memory counters. */
function runOf(
  precision: Precision,
  events: (IndirectEvent | IndirectQuantizedEvent)[],
  result: { shape: ConvShape; counts: OpCounts },
  im2col: OpCounts,
  quant: QuantView | null,
): IndirectRun {
  const { shape, counts } = result;
  const steps = stepsOf(events);
  return {
    precision,
    shape,
    steps,
    built: steps.filter((s) => s.kind === 'entry').length,
    zeroOffset: shape.n * shape.h * shape.w * shape.c,
    memory: memoryOf(counts, im2col, precision === 'fp32' ? 4 : 1),
    counts,
    quant,
  };
}

/** Runs the layer through the indirect kernel with a recorder, and im2col for its memory counters. */
export function runIndirect(layer: LayerInput, precision: Precision): IndirectRun {
  const { x, w, bias, params } = layer;
  const im2col = convIm2col(x, w, bias, params).counts;
  if (precision === 'fp32') {
    const recorder = new Recorder<IndirectEvent>();
    return runOf(precision, recorder.events, convIndirect(x, w, bias, params, { recorder }), im2col, null);
  }
  // The output scale comes from the float result's range, as a calibrated model would have it.
  const q = quantizeConvLayer(x, w, bias, params, minMax(convDirect(x, w, bias, params).output.data));
  const recorder = new Recorder<IndirectQuantizedEvent>();
  const result = convIndirectQuantized(q.x, q.w, q.bias, params, q.quant, { recorder });
  const reference = convQLinearReference(q.x, q.w, q.bias, params, q.quant).data;
  const output = result.output.data;
  let equal = 0;
  for (let i = 0; i < output.length; i++) if (output[i] === reference[i]) equal++;
  const check = checkConvQuant(q.quant, result.shape.m, 'uint8', 'int8');
  return runOf(precision, recorder.events, result, im2col, {
    layer: q,
    multipliers: Array.from({ length: result.shape.m }, (_, m) => check.multiplier(m)),
    reference,
    equal,
    total: output.length,
  });
}

/** Largest layer the stepper draws pixel by pixel (padded input side, output pixels, kernel taps). */
export const DRAW_LIMITS = { side: 20, pixels: 144, taps: 25 } as const;

/** Why a layer is too large to draw, as numbers (the widget words it), or null. */
export function drawProblem(
  s: ConvShape,
): { what: 'side' | 'pixels' | 'taps'; value: number; max: number } | null {
  const side = Math.max(s.h + s.padTop + s.padBottom, s.w + s.padLeft + s.padRight);
  if (side > DRAW_LIMITS.side) return { what: 'side', value: side, max: DRAW_LIMITS.side };
  if (s.oh * s.ow > DRAW_LIMITS.pixels)
    return { what: 'pixels', value: s.oh * s.ow, max: DRAW_LIMITS.pixels };
  if (s.kh * s.kw > DRAW_LIMITS.taps) return { what: 'taps', value: s.kh * s.kw, max: DRAW_LIMITS.taps };
  return null;
}

/** The build events of each output pixel (n = 0), by pixel index: where each of its entries points. */
export function entriesByPixel(run: IndirectRun): EntryData[][] {
  const out: EntryData[][] = Array.from({ length: run.shape.oh * run.shape.ow }, () => []);
  for (const s of run.steps) if (s.kind === 'entry' && s.data.n === 0) out[s.data.p].push(s.data);
  return out;
}
