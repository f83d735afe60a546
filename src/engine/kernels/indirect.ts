// Indirect convolution (Dukhan 2019, "The Indirect Convolution Algorithm"; QNNPACK). Instead of copying every
// patch into an im2col matrix, build an indirection buffer: for each output pixel and kernel tap, where the C
// channels of the input pixel it reads start in an NHWC input — or, for a tap on padding, the start of a zero
// vector. The kernel then follows these offsets; it never branches on padding and never copies the input. The
// buffer has kH·kW entries per output pixel: C times smaller than the im2col matrix.
import type { Tensor } from '../ir/tensor';
import type { Recorder, TraceEvent } from '../trace/trace';
import { checkBufferSize, checkConvInputs, type ConvParams, type ConvShape } from './conv-shape';
import { emptyCounts, noteBuffer, scratch } from './counts';
import type { ConvResult } from './direct';
import { packLayoutInto } from './layouts';

export type IndirectionEvent =
  /**
   * Entry k (tap (kh, kw)) of output pixel p = (oh, ow) of image n: the input pixel (ih, iw) it reads, at NHWC
   * offset `offset`, or the zero vector (offset = zeroOffset) when that tap falls on padding.
   */
  TraceEvent<
    'entry',
    {
      n: number;
      p: number;
      oh: number;
      ow: number;
      k: number;
      kh: number;
      kw: number;
      ih: number;
      iw: number;
      offset: number;
      zero: boolean;
    }
  >;

export type IndirectEvent =
  | IndirectionEvent
  /** Output pixel p of image n: its value in every output channel, computed from its kH·kW entries. */
  | TraceEvent<'pixel', { n: number; p: number; entries: number[]; values: number[] }>;

/** Any recorder that accepts 'entry' events (the fp32 and the quantized kernels record more kinds besides). */
export type EntryRecorder = Pick<Recorder<IndirectionEvent>, 'emit' | 'wants'>;

export interface Indirection {
  /** N·Ho·Wo·kH·kW offsets, entry ((n·Ho + oh)·Wo + ow)·kH·kW + kh·kW + kw. */
  entries: Int32Array;
  /** Offset of the zero vector: right after the N·H·W·C input values. */
  zeroOffset: number;
}

/** Builds the indirection buffer of a convolution over an NHWC input followed by a zero vector of C values. */
export function buildIndirection(s: ConvShape, recorder?: EntryRecorder): Indirection {
  const { n: N, h: H, w: W, c: C, kh: KH, kw: KW, oh: OH, ow: OW } = s;
  checkBufferSize('indirection buffer', N * OH * OW * KH * KW);
  const entries = new Int32Array(N * OH * OW * KH * KW);
  const zeroOffset = N * H * W * C;
  let e = 0;
  for (let n = 0; n < N; n++)
    for (let oh = 0; oh < OH; oh++)
      for (let ow = 0; ow < OW; ow++)
        for (let kh = 0; kh < KH; kh++) {
          const ih = oh * s.strideH - s.padTop + kh * s.dilationH;
          for (let kw = 0; kw < KW; kw++, e++) {
            const iw = ow * s.strideW - s.padLeft + kw * s.dilationW;
            const zero = ih < 0 || ih >= H || iw < 0 || iw >= W;
            entries[e] = zero ? zeroOffset : ((n * H + ih) * W + iw) * C;
            if (recorder?.wants('entry', { n, p: oh * OW + ow }))
              recorder.emit('entry', {
                n,
                p: oh * OW + ow,
                oh,
                ow,
                k: kh * KW + kw,
                kh,
                kw,
                ih,
                iw,
                offset: entries[e],
                zero,
              });
          }
        }
  return { entries, zeroOffset };
}

/** Output pixels × output channels computed together by the micro-kernel (QNNPACK's MR × NR). */
const MR = 4;
const NR = 4;

/**
 * Packs weights [M, C/group, kH, kW] for the micro-kernel as [group][M/group in blocks of 4][kH·kW][C/group][4]
 * (minus a zero point; zeros for the missing channels of a last, partial block): the 4 output channels of a
 * block are adjacent, and a tap's input channels follow each other like the input pixel's channels they multiply.
 */
export function packWeightsForIndirect<T extends { [i: number]: number; length: number }>(
  s: ConvShape,
  w: ArrayLike<number>,
  makeBuffer: (length: number) => T,
  zeroPoint: (m: number) => number = () => 0,
): T {
  const KK = s.kh * s.kw;
  const blocks = Math.ceil(s.mg / NR);
  const out = makeBuffer(s.group * blocks * KK * s.cg * NR);
  for (let m = 0; m < s.m; m++) {
    const g = Math.floor(m / s.mg);
    const mg = m % s.mg;
    const block = g * blocks + Math.floor(mg / NR);
    for (let ci = 0; ci < s.cg; ci++)
      for (let k = 0; k < KK; k++)
        out[((block * KK + k) * s.cg + ci) * NR + (mg % NR)] = w[(m * s.cg + ci) * KK + k] - zeroPoint(m);
  }
  return out;
}

