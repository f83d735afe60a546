// Shape rules shared by Conv, ConvInteger and QLinearConv: X is [N, C, D1…], W is [M, C/group, k1…],
// Y is [N, M, o1…] with the window geometry of slidingWindow.ts.
import type { Dim } from '../ir/graph';
import { attrInt } from './attrs';
import { fail } from './check';
import type { OpContext } from './types';
import { axisWindow, windowAttrs, windowDims, type AxisWindow, type WindowAttrs } from './slidingWindow';

export interface ConvGeometry {
  attrs: WindowAttrs;
  group: number;
  dims: Dim[];
}

export function convGeometry(ctx: OpContext, x: readonly Dim[], w: readonly Dim[]): ConvGeometry {
  if (x.length < 3) fail(ctx, `X must be [N, C, D1, …], got [${x.join(', ')}]`);
  if (w.length !== x.length) fail(ctx, `W must have the rank of X (${x.length}), got [${w.join(', ')}]`);
  const group = attrInt(ctx, 'group', 1);
  const [C, M, Cg] = [x[1], w[0], w[1]];
  if (!Number.isInteger(group) || group < 1) fail(ctx, `group ${group} must be a positive integer`);
  if (typeof C === 'number' && typeof Cg === 'number' && C !== Cg * group)
    fail(ctx, `X has ${C} channels, but W expects ${Cg} per group × ${group} groups`);
  if (typeof M === 'number' && M % group !== 0)
    fail(ctx, `${M} output channels do not divide into ${group} groups`);
  const kernel = w.slice(2);
  const staticKernel = kernel.every((d): d is number => typeof d === 'number') ? kernel : undefined;
  const attrs = windowAttrs(ctx, x.length - 2, staticKernel);
  if (staticKernel && staticKernel.some((k, i) => k !== attrs.kernel[i]))
    fail(
      ctx,
      `kernel_shape [${attrs.kernel.join(', ')}] differs from W's kernel [${staticKernel.join(', ')}]`,
    );
  return { attrs, group, dims: [x[0], M, ...windowDims(ctx, attrs, x.slice(2))] };
}

/** The windows along each spatial axis of a static input. */
export const convWindows = (ctx: OpContext, g: ConvGeometry, xDims: readonly number[]): AxisWindow[] =>
  xDims.slice(2).map((size, i) => axisWindow(ctx, g.attrs, i, size));
