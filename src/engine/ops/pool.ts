// The pooling loop shared by MaxPool and AveragePool: for each output position, the window of input
// positions o·stride − pad + k·dilation; positions in the padding are skipped (they never win a max
// and, unless count_include_pad, do not count in an average). 1-D and 2-D run as 3-D with size-1 axes.
import { output, type NumericTensor } from './check';
import type { OpContext } from './types';
import type { AxisWindow, WindowAttrs } from './slidingWindow';

export type PoolKind = { kind: 'max' } | { kind: 'average'; countIncludePad: boolean };

const to3 = (v: readonly number[], fill: number) => [...new Array<number>(3 - v.length).fill(fill), ...v];

/** The pooled tensor, and for max pooling the flat input index of each maximum (MaxPool's Indices). */
export function pool(
  ctx: OpContext,
  x: NumericTensor,
  attrs: WindowAttrs,
  windows: AxisWindow[],
  how: PoolKind,
) {
  const [N, C] = x.dims;
  const dims = [N, C, ...windows.map((w) => w.out)];
  const y = output(ctx, x.dtype, dims);
  const indices = how.kind === 'max' ? new Float64Array(y.data.length) : null;
  const [D, H, W] = to3(x.dims.slice(2), 1);
  const [KD, KH, KW] = to3(attrs.kernel, 1);
  const [OD, OH, OW] = to3(
    windows.map((w) => w.out),
    1,
  );
  const [sd, sh, sw] = to3(attrs.strides, 1);
  const [dd, dh, dw] = to3(attrs.dilations, 1);
  const [pd, ph, pw] = to3(
    windows.map((w) => w.padBegin),
    0,
  );
  const [ed, eh, ew] = to3(
    windows.map((w) => w.padEnd),
    0,
  );
  // positions counted by count_include_pad: inside the input or its explicit padding
  const inPadded = (i: number, size: number, begin: number, end: number) => i >= -begin && i < size + end;
  let at = 0;
  for (let plane = 0; plane < N * C; plane++) {
    const base = plane * D * H * W;
    for (let od = 0; od < OD; od++)
      for (let oh = 0; oh < OH; oh++)
        for (let ow = 0; ow < OW; ow++, at++) {
          let best = -Infinity;
          let bestIndex = -1;
          let sum = 0;
          let count = 0;
          let padded = 0;
          for (let kd = 0; kd < KD; kd++) {
            const id = od * sd - pd + kd * dd;
            for (let kh = 0; kh < KH; kh++) {
              const ih = oh * sh - ph + kh * dh;
              for (let kw = 0; kw < KW; kw++) {
                const iw = ow * sw - pw + kw * dw;
                if (inPadded(id, D, pd, ed) && inPadded(ih, H, ph, eh) && inPadded(iw, W, pw, ew)) padded++;
                if (id < 0 || id >= D || ih < 0 || ih >= H || iw < 0 || iw >= W) continue;
                const index = base + (id * H + ih) * W + iw;
                const v = x.data[index];
                count++;
                sum += v;
                if (v > best || bestIndex < 0) [best, bestIndex] = [v, index];
              }
            }
          }
          if (how.kind === 'max') {
            y.data[at] = best;
            indices![at] = bestIndex;
          } else y.data[at] = sum / (how.countIncludePad ? padded : count);
        }
  }
  return { y, indices };
}
