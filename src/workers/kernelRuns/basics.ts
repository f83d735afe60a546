// The convolution-basics job: the engine's direct convolution of the whole layer, with the trace of a window
// of its output elements (every one of a small layer; the top-left corner of the first output channels of a
// large one), so that a widget can step through them while the counters cover the whole layer.
import { convDirect, convShape, Recorder, type ConvShape, type DirectEvent } from '../../engine';
import { stageReporter, type JobProgress, type LayerInput } from './stages';

/** Output elements traced at most, and products (taps) over all traced elements at most. */
export const TRACE_OUTPUTS = 1024;
export const TRACE_TAPS = 60_000;

/** The traced output elements of image 0: channels 0 … channels−1, rows 0 … rows−1, columns 0 … cols−1. */
export interface OutputWindow {
  channels: number;
  rows: number;
  cols: number;
}

export interface BasicsRun {
  events: DirectEvent[];
  window: OutputWindow;
  /** Output elements of the whole layer (N·K·Ho·Wo). */
  outputs: number;
  /** Multiplications of the whole layer (the engine's counter). */
  mults: number;
}

/** The whole of image 0 when it fits the budget, else its first channels, else a corner of channel 0. */
export function basicsWindow(s: ConvShape): OutputWindow {
  const taps = Math.max(1, s.cg * s.kh * s.kw);
  const budget = Math.min(TRACE_OUTPUTS, Math.max(16, Math.floor(TRACE_TAPS / taps)));
  const plane = s.oh * s.ow;
  if (plane <= budget) return { channels: Math.min(s.m, Math.floor(budget / plane)), rows: s.oh, cols: s.ow };
  const cols = Math.min(s.ow, Math.floor(Math.sqrt(budget)));
  return { channels: 1, rows: Math.min(s.oh, Math.floor(budget / cols)), cols };
}

export function runBasics(layer: LayerInput, onProgress?: (p: JobProgress) => void): BasicsRun {
  const { x, w, bias, params } = layer;
  const window = basicsWindow(convShape(x.dims, w.dims, params));
  const recorder = new Recorder<DirectEvent>(
    TRACE_OUTPUTS,
    ({ data: d }) => d.n === 0 && d.m! < window.channels && d.oh! < window.rows && d.ow! < window.cols,
  );
  stageReporter(1, onProgress)('direct');
  const { shape, counts } = convDirect(x, w, bias, params, { recorder });
  return {
    events: recorder.events,
    window,
    outputs: shape.n * shape.m * shape.oh * shape.ow,
    mults: counts.mults,
  };
}
