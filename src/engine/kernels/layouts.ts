// Memory layouts of an activation tensor [N, C, H, W]: the same logical elements in different linear orders.
//   NCHW    — each channel is a contiguous H×W plane (PyTorch/ONNX default).
//   NHWC    — the C channels of one pixel are contiguous (TensorFlow, QNNPACK, most mobile engines).
//   NC4HW4  — channels in blocks of 4 (zero-padded to a multiple of 4), each pixel's 4 channels contiguous
//             (MNN): one 128-bit SIMD register holds exactly one pixel's block.
import type { Tensor } from '../ir/tensor';
import { ModelError } from '../errors';
import type { Recorder, TraceEvent } from '../trace/trace';
import { convShape, type ConvParams } from './conv-shape';
import { validTaps } from './direct';

export type Layout = 'NCHW' | 'NHWC' | 'NC4HW4';
export const LAYOUTS: readonly Layout[] = ['NCHW', 'NHWC', 'NC4HW4'];

/** Dims [N, C, H, W] of the logical tensor, whatever its layout. */
export type Dims4 = readonly [number, number, number, number];

/** Channel blocks of NC4HW4. */
const blocks = (c: number) => Math.ceil(c / 4);

function checkDims(dims: readonly number[]): Dims4 {
  if (dims.length !== 4 || !dims.every((d) => Number.isInteger(d) && d >= 1))
    throw new ModelError(
      'input',
      `layouts take 4-D [N, C, H, W] tensors with positive dims, got [${dims.join(', ')}]`,
    );
  return dims as unknown as Dims4;
}

/** Number of stored elements (NC4HW4 stores the padding channels too). */
export function layoutSize(layout: Layout, dims: readonly number[]): number {
  const [n, c, h, w] = checkDims(dims);
  return layout === 'NC4HW4' ? n * blocks(c) * h * w * 4 : n * c * h * w;
}

/** The linear address of logical element (n, c, h, w) in a layout: the address function a kernel computes. */
export function offsetOf(layout: Layout, dims: Dims4, n: number, c: number, h: number, w: number): number {
  const [, C, H, W] = dims;
  switch (layout) {
    case 'NCHW':
      return ((n * C + c) * H + h) * W + w;
    case 'NHWC':
      return ((n * H + h) * W + w) * C + c;
    case 'NC4HW4':
      return (((n * blocks(C) + (c >> 2)) * H + h) * W + w) * 4 + (c & 3);
  }
}

export type LayoutEvent = TraceEvent<
  'move',
  { n: number; c: number; h: number; w: number; from: number; to: number }
>;

/** Writes NCHW data into `out` in `layout`, element by element through the address function. Padding channels stay as they are in `out`. */
export function packLayoutInto<T extends { [i: number]: number; length: number }>(
  layout: Layout,
  dims: readonly number[],
  nchw: ArrayLike<number>,
  out: T,
  recorder?: Recorder<LayoutEvent>,
): T {
  const d = checkDims(dims);
  const [N, C, H, W] = d;
  if (nchw.length !== N * C * H * W || out.length < layoutSize(layout, d))
    throw new ModelError(
      'input',
      `pack ${layout}: ${nchw.length} values / ${out.length} slots for [${d.join(', ')}]`,
    );
  for (let n = 0, from = 0; n < N; n++)
    for (let c = 0; c < C; c++)
      for (let h = 0; h < H; h++)
        for (let w = 0; w < W; w++, from++) {
          const to = offsetOf(layout, d, n, c, h, w);
          out[to] = nchw[from];
          if (recorder && !recorder.full) recorder.emit('move', { n, c, h, w, from, to });
        }
  return out;
}

/** An NCHW float32 tensor's data in `layout` (NC4HW4 padding channels are zeros). */
export function packLayout(
  layout: Layout,
  x: Tensor<'float32'>,
  recorder?: Recorder<LayoutEvent>,
): Float32Array {
  return packLayoutInto(layout, x.dims, x.data, new Float32Array(layoutSize(layout, x.dims)), recorder);
}

