// Direct convolution, the loop nest of the definition, shared by Conv, ConvInteger and QLinearConv:
//   y[n, m, o] = Σ_c Σ_k x[n, g·C/G + c, o·stride + k·dilation − pad] · w[m, c, k]
// for output channel m of group g, over the input channels c of that group and the kernel taps k,
// where positions in the padding read zero. 1-D and 2-D problems run as 3-D ones with leading size-1 axes.
import type { NumericData } from './check';
import type { AxisWindow, WindowAttrs } from './window';

export interface ConvProblem {
  x: NumericData | Float64Array;
  /** [N, C, ...spatial] */
  xDims: readonly number[];
  w: NumericData | Float64Array;
  /** [M, C / group, ...kernel] */
  wDims: readonly number[];
  group: number;
  attrs: WindowAttrs;
  windows: AxisWindow[];
}

/** Pads a per-axis list to 3 axes from the front. */
const to3 = (v: readonly number[], fill: number) => [...new Array<number>(3 - v.length).fill(fill), ...v];

/** The convolution sums (no bias), [N, M, ...out] in float64 (exact for 8-bit integer inputs). */
export function convolve(p: ConvProblem): Float64Array {
  const [N, C] = p.xDims;
  const M = p.wDims[0];
  const G = p.group;
  const Cg = C / G; // input channels per group
  const Mg = M / G; // output channels per group
  const [D, H, W] = to3(p.xDims.slice(2), 1);
  const [KD, KH, KW] = to3(p.wDims.slice(2), 1);
  const [OD, OH, OW] = to3(
    p.windows.map((w) => w.out),
    1,
  );
  const [sd, sh, sw] = to3(p.attrs.strides, 1);
  const [dd, dh, dw] = to3(p.attrs.dilations, 1);
  const [pd, ph, pw] = to3(
    p.windows.map((w) => w.padBegin),
    0,
  );
  const { x, w } = p;
  const y = new Float64Array(N * M * OD * OH * OW);
  const outPlane = OD * OH * OW;
  const inPlane = D * H * W;
  const kernelSize = KD * KH * KW;

  for (let n = 0; n < N; n++)
    for (let m = 0; m < M; m++) {
      const g = Math.floor(m / Mg);
      const yBase = (n * M + m) * outPlane;
      for (let c = 0; c < Cg; c++) {
        const xBase = (n * C + g * Cg + c) * inPlane;
        const wBase = (m * Cg + c) * kernelSize;
        for (let kd = 0; kd < KD; kd++)
          for (let kh = 0; kh < KH; kh++)
            for (let kw = 0; kw < KW; kw++) {
              const weight = w[wBase + (kd * KH + kh) * KW + kw];
              // output columns whose input column ow·sw − pw + kw·dw falls inside [0, W)
              const shift = kw * dw - pw;
              const owFirst = Math.max(0, Math.ceil(-shift / sw));
              const owEnd = Math.min(OW, Math.floor((W - 1 - shift) / sw) + 1);
              for (let od = 0; od < OD; od++) {
                const id = od * sd - pd + kd * dd;
                if (id < 0 || id >= D) continue;
                for (let oh = 0; oh < OH; oh++) {
                  const ih = oh * sh - ph + kh * dh;
                  if (ih < 0 || ih >= H) continue;
                  const xRow = xBase + (id * H + ih) * W + shift;
                  const yRow = yBase + (od * OH + oh) * OW;
                  for (let ow = owFirst; ow < owEnd; ow++) y[yRow + ow] += weight * x[xRow + ow * sw];
                }
              }
            }
      }
    }
  return y;
}
