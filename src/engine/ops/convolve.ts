// Direct convolution, the loop nest of the definition, shared by Conv, ConvInteger and QLinearConv:
//   y[n, m, o] = Σ_c Σ_k x[n, g·C/G + c, o·stride + k·dilation − pad] · w[m, c, k]
// for output channel m of group g, over the input channels c of that group and the kernel taps k,
// where positions in the padding read zero. 1-D and 2-D problems run as 3-D ones with leading size-1 axes.
import type { NumericData } from './check';
import type { AxisWindow, WindowAttrs } from './slidingWindow';

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

/**
 * For each kernel tap k along one axis, the range [first, end) of output positions o whose input position
 * o·stride − pad + k·dilation falls inside [0, size): outside it the tap reads padding (zero) and is skipped.
 */
function validOutputs(
  size: number,
  out: number,
  kernel: number,
  stride: number,
  dilation: number,
  pad: number,
) {
  return Array.from({ length: kernel }, (_, k) => {
    const shift = k * dilation - pad;
    const first = Math.max(0, Math.ceil(-shift / stride));
    const end = Math.min(out, Math.floor((size - 1 - shift) / stride) + 1);
    return { first, end: Math.max(first, end), shift };
  });
}

/** The convolution sums (no bias), [N, M, ...out] in float64 (exact for 8-bit integer inputs). */
export function convolve(p: ConvProblem): Float64Array {
  const [N, C] = p.xDims;
  const M = p.wDims[0];
  const Cg = C / p.group; // input channels per group
  const Mg = M / p.group; // output channels per group
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
  const rangesD = validOutputs(D, OD, KD, sd, dd, pd);
  const rangesH = validOutputs(H, OH, KH, sh, dh, ph);
  const rangesW = validOutputs(W, OW, KW, sw, dw, pw);
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
        for (let kd = 0; kd < KD; kd++) {
          const rd = rangesD[kd];
          for (let kh = 0; kh < KH; kh++) {
            const rh = rangesH[kh];
            for (let kw = 0; kw < KW; kw++) {
              const rw = rangesW[kw];
              const weight = w[wBase + (kd * KH + kh) * KW + kw];
              for (let od = rd.first; od < rd.end; od++)
                for (let oh = rh.first; oh < rh.end; oh++) {
                  const xRow = xBase + ((od * sd + rd.shift) * H + oh * sh + rh.shift) * W + rw.shift;
                  const yRow = yBase + (od * OH + oh) * OW;
                  for (let ow = rw.first; ow < rw.end; ow++) y[yRow + ow] += weight * x[xRow + ow * sw];
                }
            }
          }
        }
      }
    }
  return y;
}
