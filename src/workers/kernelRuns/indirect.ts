// The indirect-convolution job: the engine's indirect kernel over the whole layer (fp32, or uint8 with
// requantization checked against the integer reference on every output), with the trace of a window of output
// pixels of image 0 — all of a small layer, the top-left corner of a large one — and the memory its counters
// report next to im2col's. The trace is the stepper's timeline: the buffer's entries for the window's pixels
// ('entry' events), then those pixels' outputs ('pixel' events), in the order the kernel did them.
import {
  Recorder,
  checkConvQuant,
  convDirect,
  convIm2col,
  convIndirect,
  convIndirectQuantized,
  convQLinearReference,
  convShape,
  minMax,
  quantizeConvLayer,
  type BufferUse,
  type ConvQuantParams,
  type ConvShape,
  type IndirectEvent,
  type IndirectQuantizedEvent,
  type IndirectionEvent,
  type OpCounts,
} from '../../engine';
import { stageReporter, type JobProgress, type LayerInput } from './stages';

export type Precision = 'fp32' | 'uint8';

/** The drawing's limits: the input it draws (rows or columns, padding included) and the output pixels. */
export const DRAW_LIMITS = { side: 20, outputSide: 12, taps: 25 } as const;

/** The traced output pixels of image 0: rows 0 … rows−1, columns 0 … cols−1. */
export interface PixelWindow {
  rows: number;
  cols: number;
}

export type EntryData = IndirectionEvent['data'];
export interface PixelData {
  n: number;
  p: number;
  entries: number[];
  values: number[];
  /** uint8 only: the int32 accumulators and the integer reference's outputs, per output channel. */
  acc?: number[];
  reference?: number[];
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
  quant: ConvQuantParams;
  /** sx·sw[m]/sy, per output channel (the engine's checkConvQuant). */
  multipliers: number[];
  /** Outputs equal to the integer reference (direct ConvInteger, then requantize), of all outputs. */
  equal: number;
  total: number;
  /** Distinct output values (a check that the agreement is not trivial, e.g. everything clamped to 0). */
  distinct: number;
}

export interface IndirectRun {
  precision: Precision;
  shape: ConvShape;
  window: PixelWindow;
  steps: Step[];
  /** Number of 'entry' steps: the build phase is steps[0 … built − 1]. */
  built: number;
  zeroOffset: number;
  memory: Memory;
  counts: OpCounts;
  quant: QuantView | null;
}

/** Rows (or columns) of input a window of `outputs` rows reads: (outputs − 1)·stride + (K − 1)·dilation + 1. */
const span = (outputs: number, stride: number, kernel: number, dilation: number) =>
  (outputs - 1) * stride + (kernel - 1) * dilation + 1;

/** Output rows of a window whose input stays within DRAW_LIMITS.side; 0 when not even one row fits. */
function windowSide(outputs: number, stride: number, kernel: number, dilation: number): number {
  let n = Math.min(outputs, DRAW_LIMITS.outputSide);
  while (n > 0 && span(n, stride, kernel, dilation) > DRAW_LIMITS.side) n--;
  return n;
}

export function pixelWindow(s: ConvShape): PixelWindow {
  return {
    rows: windowSide(s.oh, s.strideH, s.kh, s.dilationH),
    cols: windowSide(s.ow, s.strideW, s.kw, s.dilationW),
  };
}

/** Why a layer cannot be drawn at all, as numbers (the widget words it), or null. */
export function drawProblem(s: ConvShape): { what: 'taps' | 'span'; value: number; max: number } | null {
  if (s.kh * s.kw > DRAW_LIMITS.taps) return { what: 'taps', value: s.kh * s.kw, max: DRAW_LIMITS.taps };
  const { rows, cols } = pixelWindow(s);
  if (rows === 0 || cols === 0) {
    const value = Math.max(span(1, 1, s.kh, s.dilationH), span(1, 1, s.kw, s.dilationW));
    return { what: 'span', value, max: DRAW_LIMITS.side };
  }
  return null;
}

const buffer = (counts: OpCounts, name: string): BufferUse => {
  const b = counts.buffers.find((x) => x.name === name);
  if (!b) throw new Error(`the kernel reported no "${name}"`);
  return b;
};

/** The timeline from the trace; for uint8, each pixel step also carries the integer reference's outputs. */
function stepsOf(
  events: (IndirectEvent | IndirectQuantizedEvent)[],
  s: ConvShape,
  reference: ArrayLike<number> | null,
): Step[] {
  const plane = s.oh * s.ow;
  return events.map((e): Step => {
    if (e.kind === 'entry') return { kind: 'entry', data: e.data };
    if (!reference) return { kind: 'pixel', data: e.data };
    const ref = Array.from({ length: s.m }, (_, m) => reference[m * plane + e.data.p]);
    return { kind: 'pixel', data: { ...e.data, reference: ref } };
  });
}

export function runIndirect(
  layer: LayerInput,
  precision: Precision,
  onProgress?: (p: JobProgress) => void,
): IndirectRun {
  const { x, w, bias, params } = layer;
  const geometry = convShape(x.dims, w.dims, params);
  const window = pixelWindow(geometry);
  const inWindow = ({ data: d }: { data: { n?: number; p?: number } }) =>
    d.n === 0 && Math.floor(d.p! / geometry.ow) < window.rows && d.p! % geometry.ow < window.cols;
  const stage = stageReporter(precision === 'fp32' ? 2 : 5, onProgress);
  stage('im2col');
  const im2col = convIm2col(x, w, bias, params).counts;
  let events: (IndirectEvent | IndirectQuantizedEvent)[];
  let result: { shape: ConvShape; counts: OpCounts };
  let quant: QuantView | null = null;
  let reference: ArrayLike<number> | null = null;
  if (precision === 'fp32') {
    const recorder = new Recorder<IndirectEvent>(100_000, inWindow);
    stage('indirect');
    result = convIndirect(x, w, bias, params, { recorder });
    events = recorder.events;
  } else {
    // The output scale comes from the float result's range, as a calibrated model would have it.
    stage('direct');
    const range = minMax(convDirect(x, w, bias, params).output.data);
    stage('quantize');
    const q = quantizeConvLayer(x, w, bias, params, range);
    const recorder = new Recorder<IndirectQuantizedEvent>(100_000, inWindow);
    stage('indirect');
    const r = convIndirectQuantized(q.x, q.w, q.bias, params, q.quant, { recorder });
    stage('integer-reference');
    reference = convQLinearReference(q.x, q.w, q.bias, params, q.quant).data;
    const output = r.output.data;
    let equal = 0;
    for (let i = 0; i < output.length; i++) if (output[i] === reference[i]) equal++;
    const check = checkConvQuant(q.quant, r.shape.m, 'uint8', 'int8');
    quant = {
      quant: q.quant,
      multipliers: Array.from({ length: r.shape.m }, (_, m) => check.multiplier(m)),
      equal,
      total: output.length,
      distinct: new Set(output).size,
    };
    result = r;
    events = recorder.events;
  }
  const { shape, counts } = result;
  const steps = stepsOf(events, shape, reference);
  return {
    precision,
    shape,
    window,
    steps,
    built: steps.filter((s) => s.kind === 'entry').length,
    zeroOffset: shape.n * shape.h * shape.w * shape.c,
    memory: {
      indirection: buffer(counts, 'indirection buffer'),
      im2col: buffer(im2col, 'im2col matrix'),
      zero: buffer(counts, 'zero vector'),
      elementBytes: precision === 'fp32' ? 4 : 1,
    },
    counts,
    quant,
  };
}
