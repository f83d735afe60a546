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
  const blocks = Math.ceil(MG / 4);
  const dtype: QDType = quant.yDtype ?? x.dtype;
  const out = dtype === 'uint8' ? new Uint8Array(N * M * P) : new Int8Array(N * M * P);
  const acc = new Int32Array(M);
  const multipliers = Float64Array.from({ length: M }, (_, m) => q.multiplier(m));
  const store = (n: number, p: number, m: number, sum: number) => {
    acc[m] = bias ? sum + bias.data[m] : sum;
    out[(n * M + m) * P + p] = requantize(acc[m], multipliers[m], quant.y.zeroPoint, dtype);
  };
  for (let n = 0; n < N; n++)
    for (let p = 0; p < P; p++) {
      const e0 = (n * P + p) * KK;
      for (let g = 0; g < s.group; g++)
        for (let b = 0; b < blocks; b++) {
          let a0 = 0, a1 = 0, a2 = 0, a3 = 0; // prettier-ignore
          for (let k = 0; k < KK; k++) {
            const xBase = entries[e0 + k] + g * CG;
            for (let ci = 0, wi = ((g * blocks + b) * KK + k) * CG * 4; ci < CG; ci++, wi += 4) {
              const xv = input[xBase + ci] - zx;
              a0 += xv * packed[wi];
              a1 += xv * packed[wi + 1];
              a2 += xv * packed[wi + 2];
              a3 += xv * packed[wi + 3];
            }
          }
          const m0 = g * MG + b * 4;
          const channels = Math.min(4, MG - b * 4);
          store(n, p, m0, a0);
          if (channels > 1) store(n, p, m0 + 1, a1);
          if (channels > 2) store(n, p, m0 + 2, a2);
          if (channels > 3) store(n, p, m0 + 3, a3);
          counts.mults += channels * KK * CG;
          counts.adds += channels * (bias ? KK * CG + 1 : KK * CG);
        }
      if (recorder && !recorder.full)
        recorder.emit('pixel', {
          n,
          p,
          entries: Array.from(entries.subarray(e0, e0 + KK)),
          acc: Array.from(acc),
          values: Array.from({ length: M }, (_, m) => out[(n * M + m) * P + p]),
        });
    }
  return { output: { dtype, dims: [N, M, OH, OW], data: out } as QTensor, shape: s, counts };
}
