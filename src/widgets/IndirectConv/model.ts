// The indirect-convolution stepper's view of a run (made in the kernels Worker, workers/kernelRuns/indirect.ts):
// the entries of each traced output pixel, each pixel's place in the timeline, and the part of the input, the
// buffer and the output the drawing shows — all of a small layer, the window's corner of a large one.
import type { ConvShape } from '../../engine';
import type { EntryData, IndirectRun, PixelWindow } from '../../workers/kernelRuns/indirect';

/** The build events of each traced output pixel (n = 0), by pixel index p = oh·Wo + ow. */
export function entriesByPixel(run: IndirectRun): Map<number, EntryData[]> {
  const out = new Map<number, EntryData[]>();
  for (const s of run.steps)
    if (s.kind === 'entry' && s.data.n === 0) {
      const list = out.get(s.data.p);
      if (list) list.push(s.data);
      else out.set(s.data.p, [s.data]);
    }
  return out;
}

/** Position of output pixel p in the window, row by row: the order in which the kernel builds and computes them. */
export const windowOrder = (s: ConvShape, window: PixelWindow, p: number) =>
  Math.floor(p / s.ow) * window.cols + (p % s.ow);

/** What the drawing shows: the window's output pixels and the input they read, padding included. */
export interface DrawnRegion {
  rows: number;
  cols: number;
  /** Input rows ih0 … ih1 and columns iw0 … iw1 (inclusive; negative or past H, W on the padding). */
  ih0: number;
  ih1: number;
  iw0: number;
  iw1: number;
  /** Whether this is only part of the layer. */
  partial: boolean;
}

export function drawnRegion(s: ConvShape, window: PixelWindow): DrawnRegion {
  // The last input row (column) the window reads; the whole padded input when the window is the whole output.
  const last = (
    outputs: number,
    all: number,
    stride: number,
    pad: number,
    kernel: number,
    d: number,
    end: number,
  ) => (outputs === all ? end : Math.min(end, (outputs - 1) * stride - pad + (kernel - 1) * d));
  return {
    rows: window.rows,
    cols: window.cols,
    ih0: -s.padTop,
    ih1: last(window.rows, s.oh, s.strideH, s.padTop, s.kh, s.dilationH, s.h - 1 + s.padBottom),
    iw0: -s.padLeft,
    iw1: last(window.cols, s.ow, s.strideW, s.padLeft, s.kw, s.dilationW, s.w - 1 + s.padRight),
    partial: window.rows < s.oh || window.cols < s.ow,
  };
}
