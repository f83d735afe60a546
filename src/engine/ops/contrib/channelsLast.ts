// Channels-last (NHWC) forms of NCHW operators, as onnxruntime's contrib ops define them: the same
// computation on inputs and outputs whose channel axis is last. The reference form is the definition itself —
// move the channels to axis 1, run the standard operator, move them back — so each NHWC op is exactly as
// right as the NCHW oracle it wraps.
import type { Dim, TypeInfo } from '../../ir/graph';
import type { Tensor } from '../../ir/tensor';
import { fail, numeric } from '../check';
import { permuteAxes } from '../strided';
import type { OpContext, OpDef } from '../types';

/** [N, D1, …, Dk, C] → [N, C, D1, …, Dk] and back. */
export const toChannelsFirst = (rank: number) => [
  0,
  rank - 1,
  ...Array.from({ length: rank - 2 }, (_, i) => i + 1),
];
export const toChannelsLast = (rank: number) => [0, ...Array.from({ length: rank - 2 }, (_, i) => i + 2), 1];

/** The opset the wrapped standard operator is run at (contrib ops follow today's ONNX semantics). */
const WRAPPED_OPSET = 17;

export interface ChannelsLastSpec {
  opType: string;
  domain: string;
  /** The NCHW operator it wraps. */
  inner: OpDef;
  /** Inputs stored channels last (the data, and for NhwcConv the weights [M, kH, kW, C/group]). */
  channelsLastInputs: readonly number[];
  /** Outputs the contrib op has (the first ones of the inner op's outputs). */
  outputs: number;
  /** When false for a node, it is the plain NCHW operator (QLinearConv's channels_last = 0). */
  enabled?: (ctx: OpContext) => boolean;
  /** Checks of the contrib op's own schema (its type constraints), run before the inner ones. */
  check?: (ctx: OpContext, inputs: readonly (TypeInfo | null)[]) => void;
}

const permuteShape = (shape: Dim[] | null, perm: readonly number[]) =>
  shape && shape.length === perm.length ? perm.map((p) => shape[p]) : shape;

function rankOf(ctx: OpContext, shape: readonly unknown[] | null, what: string): number {
  if (shape && shape.length < 3)
    fail(ctx, `${what} must be channels-last [N, …, C] with rank ≥ 3, got rank ${shape.length}`);
  return shape?.length ?? 0;
}

export function channelsLast(spec: ChannelsLastSpec): OpDef {
  const { inner, channelsLastInputs, outputs } = spec;
  const innerCtx = (ctx: OpContext): OpContext => ({ node: ctx.node, opset: WRAPPED_OPSET });
  return {
    opType: spec.opType,
    domain: spec.domain,
    infer(ctx, inputs, constants) {
      spec.check?.(ctx, inputs);
      if (spec.enabled && !spec.enabled(ctx))
        return inner.infer(innerCtx(ctx), inputs, constants).slice(0, outputs);
      const moved = inputs.map((t, i) => {
        if (!t || !channelsLastInputs.includes(i)) return t;
        const rank = rankOf(ctx, t.shape, `input ${i}`);
        return { dtype: t.dtype, shape: rank ? permuteShape(t.shape, toChannelsFirst(rank)) : null };
      });
      // constants of moved inputs would be in the wrong layout for the inner op; shapes do not need them
      const known = constants.map((c, i) => (channelsLastInputs.includes(i) ? null : c));
      return inner
        .infer(innerCtx(ctx), moved, known)
        .slice(0, outputs)
        .map((t) => ({
          dtype: t.dtype,
          shape: t.shape ? permuteShape(t.shape, toChannelsLast(t.shape.length)) : null,
        }));
    },
    run(ctx, inputs) {
      spec.check?.(
        ctx,
        inputs.map((t) => (t ? { dtype: t.dtype, shape: [...t.dims] } : null)),
      );
      if (spec.enabled && !spec.enabled(ctx)) return inner.run(innerCtx(ctx), inputs).slice(0, outputs);
      const moved = inputs.map((t, i): Tensor | null => {
        if (!t || !channelsLastInputs.includes(i)) return t;
        const x = numeric(ctx, t, `input ${i}`);
        return permuteAxes(ctx, x, toChannelsFirst(rankOf(ctx, x.dims, `input ${i}`)));
      });
      return inner
        .run(innerCtx(ctx), moved)
        .slice(0, outputs)
        .map((y) => permuteAxes(ctx, numeric(ctx, y, 'output'), toChannelsLast(y.dims.length)));
    },
  };
}
