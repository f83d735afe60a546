// Direct convolution: the definition, computed as written (ONNX Conv, NCHW). It is the oracle every other
// algorithm here is tested against. Taps that fall on padding are skipped: the window's valid kernel rows
// and columns are computed once per output element, so the inner loops need no bounds checks.
import type { Recorder, TraceEvent } from '../trace/trace';
import type { Tensor } from '../ir/tensor';
import { checkConvInputs, type ConvParams, type ConvShape } from './conv-shape';
import { emptyCounts, type OpCounts } from './counts';

/** One product of a dot product: input (c, ih, iw) times weight (m, c, kh, kw). */
export interface Tap {
  c: number;
  kh: number;
  kw: number;
  ih: number;
  iw: number;
  x: number;
  w: number;
}

/** Output element (n, m, oh, ow) = bias + Σ taps: the window's top-left corner is (ih0, iw0) in input coordinates. */
export type DirectEvent = TraceEvent<
  'output',
  {
    n: number;
    m: number;
    oh: number;
    ow: number;
    ih0: number;
    iw0: number;
    bias: number;
    taps: Tap[];
    value: number;
  }
>;

export interface ConvResult {
  output: Tensor<'float32'>;
  shape: ConvShape;
  counts: OpCounts;
}

/** First and one-past-last kernel index whose input coordinate start + k·dilation lies in [0, size). */
export function validTaps(start: number, size: number, kernel: number, dilation: number): [number, number] {
  const lo = start < 0 ? Math.min(kernel, Math.ceil(-start / dilation)) : 0;
  const hi = Math.min(kernel, Math.ceil((size - start) / dilation));
  return [lo, Math.max(lo, hi)];
}

function directInto(
  s: ConvShape,
  x: ArrayLike<number>,
  w: ArrayLike<number>,
  bias: ArrayLike<number> | null,
  out: Float32Array | Float64Array,
  counts: OpCounts,
  recorder: Recorder<DirectEvent> | undefined,
): void {
  const {
    c: C,
    h: H,
    w: W,
    kh: KH,
    kw: KW,
    oh: OH,
    ow: OW,
    cg: CG,
    mg: MG,
    dilationH: DH,
    dilationW: DW,
  } = s;
  let mults = 0;
  let adds = 0;
  for (let n = 0; n < s.n; n++) {
    for (let m = 0; m < s.m; m++) {
      const c0 = Math.floor(m / MG) * CG;
      const b = bias ? bias[m] : 0;
      const outBase = (n * s.m + m) * OH * OW;
      for (let oh = 0; oh < OH; oh++) {
        const ih0 = oh * s.strideH - s.padTop;
        const [khLo, khHi] = validTaps(ih0, H, KH, DH);
        for (let ow = 0; ow < OW; ow++) {
          const iw0 = ow * s.strideW - s.padLeft;
          const [kwLo, kwHi] = validTaps(iw0, W, KW, DW);
          const taps: Tap[] | null = recorder?.wants('output', { n, m, oh, ow }) ? [] : null;
          let acc = 0;
          for (let ci = 0; ci < CG; ci++) {
            const xPlane = (n * C + c0 + ci) * H * W;
            const wBase = (m * CG + ci) * KH * KW;
            for (let r = khLo; r < khHi; r++) {
              const xRow = xPlane + (ih0 + r * DH) * W + iw0;
              const wRow = wBase + r * KW;
              for (let q = kwLo; q < kwHi; q++) {
                acc += x[xRow + q * DW] * w[wRow + q];
                if (taps)
                  taps.push({
                    c: c0 + ci,
                    kh: r,
                    kw: q,
                    ih: ih0 + r * DH,
                    iw: iw0 + q * DW,
                    x: x[xRow + q * DW],
                    w: w[wRow + q],
                  });
              }
            }
          }
          const macs = CG * (khHi - khLo) * (kwHi - kwLo);
          mults += macs;
          adds += bias ? macs + 1 : macs;
          out[outBase + oh * OW + ow] = acc + b;
          if (taps)
            recorder!.emit('output', {
              n,
              m,
              oh,
              ow,
              ih0,
              iw0,
              bias: b,
              taps,
              value: out[outBase + oh * OW + ow],
            });
        }
      }
    }
  }
  counts.mults += mults;
  counts.adds += adds;
}

/**
 * Direct convolution of float32 NCHW input x with weights w [M, C/group, kH, kW] and optional bias [M].
 * Products are accumulated in double precision (JavaScript numbers) and rounded to float32 once per output.
 */
export function convDirect(
  x: Tensor<'float32'>,
  w: Tensor<'float32'>,
  bias: Tensor<'float32'> | null,
  params: ConvParams = {},
  { recorder }: { recorder?: Recorder<DirectEvent> } = {},
): ConvResult {
  const shape = checkConvInputs(x, w, bias, params);
  const counts = emptyCounts();
  const data = new Float32Array(shape.n * shape.m * shape.oh * shape.ow);
  directInto(shape, x.data, w.data, bias?.data ?? null, data, counts, recorder);
  return { output: { dtype: 'float32', dims: [shape.n, shape.m, shape.oh, shape.ow], data }, shape, counts };
}

/** The same direct convolution kept in float64: the reference the numerical error of every algorithm is measured against. */
export function convReference64(
  x: Tensor<'float32'>,
  w: Tensor<'float32'>,
  bias: Tensor<'float32'> | null,
  params: ConvParams = {},
): Float64Array {
  const shape = checkConvInputs(x, w, bias, params);
  const out = new Float64Array(shape.n * shape.m * shape.oh * shape.ow);
  directInto(shape, x.data, w.data, bias?.data ?? null, out, emptyCounts(), undefined);
  return out;
}
