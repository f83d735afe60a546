// The 8-bit indirect convolution of QNNPACK (Dukhan 2019): uint8/int8 NHWC input, the zero vector filled with
// the input's zero point (so a padding tap contributes (zx − zx)·w = 0 without a branch), weights packed minus
// their zero point, exact int32 accumulation, then requantization to 8 bits.
import type { Tensor } from '../ir/tensor';
import type { Recorder, TraceEvent } from '../trace/trace';
import { checkConvInputs, type ConvParams, type ConvShape } from './conv-shape';
import { checkAccumulatorRange, QUANT_DTYPES, type QTensor } from './conv-integer';
import { emptyCounts, noteBuffer, scratch, type OpCounts } from './counts';
import { buildIndirection, packWeightsForIndirect, type IndirectionEvent } from './indirect';
import { packLayoutInto } from './layouts';
import { checkConvQuant, requantize, type ConvQuantParams, type QDType } from './requantize';

/** Output pixels × output channels computed together (as in the float kernel). */
const MR = 4;
const NR = 4;

export type IndirectQuantizedEvent =
  | IndirectionEvent
  /** Output pixel p of image n: its int32 accumulators and their requantized 8-bit values, per output channel. */
  | TraceEvent<'pixel', { n: number; p: number; entries: number[]; acc: number[]; values: number[] }>;

export interface QConvResult {
  output: QTensor;
  shape: ConvShape;
  counts: OpCounts;
}

export function convIndirectQuantized(
  x: QTensor,
  w: QTensor,
  bias: Tensor<'int32'> | null,
  params: ConvParams,
  quant: ConvQuantParams,
  { recorder }: { recorder?: Recorder<IndirectQuantizedEvent> } = {},
): QConvResult {
  const s = checkConvInputs(x, w, bias, params, QUANT_DTYPES);
  const q = checkConvQuant(quant, s.m, x.dtype, w.dtype);
  checkAccumulatorRange(s, bias?.data ?? null);
  const { n: N, c: C, m: M, cg: CG, mg: MG, oh: OH, ow: OW } = s;
  const KK = s.kh * s.kw;
  const P = OH * OW;
  const zx = quant.x.zeroPoint;
  const counts = emptyCounts();
  const { entries, zeroOffset } = buildIndirection(s, recorder);
  noteBuffer(counts, 'indirection buffer', entries.length, entries.byteLength);
  // The NHWC copy of the input followed by the zero vector, which holds the zero point, not 0.
  const input = x.dtype === 'uint8' ? new Uint8Array(zeroOffset + C) : new Int8Array(zeroOffset + C);
  packLayoutInto('NHWC', x.dims, x.data, input);
  input.fill(zx, zeroOffset);
  noteBuffer(counts, 'NHWC input (layout conversion)', zeroOffset, zeroOffset);
  noteBuffer(counts, 'zero vector', C, C);
  const packed = scratch(
    counts,
    'packed weights (w − zw)',
    packWeightsForIndirect(s, w.data, (n) => new Int16Array(n), q.wZero),
  );
  const blocks = Math.ceil(MG / NR);
  const dtype: QDType = quant.yDtype ?? x.dtype;
  const out = dtype === 'uint8' ? new Uint8Array(N * M * P) : new Int8Array(N * M * P);
  const sink: Sink = {
    acc: new Int32Array(MR * M),
    out,
    bias: bias?.data ?? null,
    multipliers: Float64Array.from({ length: M }, (_, m) => q.multiplier(m)),
    zeroPoint: quant.y.zeroPoint,
    dtype,
    M,
    P,
  };
  const acc = sink.acc;
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
              const a0 = input[x0 + ci] - zx, a1 = input[x1 + ci] - zx, a2 = input[x2 + ci] - zx, a3 = input[x3 + ci] - zx;
              const w0 = packed[wi], w1 = packed[wi + 1], w2 = packed[wi + 2], w3 = packed[wi + 3];
              c00 += a0 * w0; c01 += a0 * w1; c02 += a0 * w2; c03 += a0 * w3;
              c10 += a1 * w0; c11 += a1 * w1; c12 += a1 * w2; c13 += a1 * w3;
              c20 += a2 * w0; c21 += a2 * w1; c22 += a2 * w2; c23 += a2 * w3;
              c30 += a3 * w0; c31 += a3 * w1; c32 += a3 * w2; c33 += a3 * w3;
            }
          }
          const m0 = g * MG + b * NR;
          const channels = Math.min(NR, MG - b * NR);
          const at = n * M * P + p0;
          storeRow(sink, at, 0, m0, channels, c00, c01, c02, c03);
          if (pixels > 1) storeRow(sink, at, 1, m0, channels, c10, c11, c12, c13);
          if (pixels > 2) storeRow(sink, at, 2, m0, channels, c20, c21, c22, c23);
          if (pixels > 3) storeRow(sink, at, 3, m0, channels, c30, c31, c32, c33);
          counts.mults += pixels * channels * KK * CG;
          counts.adds += pixels * channels * (bias ? KK * CG + 1 : KK * CG);
        }
      if (recorder)
        for (let i = 0; i < pixels; i++)
          if (recorder.wants('pixel', { n, p: p0 + i }))
            recorder.emit('pixel', {
              n,
              p: p0 + i,
              entries: Array.from(entries.subarray((n * P + p0 + i) * KK, (n * P + p0 + i + 1) * KK)),
              acc: Array.from(acc.subarray(i * M, (i + 1) * M)),
              values: Array.from({ length: M }, (_, m) => out[(n * M + m) * P + p0 + i]),
            });
    }
  return { output: { dtype, dims: [N, M, OH, OW], data: out } as QTensor, shape: s, counts };
}

/** Where a block's accumulators go: acc (pixel i, channel m at i·M + m, kept for the trace) and the requantized output. */
interface Sink {
  acc: Int32Array;
  out: Uint8Array | Int8Array;
  bias: Int32Array | null;
  multipliers: Float64Array;
  zeroPoint: number;
  dtype: QDType;
  M: number;
  P: number;
}

/** Adds bias to pixel i's sums for channels m0 … m0+channels−1 and requantizes them into the output at `at` + i. */
function storeRow(
  s: Sink,
  at: number,
  i: number,
  m0: number,
  channels: number,
  v0: number,
  v1: number,
  v2: number,
  v3: number,
): void {
  for (let j = 0; j < channels; j++) {
    const m = m0 + j;
    const sum = j === 0 ? v0 : j === 1 ? v1 : j === 2 ? v2 : v3;
    const a = (s.acc[i * s.M + m] = s.bias ? sum + s.bias[m] : sum);
    s.out[at + m * s.P + i] = requantize(a, s.multipliers[m], s.zeroPoint, s.dtype);
  }
}
