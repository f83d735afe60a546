// com.microsoft FusedGemm (onnxruntime contrib op): Gemm followed by an activation (see activation.ts) —
// the node that operator fusion makes of Gemm → Relu/Sigmoid/…. Computed as its parts are.
import { Gemm } from '../Gemm';
import type { OpDef } from '../types';
import { applyActivation } from './activation';

export const FusedGemm: OpDef = {
  opType: 'FusedGemm',
  domain: 'com.microsoft',
  infer: (ctx, inputs, constants) => Gemm.infer(ctx, inputs, constants),
  run: (ctx, inputs) => [applyActivation(ctx, Gemm.run(ctx, inputs)[0], 'gemm')],
};
