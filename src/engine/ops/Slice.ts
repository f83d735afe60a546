// Slice: along each listed axis, the elements start, start+step, … before end. Negative starts/ends count
// from the end; out-of-range values are clamped (ONNX Slice-13). Before opset 10 starts/ends/axes are
// attributes and there are no steps.
import type { Dim } from '../ir/graph';
import type { Tensor } from '../ir/tensor';
import { attrInts } from './attrs';
import { normalizeAxes } from './axes';
import { fail, intList, numeric, optional, required, stridesOf } from './check';
import { constInts } from './infer';
import { stridedCopy } from './strided';
import type { OpContext, OpDef } from './types';

interface SliceArgs {
  starts: number[];
  ends: number[];
  axes: number[] | null;
  steps: number[] | null;
}

/** The slice arguments, or undefined when an input they come from is not known yet (in infer). */
function sliceArgs(
  ctx: OpContext,
  values: readonly (Tensor | null | undefined)[],
  present: readonly boolean[],
): SliceArgs | undefined {
  if (ctx.opset < 10) {
    const starts = attrInts(ctx, 'starts');
    const ends = attrInts(ctx, 'ends');
    if (!starts || !ends) fail(ctx, 'attributes starts and ends are required');
    return { starts, ends, axes: attrInts(ctx, 'axes') ?? null, steps: null };
  }
  const list = (i: number, name: string) =>
    present[i] ? (values[i] ? intList(ctx, values[i]!, name) : undefined) : null;
  const [starts, ends, axes, steps] = [list(1, 'starts'), list(2, 'ends'), list(3, 'axes'), list(4, 'steps')];
  if (starts === null || ends === null) fail(ctx, 'inputs starts and ends are required');
  if (starts === undefined || ends === undefined || axes === undefined || steps === undefined)
    return undefined;
  return { starts, ends, axes, steps };
}

/** Per input axis: first index, step and output size. */
function resolve(ctx: OpContext, dims: readonly Dim[], args: SliceArgs) {
  const { starts, ends } = args;
  const axes = normalizeAxes(ctx, args.axes ?? starts.map((_, i) => i), dims.length);
  const steps = args.steps ?? starts.map(() => 1);
  if (ends.length !== starts.length || axes.length !== starts.length || steps.length !== starts.length)
    fail(
      ctx,
      `starts, ends, axes and steps must have the same length (${starts.length}, ${ends.length}, ${axes.length}, ${steps.length})`,
    );
  const first = dims.map(() => 0);
  const step = dims.map(() => 1);
  const size: Dim[] = [...dims];
  axes.forEach((axis, i) => {
    const dim = dims[axis];
    const s = steps[i];
    if (s === 0) fail(ctx, `step of axis ${axis} is 0`);
    step[axis] = s;
    if (typeof dim !== 'number') {
      size[axis] = '?';
      return;
    }
    const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);
    let start = starts[i] < 0 ? starts[i] + dim : starts[i];
    let end = ends[i] < 0 ? ends[i] + dim : ends[i];
    if (s > 0) [start, end] = [clamp(start, 0, dim), clamp(end, 0, dim)];
    else [start, end] = [clamp(start, 0, dim - 1), clamp(end, -1, dim - 1)];
    first[axis] = start;
    size[axis] = Math.max(0, Math.ceil((end - start) / s));
  });
  return { first, step, size };
}

export const Slice: OpDef = {
  opType: 'Slice',
  domain: '',
  infer(ctx, inputs, constants) {
    const x = required(ctx, inputs, 0, 'data');
    const args = sliceArgs(
      ctx,
      constants,
      inputs.map((t) => t != null),
    );
    if (!x.shape) return [{ dtype: x.dtype, shape: null }];
    if (!args) {
      // the sliced axes are not known: every dim might change, but the rank does not
      const axes = constInts(ctx, constants, 3, 'axes');
      return [
        {
          dtype: x.dtype,
          shape: x.shape.map((d, a) =>
            axes && !axes.some((v) => v === a || v + x.shape!.length === a) ? d : '?',
          ),
        },
      ];
    }
    return [{ dtype: x.dtype, shape: resolve(ctx, x.shape, args).size }];
  },
  run(ctx, inputs) {
    const x = numeric(ctx, required(ctx, inputs, 0, 'data'), 'data');
    const args = sliceArgs(
      ctx,
      inputs,
      inputs.map((_, i) => optional(inputs, i) !== null),
    )!;
    const { first, step, size } = resolve(ctx, x.dims, args);
    const strides = stridesOf(x.dims);
    const base = first.reduce((sum, f, a) => sum + f * strides[a], 0);
    return [
      stridedCopy(
        ctx,
        x,
        size as number[],
        base,
        strides.map((s, a) => s * step[a]),
      ),
    ];
  },
};