/** Indirect convolution of float32 NCHW tensors (converted to NHWC for the kernel, as QNNPACK expects). */
export function convIndirect(
  x: Tensor<'float32'>,
  w: Tensor<'float32'>,
  bias: Tensor<'float32'> | null,
  params: ConvParams = {},
  { recorder }: { recorder?: Recorder<IndirectEvent> } = {},
): ConvResult {
  const s = checkConvInputs(x, w, bias, params);
  const { n: N, c: C, m: M, cg: CG, mg: MG, oh: OH, ow: OW } = s;
  const KK = s.kh * s.kw;
  const P = OH * OW;
  const blocks = Math.ceil(MG / NR);
  const counts = emptyCounts();
  const { entries, zeroOffset } = buildIndirection(s, recorder);
  noteBuffer(counts, 'indirection buffer', entries.length, entries.byteLength);
  // One allocation: the NHWC copy of the input, then the zero vector (C zeros) that padding taps point at.
  const input = new Float32Array(zeroOffset + C);
  packLayoutInto('NHWC', x.dims, x.data, input);
  noteBuffer(counts, 'NHWC input (layout conversion)', zeroOffset, zeroOffset * 4);
  noteBuffer(counts, 'zero vector', C, C * 4);
  const packed = scratch(
    counts,
    'packed weights',
    packWeightsForIndirect(s, w.data, (n) => new Float32Array(n)),
  );
  const out = new Float32Array(N * M * P);
  for (let n = 0; n < N; n++)
    for (let p0 = 0; p0 < P; p0 += MR) {
      // A last, partial block of pixels repeats its last pixel; only the real pixels are stored.
      const pixels = Math.min(MR, P - p0);
      const e0 = (n * P + p0) * KK;
      const e1 = (n * P + p0 + Math.min(1, pixels - 1)) * KK;
      const e2 = (n * P + p0 + Math.min(2, pixels - 1)) * KK;
      const e3 = (n * P + p0 + Math.min(3, pixels - 1)) * KK;
      for (let g = 0; g < s.group; g++)
        for (let b = 0; b < blocks; b++) {
          // prettier-ignore
          let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0,
              c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
          const channel0 = g * CG;
          for (let k = 0; k < KK; k++) {
            const x0 = entries[e0 + k] + channel0;
            const x1 = entries[e1 + k] + channel0;
            const x2 = entries[e2 + k] + channel0;
            const x3 = entries[e3 + k] + channel0;
            // prettier-ignore
            for (let ci = 0, wi = ((g * blocks + b) * KK + k) * CG * NR; ci < CG; ci++, wi += NR) {
              const a0 = input[x0 + ci], a1 = input[x1 + ci], a2 = input[x2 + ci], a3 = input[x3 + ci];
              const w0 = packed[wi], w1 = packed[wi + 1], w2 = packed[wi + 2], w3 = packed[wi + 3];
              c00 += a0 * w0; c01 += a0 * w1; c02 += a0 * w2; c03 += a0 * w3;
              c10 += a1 * w0; c11 += a1 * w1; c12 += a1 * w2; c13 += a1 * w3;
              c20 += a2 * w0; c21 += a2 * w1; c22 += a2 * w2; c23 += a2 * w3;
              c30 += a3 * w0; c31 += a3 * w1; c32 += a3 * w2; c33 += a3 * w3;
            }
          }
          const m0 = g * MG + b * NR;
          const channels = Math.min(NR, MG - b * NR);
          const store = (q: number, v0: number, v1: number, v2: number, v3: number) => {
            const o = (n * M + m0 + q) * P + p0;
            const bq = bias ? bias.data[m0 + q] : 0;
            out[o] = v0 + bq;
            if (pixels > 1) out[o + 1] = v1 + bq;
            if (pixels > 2) out[o + 2] = v2 + bq;
            if (pixels > 3) out[o + 3] = v3 + bq;
          };
          store(0, c00, c10, c20, c30);
          if (channels > 1) store(1, c01, c11, c21, c31);
          if (channels > 2) store(2, c02, c12, c22, c32);
          if (channels > 3) store(3, c03, c13, c23, c33);
          // Only the real pixels × channels are counted: padded lanes of partial blocks are thrown away.
          counts.mults += pixels * channels * KK * CG;
          counts.adds += pixels * channels * (bias ? KK * CG + 1 : KK * CG);
        }
      if (recorder)
        for (let p = p0; p < p0 + pixels; p++)
          if (recorder.wants('pixel', { n, p }))
            recorder.emit('pixel', {
              n,
              p,
              entries: Array.from(entries.subarray((n * P + p) * KK, (n * P + p + 1) * KK)),
              values: Array.from({ length: M }, (_, m) => out[(n * M + m) * P + p]),
            });
    }
  return { output: { dtype: 'float32', dims: [N, M, OH, OW], data: out }, shape: s, counts };
}
