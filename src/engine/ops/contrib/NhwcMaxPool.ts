// com.microsoft NhwcMaxPool (onnxruntime contrib op): MaxPool on channels-last [N, H, W, C] data, without
// the Indices output. Its schema accepts int8 and uint8 only (a float NhwcMaxPool is an invalid model to
// onnxruntime, and so it is here).
import { checkDtype, required } from '../check';
import { MaxPool } from '../MaxPool';
import { channelsLast } from './channelsLast';

export const NhwcMaxPool = channelsLast({
  opType: 'NhwcMaxPool',
  domain: 'com.microsoft',
  inner: MaxPool,
  channelsLastInputs: [0],
  outputs: 1,
  check: (ctx, inputs) => checkDtype(ctx, required(ctx, inputs, 0, 'x').dtype, ['int8', 'uint8'], 'x'),
});
