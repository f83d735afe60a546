// Weights are known ahead of time, so their range needs no calibration data: per-channel min/max by
// default (one scale per output channel keeps a channel of small weights from sharing the grid of a
// channel of large ones), or per-tensor when asked.
import { channelMinMax } from '../channels';
import { type NumericTensor } from '../quantize';
import { computeParams, type QuantScheme, type TensorQuantParams } from '../scheme';

/**
 * Parameters for a weight tensor: per channel along `axis` (0 = output channels of a Conv weight
 * [M, C/g, kH, kW] or of a Gemm B with transB = 1; use 1 for a MatMul weight [K, N]), or per tensor
 * when axis is null.
 */
export function weightParams(
  w: NumericTensor,
  scheme: QuantScheme,
  axis: number | null = 0,
): TensorQuantParams {
  if (axis === null) {
    const { min, max } = channelMinMax(w.data, [1, w.data.length], 0); // one channel holding everything
    return computeParams(min[0], max[0], scheme);
  }
  const { min, max } = channelMinMax(w.data, w.dims, axis);
  const a = axis < 0 ? axis + w.dims.length : axis;
  return { axis: a, channels: Array.from(min, (lo, c) => computeParams(lo, max[c], scheme)) };
}
