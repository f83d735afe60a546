// Resize: nearest, (N-)linear or (N-)cubic resampling to sizes, or by scales (output = floor(in · scale)),
// computed one axis at a time (resample.ts). Inputs by opset: 10 (X, scales); 11+ (X, roi, scales, sizes);
// 18 adds the axes and keep_aspect_ratio_policy attributes.
import type { Dim } from '../ir/graph';
import type { Tensor } from '../ir/tensor';
import { attrBool, attrChoice, attrFloat, attrInts } from './attrs';
import { normalizeAxes } from './axes';
import {
  ANY,
  checkDims,
  checkDtype,
  fail,
  FLOATS,
  intList,
  numeric,
  optional,
  output,
  required,
  unsupported,
} from './check';
import {
  cubicTaps,
  linearTaps,
  nearestTaps,
  resampleAxis,
  type AxisSampling,
  type CoordinateMode,
  type NearestMode,
  type Taps,
} from './resample';
import type { OpContext, OpDef } from './types';

interface Plan {
  /** Per axis of X: output size and scale. */
  outDims: number[];
  scales: number[];
}

/** A float or int list input that is present and non-empty (an empty tensor counts as absent). */
function listInput(t: Tensor | null | undefined): number[] | null {
  if (!t || t.data.length === 0) return null;
  return Array.from(t.data as ArrayLike<number>);
}

function plan(
  ctx: OpContext,
  inDims: readonly number[],
  scalesT: Tensor | null,
  sizesT: Tensor | null,
): Plan {
  const rank = inDims.length;
  const axes = normalizeAxes(
    ctx,
    (ctx.opset >= 18 && attrInts(ctx, 'axes')) || [...Array(rank).keys()],
    rank,
  );
  const scalesIn = listInput(scalesT);
  const sizesIn = sizesT && sizesT.data.length > 0 ? intList(ctx, sizesT, 'sizes') : null;
  if ((scalesIn === null) === (sizesIn === null)) fail(ctx, 'exactly one of scales and sizes must be given');
  const given = (scalesIn ?? sizesIn)!;
  if (given.length !== axes.length)
    fail(ctx, `${scalesIn ? 'scales' : 'sizes'} has ${given.length} values for ${axes.length} axes`);
  const scales = inDims.map(() => 1);
  const outDims = [...inDims];
  if (scalesIn) {
    axes.forEach((a, i) => {
      if (!(scalesIn[i] > 0)) fail(ctx, `scale ${scalesIn[i]} must be positive`);
      scales[a] = scalesIn[i];
      outDims[a] = Math.floor(inDims[a] * scalesIn[i]);
    });
  } else {
    const policy =
      ctx.opset >= 18
        ? attrChoice(ctx, 'keep_aspect_ratio_policy', ['stretch', 'not_larger', 'not_smaller'], 'stretch')
        : 'stretch';
    const ratios = axes.map((a, i) => sizesIn![i] / inDims[a]);
    const common = policy === 'not_larger' ? Math.min(...ratios) : Math.max(...ratios);
    axes.forEach((a, i) => {
      if (sizesIn![i] < 0) fail(ctx, `size ${sizesIn![i]} is negative`);
      if (policy === 'stretch') outDims[a] = sizesIn![i];
      else outDims[a] = Math.floor(common * inDims[a] + 0.5); // round half up
      scales[a] = policy === 'stretch' ? outDims[a] / inDims[a] : common;
    });
  }
  checkDims(ctx, outDims);
  return { outDims, scales };
}

/** scales and sizes among the inputs (or the constants, or the input types) of the node's opset. */
const inputsOf = <T>(ctx: OpContext, inputs: readonly (T | null)[]): { scales: T | null; sizes: T | null } =>
  ctx.opset < 11
    ? { scales: optional(inputs, 1), sizes: null }
    : { scales: optional(inputs, 2), sizes: optional(inputs, 3) };

