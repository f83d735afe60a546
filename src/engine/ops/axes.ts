// Axes lists (Squeeze, Unsqueeze, Reduce*, Split's split…) moved from attributes to inputs at some opset;
// these helpers read them from whichever place the node's opset uses.
import type { Tensor } from '../ir/tensor';
import { attrInts } from './attrs';
import { axisIndex, fail, intList } from './check';
import type { OpContext } from './types';

/**
 * The integer list a node gets from attribute `name` before opset `sinceOpset`, and from input `index`
 * from then on. null when absent. In infer, pass the constants: an input not known yet gives undefined.
 */
export function listFrom(
  ctx: OpContext,
  name: string,
  sinceOpset: number,
  index: number,
  inputs: readonly (Tensor | null | undefined)[],
  present: boolean,
): number[] | null | undefined {
  if (ctx.opset < sinceOpset) return attrInts(ctx, name) ?? null;
  if (!present) return null;
  const t = inputs[index];
  return t ? intList(ctx, t, name) : undefined;
}

/** Axes made non-negative, checked in range and unique. */
export function normalizeAxes(
  ctx: OpContext,
  axes: readonly number[],
  rank: number,
  name = 'axes',
): number[] {
  const out = axes.map((a) => axisIndex(ctx, a, rank, name));
  if (new Set(out).size !== out.length) fail(ctx, `${name} [${axes.join(', ')}] repeats an axis`);
  return out;
}
