// LayerNormalization (opset 17): normalizes over the axes [axis, rank) —
// y = (x − mean) / √(var + ε) · Scale + B (Ba, Kiros & Hinton, 2016). Optional outputs: Mean and
// InvStdDev, shaped like X with the normalized axes set to 1.
import type { Dim } from '../ir/graph';
import { attrFloat, attrInt } from './attrs';
import { broadcastIndex } from './broadcast';
import {
  axisIndex,
  checkDtype,
  fail,
  FLOATS,
  numeric,
  optional,
  output,
  required,
  sameDtype,
  type NumericDType,
} from './check';
import { like } from './infer';
import { dtypeOfTo } from './casting';
import type { OpContext, OpDef } from './types';

const statsShape = (dims: readonly Dim[], axis: number): Dim[] => dims.map((d, i) => (i < axis ? d : 1));
const stashType = (ctx: OpContext) => dtypeOfTo(ctx, attrInt(ctx, 'stash_type', 1));

export const LayerNormalization: OpDef = {
  opType: 'LayerNormalization',
  domain: '',
  infer(ctx, inputs) {
    const x = required(ctx, inputs, 0, 'X');
    checkDtype(ctx, x.dtype, FLOATS, 'X');
    sameDtype(ctx, x.dtype, required(ctx, inputs, 1, 'Scale').dtype, 'X and Scale');
    const stash = stashType(ctx);
    if (!x.shape) return [like(x), { dtype: stash, shape: null }, { dtype: stash, shape: null }];
    const axis = axisIndex(ctx, attrInt(ctx, 'axis', -1), x.shape.length);
    return [
      like(x),
      { dtype: stash, shape: statsShape(x.shape, axis) },
      { dtype: stash, shape: statsShape(x.shape, axis) },
    ];
  },
  run(ctx, inputs) {
    const x = numeric(ctx, required(ctx, inputs, 0, 'X'), 'X');
    const scale = numeric(ctx, required(ctx, inputs, 1, 'Scale'), 'Scale');
    const b = optional(inputs, 2);
    const bias = b ? numeric(ctx, b, 'B') : null;
    checkDtype(ctx, x.dtype, FLOATS, 'X');
    sameDtype(ctx, x.dtype, scale.dtype, 'X and Scale');
    const axis = axisIndex(ctx, attrInt(ctx, 'axis', -1), x.dims.length);
    const epsilon = attrFloat(ctx, 'epsilon', 1e-5);
    const cols = x.dims.slice(axis).reduce((p, d) => p * d, 1);
    const rows = cols === 0 ? 0 : x.data.length / cols;
    // Scale and B broadcast to X (usually they have the normalized shape X.shape[axis:])
    const index = (t: typeof scale, name: string) => {
      if (
        t.dims.length > x.dims.length ||
        t.dims.some((d, i) => d !== 1 && d !== x.dims[x.dims.length - t.dims.length + i])
      )
        fail(
          ctx,
          `${name} of shape [${t.dims.join(', ')}] does not broadcast to X of shape [${x.dims.join(', ')}]`,
        );
      return broadcastIndex(t.dims, x.dims);
    };
    const iScale = index(scale, 'Scale');
    const iBias = bias ? index(bias, 'B') : null;
    const stash = stashType(ctx) as NumericDType;
    const y = output(ctx, x.dtype, x.dims);
    const means = output(ctx, stash, statsShape(x.dims, axis) as number[]);
    const invStd = output(ctx, stash, statsShape(x.dims, axis) as number[]);
    for (let r = 0; r < rows; r++) {
      const from = r * cols;
      let sum = 0;
      for (let i = from; i < from + cols; i++) sum += x.data[i];
      const mean = sum / cols;
      let squares = 0;
      for (let i = from; i < from + cols; i++) squares += (x.data[i] - mean) ** 2;
      const inv = 1 / Math.sqrt(squares / cols + epsilon);
      means.data[r] = mean;
      invStd.data[r] = inv;
      for (let i = from; i < from + cols; i++) {
        const shift = bias ? bias.data[iBias ? iBias[i] : i] : 0;
        y.data[i] = (x.data[i] - mean) * inv * scale.data[iScale ? iScale[i] : i] + shift;
      }
    }
    return [y, means, invStd];
  },
};
