// Reshape: the same elements under a new shape. In the target, 0 copies the input's dim at that position
// (unless allowzero = 1, where 0 means an empty dim) and one -1 is inferred from the element count.
import type { Dim } from '../ir/graph';
import { attrBool, attrInts } from './attrs';
import { fail, intList, numeric, required, withDims } from './check';
import { constInts, unknownDims } from './infer';
import type { OpContext, OpDef } from './types';

/** The output dims; works on symbolic dims too (a -1 among symbols is solved when the symbols cancel). */
export function reshapeDims(
  ctx: OpContext,
  input: readonly Dim[],
  target: readonly number[],
  allowzero: boolean,
): Dim[] {
  if (target.filter((d) => d === -1).length > 1)
    fail(ctx, `shape [${target.join(', ')}] has more than one -1`);
  if (allowzero && target.includes(0) && target.includes(-1))
    fail(ctx, 'with allowzero = 1, shape may not hold both 0 and -1');
  const out: Dim[] = target.map((d, i) => {
    if (!Number.isInteger(d) || d < -1)
      fail(ctx, `shape [${target.join(', ')}] has an invalid dimension ${d}`);
    if (d !== 0 || allowzero) return d;
    if (i >= input.length)
      fail(ctx, `shape [${target.join(', ')}] copies dim ${i} (0), but the input has rank ${input.length}`);
    return input[i];
  });
  const numbers = (dims: readonly Dim[]) =>
    dims.filter((d): d is number => typeof d === 'number' && d !== -1).reduce((a, b) => a * b, 1);
  const symbols = (dims: readonly Dim[]) =>
    dims
      .filter((d) => typeof d === 'string')
      .sort()
      .join('\u0000');
  const sameSymbols = symbols(input) === symbols(out) && !input.includes('?') && !out.includes('?');
  const inferred = out.indexOf(-1);
  if (inferred >= 0) {
    const known = numbers(out);
    if (!sameSymbols) out[inferred] = '?';
    else if (known === 0 || numbers(input) % known !== 0)
      fail(
        ctx,
        `cannot reshape [${input.join(', ')}] to [${target.join(', ')}]: the element counts do not divide`,
      );
    else out[inferred] = numbers(input) / known;
  } else if (sameSymbols && numbers(input) !== numbers(out))
    fail(
      ctx,
      `cannot reshape [${input.join(', ')}] (${numbers(input)} elements) to [${out.join(', ')}] (${numbers(out)})`,
    );
  return out;
}

const allowzero = (ctx: OpContext) => ctx.opset >= 14 && attrBool(ctx, 'allowzero', false);

export const Reshape: OpDef = {
  opType: 'Reshape',
  domain: '',
  infer(ctx, inputs, constants) {
    const x = required(ctx, inputs, 0, 'data');
    const target = ctx.opset < 5 ? (attrInts(ctx, 'shape') ?? null) : constInts(ctx, constants, 1, 'shape');
    if (!target) {
      const rank = ctx.opset < 5 ? undefined : required(ctx, inputs, 1, 'shape').shape?.[0];
      return [{ dtype: x.dtype, shape: typeof rank === 'number' ? unknownDims(rank) : null }];
    }
    return [
      {
        dtype: x.dtype,
        shape: x.shape
          ? reshapeDims(ctx, x.shape, target, allowzero(ctx))
          : target.map((d) => (d > 0 ? d : '?')),
      },
    ];
  },
  run(ctx, inputs) {
    const x = numeric(ctx, required(ctx, inputs, 0, 'data'), 'data');
    const target =
      ctx.opset < 5
        ? (attrInts(ctx, 'shape') ?? fail(ctx, 'attribute shape is required'))
        : intList(ctx, required(ctx, inputs, 1, 'shape'), 'shape');
    return [withDims(x, reshapeDims(ctx, x.dims, target, allowzero(ctx)) as number[])];
  },
};