const COORDINATE_MODES = [
  'half_pixel',
  'half_pixel_symmetric',
  'pytorch_half_pixel',
  'align_corners',
  'asymmetric',
] as const;
const NEAREST_MODES = ['round_prefer_floor', 'round_prefer_ceil', 'floor', 'ceil'] as const;

/** The per-axis taps of the node's interpolation mode. */
function tapsMaker(ctx: OpContext, dtype: Tensor['dtype']): (sampling: AxisSampling) => Taps[] {
  const mode = attrChoice(ctx, 'mode', ['nearest', 'linear', 'cubic'], 'nearest');
  if (mode !== 'nearest') checkDtype(ctx, dtype, FLOATS, 'X (linear and cubic modes)');
  if (attrBool(ctx, 'antialias', false)) unsupported(ctx, 'antialias = 1 is not supported');
  if (mode === 'linear') return linearTaps;
  if (mode === 'cubic') {
    const A = attrFloat(ctx, 'cubic_coeff_a', -0.75);
    const excludeOutside = attrBool(ctx, 'exclude_outside', false);
    return (sampling) => cubicTaps(sampling, A, excludeOutside);
  }
  // opset 10 has no nearest_mode: it samples like Upsample, at floor(x / scale)
  const nearest: NearestMode =
    ctx.opset < 11 ? 'floor' : attrChoice(ctx, 'nearest_mode', NEAREST_MODES, 'round_prefer_floor');
  return (sampling) => nearestTaps(sampling, nearest);
}

function coordinateMode(ctx: OpContext): CoordinateMode {
  if (ctx.opset < 11) return 'asymmetric';
  const mode = attrChoice(
    ctx,
    'coordinate_transformation_mode',
    [...COORDINATE_MODES, 'tf_crop_and_resize'],
    'half_pixel',
  );
  if (mode === 'tf_crop_and_resize')
    unsupported(ctx, 'coordinate_transformation_mode tf_crop_and_resize is not supported');
  return mode;
}

export const Resize: OpDef = {
  opType: 'Resize',
  domain: '',
  infer(ctx, inputs, constants) {
    const x = required(ctx, inputs, 0, 'X');
    checkDtype(ctx, x.dtype, ANY, 'X');
    if (!x.shape) return [{ dtype: x.dtype, shape: null }];
    const inDims = x.shape.every((d): d is number => typeof d === 'number') ? x.shape : null;
    const known = inputsOf(ctx, constants);
    const needed = inputsOf(ctx, inputs);
    const ready = (needed.scales === null || known.scales) && (needed.sizes === null || known.sizes);
    if (!inDims || !ready) return [{ dtype: x.dtype, shape: x.shape.map((): Dim => '?') }];
    return [{ dtype: x.dtype, shape: plan(ctx, inDims, known.scales, known.sizes).outDims }];
  },
  run(ctx, inputs) {
    const x = numeric(ctx, required(ctx, inputs, 0, 'X'), 'X');
    const taps = tapsMaker(ctx, x.dtype);
    const coordinate = coordinateMode(ctx);
    const { scales, sizes } = inputsOf(ctx, inputs);
    const { outDims, scales: scale } = plan(ctx, x.dims, scales, sizes);
    const y = output(ctx, x.dtype, outDims);
    let data: ArrayLike<number> = x.data;
    const dims = [...x.dims];
    // shrinking axes first keeps every intermediate no larger than the input or the output
    const axes = [...dims.keys()].sort((p, q) => outDims[p] / dims[p] - outDims[q] / dims[q]);
    for (const a of axes) {
      if (outDims[a] === dims[a] && scale[a] === 1) continue; // an untouched axis: every mode is the identity there
      if (dims[a] === 0) fail(ctx, `cannot resize the empty axis ${a} to ${outDims[a]}`);
      data = resampleAxis(
        data,
        dims,
        a,
        taps({ inSize: dims[a], outSize: outDims[a], scale: scale[a], coordinate }),
      );
      dims[a] = outDims[a];
    }
    y.data.set(data);
    return [y];
  },
};
