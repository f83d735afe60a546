// What the convolution-basics widget shows at each step, derived from the engine's direct-convolution
// trace (run in the kernels Worker, workers/kernelRuns/basics.ts): the output element being computed, its
// window on the (padded) input, its taps, and the outputs of the same channel finished so far. The arithmetic
// is the engine's; this file only indexes its events.
import type { ConvShape, DirectEvent, Tap } from '../../engine';

/** One position of the kernel window: input coordinates (may lie on padding) and the tap there, if any. */
export interface WindowCell {
  c: number;
  kh: number;
  kw: number;
  ih: number;
  iw: number;
  tap: Tap | null;
}

/**
 * Every position of the window of an output element, over all input channels of its group: the engine's
 * taps where they fall inside the input, and the padding positions it skipped (tap null).
 */
export function windowCells(event: DirectEvent, s: ConvShape): WindowCell[] {
  const { m, ih0, iw0, taps } = event.data;
  const c0 = Math.floor(m / s.mg) * s.cg;
  const byPosition = new Map(taps.map((t) => [`${t.c},${t.kh},${t.kw}`, t]));
  const cells: WindowCell[] = [];
  for (let c = c0; c < c0 + s.cg; c++)
    for (let kh = 0; kh < s.kh; kh++)
      for (let kw = 0; kw < s.kw; kw++)
        cells.push({
          c,
          kh,
          kw,
          ih: ih0 + kh * s.dilationH,
          iw: iw0 + kw * s.dilationW,
          tap: byPosition.get(`${c},${kh},${kw}`) ?? null,
        });
  return cells;
}

/** Values of output channel m finished at or before `step` (the trace visits the channel row by row). */
export function finishedOutputs(events: DirectEvent[], step: number): Map<string, number> {
  const current = events[step]?.data;
  const done = new Map<string, number>();
  if (!current) return done;
  for (let i = 0; i <= step; i++) {
    const d = events[i].data;
    if (d.n === current.n && d.m === current.m) done.set(`${d.oh},${d.ow}`, d.value);
  }
  return done;
}

/** The input channels a panel row shows: the current group's first ones, plus one outside it (dimmed) when grouped. */
export function shownChannels(
  s: ConvShape,
  m: number,
  max = 4,
): { channels: number[]; inGroup: Set<number> } {
  const c0 = Math.floor(m / s.mg) * s.cg;
  const group = Array.from({ length: Math.min(s.cg, max) }, (_, i) => c0 + i);
  const outside = s.group > 1 ? [(c0 + s.cg) % s.c] : [];
  return {
    channels: [...group, ...outside],
    inGroup: new Set(Array.from({ length: s.cg }, (_, i) => c0 + i)),
  };
}
