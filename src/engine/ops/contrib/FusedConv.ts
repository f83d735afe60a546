// com.microsoft FusedConv (onnxruntime contrib op): Conv, then an optional residual input Z added, then an
// activation (see activation.ts) — the node that operator fusion makes of Conv → (Add) → Relu/Clip/….
// Computed as its parts are, so a fused graph gives the same numbers as the unfused one.
import type { Tensor } from '../../ir/tensor';
import { fail, numeric, optional, sameDtype } from '../check';
import { Conv } from '../Conv';
import type { OpDef } from '../types';
import { applyActivation } from './activation';

export const FusedConv: OpDef = {
  opType: 'FusedConv',
  domain: 'com.microsoft',
  infer(ctx, inputs, constants) {
    const [y] = Conv.infer(ctx, inputs.slice(0, 3), constants.slice(0, 3));
    const z = optional(inputs, 3);
    if (z) {
      sameDtype(ctx, y.dtype, z.dtype, 'X and Z');
      if (z.shape && y.shape && z.shape.length !== y.shape.length)
        fail(ctx, `Z has rank ${z.shape.length}; the convolution's output has rank ${y.shape.length}`);
    }
    return [y];
  },
  run(ctx, inputs) {
    let [y] = Conv.run(ctx, inputs.slice(0, 3));
    const z = optional(inputs, 3);
    if (z) {
      const sum = numeric(ctx, z, 'Z');
      sameDtype(ctx, y.dtype, sum.dtype, 'X and Z');
      if (sum.dims.join() !== y.dims.join())
        fail(ctx, `Z has shape [${sum.dims.join(', ')}]; the convolution's output is [${y.dims.join(', ')}]`);
      const out = numeric(ctx, y, 'Y');
      for (let i = 0; i < out.data.length; i++) out.data[i] += sum.data[i];
      y = out as Tensor;
    }
    return [applyActivation(ctx, y, 'conv')];
  },
};
