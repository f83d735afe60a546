// Sliding-window geometry shared by convolution and pooling (ONNX Conv / MaxPool / AveragePool):
// kernel, strides, dilations, explicit or automatic padding, and the output size along each spatial axis.
import type { Dim } from '../ir/graph';
import { attrBool, attrChoice, attrInts } from './attrs';
import { fail, unsupported } from './check';
import type { OpContext } from './types';

export type AutoPad = 'NOTSET' | 'SAME_UPPER' | 'SAME_LOWER' | 'VALID';

export interface WindowAttrs {
  kernel: number[];
  strides: number[];
  dilations: number[];
  /** Explicit pads [x1_begin, x2_begin, …, x1_end, x2_end, …] (zeros when absent). */
  pads: number[];
  autoPad: AutoPad;
  ceilMode: boolean;
}

/** The most spatial axes the interpreter's loops handle (1-D, 2-D and 3-D windows). */
const MAX_SPATIAL = 3;

/** Reads the window attributes for `spatial` spatial axes; `kernel` comes from kernel_shape or the weights. */
export function windowAttrs(ctx: OpContext, spatial: number, kernel: number[] | undefined): WindowAttrs {
  if (spatial < 1) fail(ctx, 'the input needs at least one spatial axis (shape N × C × D1 × …)');
  if (spatial > MAX_SPATIAL)
    unsupported(ctx, `${spatial} spatial axes (the interpreter handles up to ${MAX_SPATIAL})`);
  const list = (name: string, length: number, fallback: number) => {
    const v = attrInts(ctx, name) ?? new Array<number>(length).fill(fallback);
    if (v.length !== length)
      fail(ctx, `attribute ${name} has ${v.length} values; expected ${length}`, `attribute ${name}`);
    return v;
  };
  const attrs: WindowAttrs = {
    kernel: attrInts(ctx, 'kernel_shape') ?? kernel ?? fail(ctx, 'attribute kernel_shape is required'),
    strides: list('strides', spatial, 1),
    dilations: list('dilations', spatial, 1),
    pads: list('pads', 2 * spatial, 0),
    autoPad: attrChoice<AutoPad>(ctx, 'auto_pad', ['NOTSET', 'SAME_UPPER', 'SAME_LOWER', 'VALID'], 'NOTSET'),
    ceilMode: attrBool(ctx, 'ceil_mode', false),
  };
  if (attrs.kernel.length !== spatial)
    fail(ctx, `kernel_shape has ${attrs.kernel.length} values; expected ${spatial}`);
  for (const [name, values, min] of [
    ['kernel_shape', attrs.kernel, 1],
    ['strides', attrs.strides, 1],
    ['dilations', attrs.dilations, 1],
    ['pads', attrs.pads, 0],
  ] as const)
    if (values.some((v) => !Number.isSafeInteger(v) || v < min))
      fail(ctx, `attribute ${name} [${values.join(', ')}] must hold integers ≥ ${min}`);
  return attrs;
}

export interface AxisWindow {
  out: number;
  padBegin: number;
  padEnd: number;
}

/** Output size and leading pad along one axis of input size `size`. */
export function axisWindow(ctx: OpContext, a: WindowAttrs, axis: number, size: number): AxisWindow {
  const spatial = a.kernel.length;
  const k = a.kernel[axis];
  const s = a.strides[axis];
  const extent = (k - 1) * a.dilations[axis] + 1; // the dilated kernel's span
  if (a.autoPad === 'SAME_UPPER' || a.autoPad === 'SAME_LOWER') {
    // output = ceil(size / stride); the padding needed for that is split, the odd one at the end (UPPER) or start (LOWER)
    const out = Math.ceil(size / s);
    const total = Math.max(0, (out - 1) * s + extent - size);
    const padBegin = a.autoPad === 'SAME_UPPER' ? Math.floor(total / 2) : Math.ceil(total / 2);
    return { out, padBegin, padEnd: total - padBegin };
  }
  const [begin, end] = a.autoPad === 'VALID' ? [0, 0] : [a.pads[axis], a.pads[axis + spatial]];
  const span = size + begin + end - extent;
  if (span < 0)
    fail(
      ctx,
      `the window (span ${extent}) is larger than the padded input (${size + begin + end}) along spatial axis ${axis}`,
    );
  let out = (a.ceilMode ? Math.ceil(span / s) : Math.floor(span / s)) + 1;
  // in ceil mode, a last window that would start in the end padding is dropped (as in onnxruntime and PyTorch)
  if (a.ceilMode && (out - 1) * s >= size + begin) out--;
  return { out, padBegin: begin, padEnd: end };
}

/** Output spatial dims for possibly symbolic input dims ('?' where the input dim is not static). */
export function windowDims(ctx: OpContext, a: WindowAttrs, spatial: readonly Dim[]): Dim[] {
  return spatial.map((d, i) => (typeof d === 'number' ? axisWindow(ctx, a, i, d).out : '?'));
}
