// com.microsoft QLinearConv (onnxruntime contrib op): ONNX QLinearConv plus a `channels_last` attribute;
// with channels_last = 1, x and y are [N, H, W, C] while the weights stay [M, C/group, kH, kW]. This is the
// form onnxruntime's own NHWC transformer gives int8 convolutions on the CPU.
import { attrInt } from '../attrs';
import { QLinearConv as StandardQLinearConv } from '../QLinearConv';
import { channelsLast } from './channelsLast';

export const QLinearConv = channelsLast({
  opType: 'QLinearConv',
  domain: 'com.microsoft',
  inner: StandardQLinearConv,
  channelsLastInputs: [0],
  outputs: 1,
  enabled: (ctx) => attrInt(ctx, 'channels_last', 0) !== 0,
});
