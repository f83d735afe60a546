// The layout viewer's view model, built from the engine's address functions and traces: which logical element
// each memory slot holds, where each element lives, the reads of a conv inner loop, the moves of a pack.
import {
  Recorder,
  cacheLinesTouched,
  convInnerLoop,
  layoutSize,
  offsetOf,
  packLayoutInto,
  unpackLayout,
  type Dims4,
  type InnerLoopAccess,
  type Layout,
  type LayoutEvent,
} from '../../engine';

export interface Coord {
  n: number;
  c: number;
  h: number;
  w: number;
}

/** Bounds of a tensor the viewer draws element by element. */
export const VIEW_LIMITS = { n: 2, c: 64, h: 8, w: 8, elements: 1024 } as const;

/** Floats per 64-byte cache line. */
export const LINE_ELEMENTS = 16;

export function dimsProblem(dims: readonly number[]): keyof typeof VIEW_LIMITS | null {
  const names = ['n', 'c', 'h', 'w'] as const;
  for (let i = 0; i < 4; i++) {
    const v = dims[i];
    if (!Number.isInteger(v) || v < 1 || v > VIEW_LIMITS[names[i]]) return names[i];
  }
  return dims.reduce((a, b) => a * b, 1) > VIEW_LIMITS.elements ? 'elements' : null;
}

/** Calls f for every logical element in NCHW order. */
function forEachElement(dims: Dims4, f: (p: Coord, i: number) => void): void {
  const [N, C, H, W] = dims;
  let i = 0;
  for (let n = 0; n < N; n++)
    for (let c = 0; c < C; c++)
      for (let h = 0; h < H; h++) for (let w = 0; w < W; w++) f({ n, c, h, w }, i++);
}

/** Each logical element's address in the layout, indexed in NCHW order. */
export function addressesOf(layout: Layout, dims: Dims4): Int32Array {
  const out = new Int32Array(dims[0] * dims[1] * dims[2] * dims[3]);
  forEachElement(dims, (p, i) => (out[i] = offsetOf(layout, dims, p.n, p.c, p.h, p.w)));
  return out;
}

/** What each memory slot of the layout holds: a logical element, or null for NC4HW4's padding channels. */
export function memorySlots(layout: Layout, dims: Dims4): (Coord | null)[] {
  const slots: (Coord | null)[] = new Array(layoutSize(layout, dims)).fill(null);
  forEachElement(dims, (p) => (slots[offsetOf(layout, dims, p.n, p.c, p.h, p.w)] = p));
  return slots;
}

export interface InnerLoop extends InnerLoopAccess {
  /** Cache lines (of LINE_ELEMENTS floats) touched, in first-touch order. */
  lines: number[];
}

/** The reads for output pixel (oh, ow) of image 0 of a k×k, stride-1 convolution padded to keep H×W ("same"). */
export function innerLoopOf(layout: Layout, dims: Dims4, k: number, oh: number, ow: number): InnerLoop {
  const p = Math.floor(k / 2);
  const access = convInnerLoop(layout, dims, [k, k], { pads: [p, p, k - 1 - p, k - 1 - p] }, 0, oh, ow);
  return {
    ...access,
    lines: cacheLinesTouched(
      access.reads.map((r) => r.address),
      LINE_ELEMENTS,
    ),
  };
}

export type Direction = 'pack' | 'unpack';

/**
 * The moves of converting NCHW data into `layout` (pack) or back (unpack), recorded by the engine: in each
 * move, `from` and `to` are addresses in the source and the destination.
 */
export function moveTrace(
  layout: Layout,
  dims: Dims4,
  data: Float32Array,
  direction: Direction,
): LayoutEvent[] {
  const recorder = new Recorder<LayoutEvent>();
  if (direction === 'pack')
    packLayoutInto(layout, dims, data, new Float32Array(layoutSize(layout, dims)), recorder);
  else
    unpackLayout(
      layout,
      packLayoutInto(layout, dims, data, new Float32Array(layoutSize(layout, dims))),
      dims,
      recorder,
    );
  return recorder.events;
}
