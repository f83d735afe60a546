// BatchNormalization at inference: y = (x − mean) / √(var + ε) · scale + B per channel (axis 1),
// with the stored running statistics (Ioffe & Szegedy, 2015). Training mode is not an inference op.
import { attrBool, attrFloat, attrInt } from './attrs';
import { checkDtype, fail, FLOATS, numeric, output, required, unsupported } from './check';
import { like } from './infer';
import type { OpContext, OpDef } from './types';

function checkMode(ctx: OpContext) {
  if (ctx.opset >= 14 && attrBool(ctx, 'training_mode', false))
    unsupported(ctx, 'training_mode = 1 (batch statistics) is not an inference computation');
  if (ctx.opset < 9 && attrInt(ctx, 'spatial', 1) !== 1)
    unsupported(ctx, 'spatial = 0 (per-activation statistics) is not supported');
}

export const BatchNormalization: OpDef = {
  opType: 'BatchNormalization',
  domain: '',
  infer(ctx, inputs) {
    const x = required(ctx, inputs, 0, 'X');
    checkDtype(ctx, x.dtype, FLOATS, 'X');
    for (const [i, name] of [
      [1, 'scale'],
      [2, 'B'],
      [3, 'input_mean'],
      [4, 'input_var'],
    ] as const)
      required(ctx, inputs, i, name);
    checkMode(ctx);
    return [like(x)];
  },
  run(ctx, inputs) {
    const x = numeric(ctx, required(ctx, inputs, 0, 'X'), 'X');
    checkDtype(ctx, x.dtype, FLOATS, 'X');
    checkMode(ctx);
    const C = x.dims.length > 1 ? x.dims[1] : 1;
    const [scale, bias, mean, variance] = (
      [
        [1, 'scale'],
        [2, 'B'],
        [3, 'input_mean'],
        [4, 'input_var'],
      ] as const
    ).map(([i, name]) => {
      const t = numeric(ctx, required(ctx, inputs, i, name), name);
      checkDtype(ctx, t.dtype, FLOATS, name);
      if (t.data.length !== C) fail(ctx, `${name} has ${t.data.length} values for ${C} channels`);
      return t.data;
    });
    const epsilon = attrFloat(ctx, 'epsilon', 1e-5);
    const y = output(ctx, x.dtype, x.dims);
    // x is [N, C, ...spatial]: one plane of values per (image, channel), all normalized alike
    const plane = x.dims.slice(2).reduce((a, b) => a * b, 1);
    const planes = plane === 0 ? 0 : x.data.length / plane;
    for (let p = 0; p < planes; p++) {
      const c = p % C;
      const factor = scale[c] / Math.sqrt(variance[c] + epsilon);
      for (let i = p * plane; i < (p + 1) * plane; i++) y.data[i] = (x.data[i] - mean[c]) * factor + bias[c];
    }
    return [y];
  },
};
