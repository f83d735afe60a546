// Per-tensor and per-channel (per-axis) parameters over a row-major tensor. A tensor of shape
// [d0 … d(n-1)] split along `axis` is `outer` blocks of `channels` contiguous runs of `inner` elements,
// and every run shares one channel's parameters. Walking runs keeps each kernel a plain loop.
import { ModelError } from '../errors';
import { numel } from '../ir/tensor';
import { isPerChannel, type QuantParams, type TensorQuantParams } from './scheme';

export interface ChannelLayout {
  axis: number;
  outer: number;
  channels: number;
  inner: number;
}

/** The layout of `dims` split along `axis` (negative axes count from the end, as in ONNX). */
export function channelLayout(dims: readonly number[], axis: number): ChannelLayout {
  const rank = dims.length;
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank)
    throw new ModelError('input', `channel axis ${axis} is out of range for a tensor of rank ${rank}`, {
      field: 'axis',
    });
  const a = axis < 0 ? axis + rank : axis;
  return { axis: a, outer: numel(dims.slice(0, a)), channels: dims[a], inner: numel(dims.slice(a + 1)) };
}

/**
 * Calls visit(start, end, params, channel) for each contiguous run of elements that share parameters:
 * one run per-tensor, outer × channels runs per-channel. A callback, not an array of runs, because a
 * per-channel weight on its last axis (MatMul [K, N], axis 1) has a run per element.
 */
export function forEachRun(
  dims: readonly number[],
  params: TensorQuantParams,
  visit: (start: number, end: number, p: QuantParams, channel: number) => void,
): void {
  if (!isPerChannel(params)) return visit(0, numel(dims), params, 0);
  const { outer, channels, inner } = channelLayout(dims, params.axis);
  if (params.channels.length !== channels)
    throw new ModelError(
      'input',
      `per-channel parameters have ${params.channels.length} channels, but axis ${params.axis} of [${dims.join(',')}] has ${channels}`,
      { field: 'axis' },
    );
  for (let o = 0, start = 0; o < outer; o++)
    for (let c = 0; c < channels; c++, start += inner) visit(start, start + inner, params.channels[c], c);
}

/** Min and max of each channel along `axis` (0 for an empty channel): the default range of a weight's channels. */
export function channelMinMax(
  data: ArrayLike<number>,
  dims: readonly number[],
  axis: number,
): { min: Float64Array; max: Float64Array } {
  if (data.length !== numel(dims))
    throw new ModelError('input', `${data.length} values do not fill a tensor of shape [${dims.join(',')}]`, {
      field: 'dims',
    });
  const { outer, channels, inner } = channelLayout(dims, axis);
  const min = new Float64Array(channels).fill(Infinity);
  const max = new Float64Array(channels).fill(-Infinity);
  for (let o = 0; o < outer; o++)
    for (let c = 0; c < channels; c++) {
      const start = (o * channels + c) * inner;
      for (let i = start; i < start + inner; i++) {
        const v = data[i];
        if (!Number.isFinite(v))
          throw new ModelError('input', `value ${v} at index ${i} cannot be quantized`, {
            field: `channel ${c}`,
          });
        if (v < min[c]) min[c] = v;
        if (v > max[c]) max[c] = v;
      }
    }
  for (let c = 0; c < channels; c++)
    if (min[c] > max[c]) {
      min[c] = 0;
      max[c] = 0;
    }
  return { min, max };
}