/** Back to an NCHW tensor from data stored in `layout` (NC4HW4 padding channels are dropped). */
export function unpackLayout(
  layout: Layout,
  data: Float32Array,
  dims: readonly number[],
  recorder?: Recorder<LayoutEvent>,
): Tensor<'float32'> {
  const d = checkDims(dims);
  const [N, C, H, W] = d;
  if (data.length !== layoutSize(layout, d))
    throw new ModelError('input', `unpack ${layout}: ${data.length} values for [${d.join(', ')}]`);
  const out = new Float32Array(N * C * H * W);
  for (let n = 0, to = 0; n < N; n++)
    for (let c = 0; c < C; c++)
      for (let h = 0; h < H; h++)
        for (let w = 0; w < W; w++, to++) {
          const from = offsetOf(layout, d, n, c, h, w);
          out[to] = data[from];
          if (recorder && !recorder.full) recorder.emit('move', { n, c, h, w, from, to });
        }
  return { dtype: 'float32', dims: [...d], data: out };
}

export interface InnerLoopRead {
  address: number;
  c: number;
  h: number;
  w: number;
}

export interface InnerLoopAccess {
  /** The loop nest, outermost first, that walks each layout in its natural order. */
  loops: string[];
  /** Input elements read for one output pixel, in loop order (taps on padding are skipped). */
  reads: InnerLoopRead[];
  /** Maximal runs of consecutive addresses in `reads`: what one contiguous (vectorizable) load covers. */
  runs: { start: number; length: number }[];
}

/**
 * The input addresses a direct convolution reads to compute output pixel (n, oh, ow) of every output channel,
 * with the reduction loops ordered for the layout: NCHW walks a kernel row inside one channel plane (runs of kW
 * at most), NHWC walks the channels of one pixel (runs of C), NC4HW4 walks one 4-channel block of one pixel
 * (runs of 4, one SIMD vector).
 */
export function convInnerLoop(
  layout: Layout,
  dims: readonly number[],
  kernel: readonly [number, number],
  params: ConvParams,
  n: number,
  oh: number,
  ow: number,
): InnerLoopAccess {
  const d = checkDims(dims);
  const s = convShape(d, [1, d[1], kernel[0], kernel[1]], params);
  if (n < 0 || n >= s.n || oh < 0 || oh >= s.oh || ow < 0 || ow >= s.ow)
    throw new ModelError('input', `output pixel (${n}, ${oh}, ${ow}) is outside the ${s.oh}×${s.ow} output`);
  const ih0 = oh * s.strideH - s.padTop;
  const iw0 = ow * s.strideW - s.padLeft;
  const [khLo, khHi] = validTaps(ih0, s.h, s.kh, s.dilationH);
  const [kwLo, kwHi] = validTaps(iw0, s.w, s.kw, s.dilationW);
  const reads: InnerLoopRead[] = [];
  const read = (c: number, kh: number, kw: number) => {
    const h = ih0 + kh * s.dilationH;
    const w = iw0 + kw * s.dilationW;
    reads.push({ address: offsetOf(layout, d, n, c, h, w), c, h, w });
  };
  const taps = (body: (kh: number, kw: number) => void) => {
    for (let kh = khLo; kh < khHi; kh++) for (let kw = kwLo; kw < kwHi; kw++) body(kh, kw);
  };
  let loops: string[];
  if (layout === 'NCHW') {
    loops = ['c', 'kh', 'kw'];
    for (let c = 0; c < s.c; c++) taps((kh, kw) => read(c, kh, kw));
  } else if (layout === 'NHWC') {
    loops = ['kh', 'kw', 'c'];
    taps((kh, kw) => {
      for (let c = 0; c < s.c; c++) read(c, kh, kw);
    });
  } else {
    loops = ['c/4', 'kh', 'kw', 'c%4'];
    for (let cb = 0; cb < blocks(s.c); cb++)
      taps((kh, kw) => {
        for (let c = 4 * cb; c < Math.min(s.c, 4 * cb + 4); c++) read(c, kh, kw);
      });
  }
  const runs: { start: number; length: number }[] = [];
  for (const { address } of reads) {
    const last = runs.at(-1);
    if (last && address === last.start + last.length) last.length++;
    else runs.push({ start: address, length: 1 });
  }
  return { loops, reads, runs };
}

/**
 * The cache lines a sequence of reads touches, in first-touch order: line ⌊address / lineElements⌋, with lines
 * aligned at address 0 (a 64-byte line holds 16 float32s). Fewer lines for the same reads is less memory traffic.
 */
export function cacheLinesTouched(addresses: readonly number[], lineElements = 16): number[] {
  if (!Number.isInteger(lineElements) || lineElements < 1)
    throw new ModelError(
      'input',
      `a cache line holds a positive whole number of elements, got ${lineElements}`,
    );
  const lines = new Set<number>();
  for (const a of addresses) lines.add(Math.floor(a / lineElements));
  return [...lines];
}
