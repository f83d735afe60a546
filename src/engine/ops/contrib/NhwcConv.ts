// com.microsoft NhwcConv (onnxruntime contrib op): Conv with X and Y channels last ([N, H, W, C]) and the
// weights [M, kH, kW, C/group]; bias and attributes as Conv. onnxruntime's CPU provider has no kernel for it
// (see layout/ortSupport.ts for what was measured in onnxruntime-web and onnxruntime-node).
import { Conv } from '../Conv';
import { channelsLast } from './channelsLast';

export const NhwcConv = channelsLast({
  opType: 'NhwcConv',
  domain: 'com.microsoft',
  inner: Conv,
  channelsLastInputs: [0, 1],
  outputs: 1,
});
