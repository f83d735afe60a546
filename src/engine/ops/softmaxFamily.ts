// Softmax and LogSoftmax over an axis. Before opset 13 the input is viewed as a matrix
// [d0·…·d(axis−1), d(axis)·…·dn] and normalized over each row; from opset 13, over the one axis.
// The row maximum is subtracted first, so that exp never overflows.
import { attrInt } from './attrs';
import { axisIndex, checkDtype, FLOATS, numeric, output, required, stridesOf } from './check';
import { like } from './infer';
import type { OpDef } from './types';

export function softmaxOp(opType: string, log: boolean): OpDef {
  return {
    opType,
    domain: '',
    infer(ctx, inputs) {
      const x = required(ctx, inputs, 0, 'input');
      checkDtype(ctx, x.dtype, FLOATS, 'input');
      if (x.shape)
        axisIndex(ctx, attrInt(ctx, 'axis', ctx.opset >= 13 ? -1 : 1), Math.max(x.shape.length, 1));
      return [like(x)];
    },
    run(ctx, inputs) {
      const x = numeric(ctx, required(ctx, inputs, 0, 'input'), 'input');
      checkDtype(ctx, x.dtype, FLOATS, 'input');
      const rank = x.dims.length;
      const axis = axisIndex(ctx, attrInt(ctx, 'axis', ctx.opset >= 13 ? -1 : 1), Math.max(rank, 1));
      // elements of one softmax are `length` values `inner` apart
      const inner = ctx.opset >= 13 && rank > 0 ? stridesOf(x.dims)[axis] : 1;
      const length =
        ctx.opset >= 13 ? (rank > 0 ? x.dims[axis] : 1) : x.dims.slice(axis).reduce((a, b) => a * b, 1);
      const y = output(ctx, x.dtype, x.dims);
      const groups = length * inner === 0 ? 0 : x.data.length / (length * inner);
      for (let g = 0; g < groups; g++)
        for (let j = 0; j < inner; j++) {
          const first = g * length * inner + j;
          let max = -Infinity;
          for (let k = 0; k < length; k++) max = Math.max(max, x.data[first + k * inner]);
          let sum = 0;
          for (let k = 0; k < length; k++) sum += Math.exp(x.data[first + k * inner] - max);
          for (let k = 0; k < length; k++) {
            const shifted = x.data[first + k * inner] - max;
            y.data[first + k * inner] = log ? shifted - Math.log(sum) : Math.exp(shifted) / sum;
          }
        }
      return [y];
    },
  };
}
