// The geometry of a 2-D convolution (ONNX Conv semantics, NCHW input, MCHW weights): every kernel in this
// folder starts from a ConvShape, so bad shapes are rejected once, here, with a ModelError.
import { ModelError } from '../errors';

export interface ConvParams {
  /** [strideH, strideW]; default [1, 1]. */
  strides?: readonly number[];
  /** [top, left, bottom, right] (ONNX order: begins then ends); default zeros. Asymmetric padding is allowed. */
  pads?: readonly number[];
  /** [dilationH, dilationW]; default [1, 1]. */
  dilations?: readonly number[];
  /** Number of groups; C and M must both divide by it. group = C = M is a depthwise convolution. */
  group?: number;
}

export interface ConvShape {
  n: number;
  /** Input channels, height, width. */
  c: number;
  h: number;
  w: number;
  /** Output channels (ONNX "M"). */
  m: number;
  kh: number;
  kw: number;
  oh: number;
  ow: number;
  strideH: number;
  strideW: number;
  padTop: number;
  padLeft: number;
  padBottom: number;
  padRight: number;
  dilationH: number;
  dilationW: number;
  group: number;
  /** Input channels per group (C / group) and output channels per group (M / group). */
  cg: number;
  mg: number;
}

/** Largest number of elements any kernel here will allocate for one buffer (2^28 floats = 1 GiB). */
export const MAX_BUFFER_ELEMENTS = 2 ** 28;

const isDim = (v: number) => Number.isInteger(v) && v >= 1;

function pair(
  name: string,
  v: readonly number[] | undefined,
  fallback: number,
  min: number,
): [number, number] {
  const value = v ?? [fallback, fallback];
  if (value.length !== 2 || !value.every((x) => Number.isInteger(x) && x >= min))
    throw new ModelError('invalid', `Conv ${name} must be two integers ≥ ${min}, got [${value.join(', ')}]`, {
      field: `attribute ${name}`,
    });
  return [value[0], value[1]];
}

/**
 * Validates and completes a convolution's geometry from input dims [N, C, H, W] and weight dims
 * [M, C/group, kH, kW]. Output size per ONNX Conv: floor((H + padTop + padBottom − dilation·(kH − 1) − 1) / stride) + 1.
 */
export function convShape(
  input: readonly number[],
  weight: readonly number[],
  params: ConvParams = {},
): ConvShape {
  if (input.length !== 4 || !input.every(isDim))
    throw new ModelError(
      'invalid',
      `Conv input must be 4-D [N, C, H, W] with positive dims, got [${input.join(', ')}]`,
      {
        field: 'input X',
      },
    );
  if (weight.length !== 4 || !weight.every(isDim))
    throw new ModelError(
      'invalid',
      `Conv weight must be 4-D [M, C/group, kH, kW] with positive dims, got [${weight.join(', ')}]`,
      {
        field: 'input W',
      },
    );
  const [n, c, h, w] = input;
  const [m, cg, kh, kw] = weight;
  const group = params.group ?? 1;
  if (!isDim(group))
    throw new ModelError('invalid', `Conv group must be a positive integer, got ${group}`, {
      field: 'attribute group',
    });
  if (c % group !== 0 || m % group !== 0 || cg !== c / group)
    throw new ModelError(
      'invalid',
      `Conv with group=${group}: input has ${c} channels and weight [${weight.join(', ')}] expects C/group=${cg}, M=${m}; both C and M must divide by group and C/group must match`,
      { field: 'input W' },
    );
  const [strideH, strideW] = pair('strides', params.strides, 1, 1);
  const [dilationH, dilationW] = pair('dilations', params.dilations, 1, 1);
  const pads = params.pads ?? [0, 0, 0, 0];
  if (pads.length !== 4 || !pads.every((p) => Number.isInteger(p) && p >= 0))
    throw new ModelError(
      'invalid',
      `Conv pads must be four integers ≥ 0 [top, left, bottom, right], got [${pads.join(', ')}]`,
      {
        field: 'attribute pads',
      },
    );
  const [padTop, padLeft, padBottom, padRight] = pads;
  const spanH = dilationH * (kh - 1) + 1;
  const spanW = dilationW * (kw - 1) + 1;
  if (h + padTop + padBottom < spanH || w + padLeft + padRight < spanW)
    throw new ModelError(
      'invalid',
      `Conv kernel ${kh}×${kw} (dilated span ${spanH}×${spanW}) does not fit the padded input ${h + padTop + padBottom}×${w + padLeft + padRight}`,
      { field: 'input W' },
    );
  const oh = Math.floor((h + padTop + padBottom - spanH) / strideH) + 1;
  const ow = Math.floor((w + padLeft + padRight - spanW) / strideW) + 1;
  const shape: ConvShape = {
    n,
    c,
    h,
    w,
    m,
    kh,
    kw,
    oh,
    ow,
    strideH,
    strideW,
    padTop,
    padLeft,
    padBottom,
    padRight,
    dilationH,
    dilationW,
    group,
    cg,
    mg: m / group,
  };
  for (const [what, count] of [
    ['input', n * c * h * w],
    ['output', n * m * oh * ow],
    ['weight', m * cg * kh * kw],
  ] as const)
    if (count > MAX_BUFFER_ELEMENTS)
      throw new ModelError(
        'limit',
        `Conv ${what} has ${count} elements, over the limit of ${MAX_BUFFER_ELEMENTS}`,
      );
  return shape;
}

/** Throws a 'limit' ModelError when a kernel's scratch buffer would be absurdly large. */
export function checkBufferSize(what: string, elements: number): void {
  if (elements > MAX_BUFFER_ELEMENTS)
    throw new ModelError(
      'limit',
      `${what} would need ${elements} elements, over the limit of ${MAX_BUFFER_ELEMENTS}`,
    );
}

/** Checks that a tensor's data length matches its dims (a hand-made tensor may lie). */
export function checkData(what: string, data: ArrayLike<number>, expected: number): void {
  if (data.length !== expected)
    throw new ModelError('input', `${what} holds ${data.length} values, its shape needs ${expected}`, {
      field: what,
    });
}

/** The float32 operands of a convolution, checked against each other. */
export function checkConvInputs(
  x: { dtype: string; dims: number[]; data: ArrayLike<number> },
  w: { dtype: string; dims: number[]; data: ArrayLike<number> },
  bias: { dtype: string; dims: number[]; data: ArrayLike<number> } | null,
  params: ConvParams,
  dtypes: { x: readonly string[]; w: readonly string[]; bias: readonly string[] } = FLOAT32,
): ConvShape {
  for (const [name, t, allowed] of [
    ['X', x, dtypes.x],
    ['W', w, dtypes.w],
    ['B', bias, dtypes.bias],
  ] as const)
    if (t && !allowed.includes(t.dtype))
      throw new ModelError(
        'unsupported',
        `Conv input ${name} has dtype ${t.dtype}; this kernel takes ${allowed.join(' or ')}`,
        {
          field: `input ${name}`,
        },
      );
  const shape = convShape(x.dims, w.dims, params);
  checkData('input X', x.data, shape.n * shape.c * shape.h * shape.w);
  checkData('input W', w.data, shape.m * shape.cg * shape.kh * shape.kw);
  if (bias) {
    if (bias.dims.length !== 1 || bias.dims[0] !== shape.m)
      throw new ModelError(
        'invalid',
        `Conv bias must be 1-D of length M=${shape.m}, got [${bias.dims.join(', ')}]`,
        { field: 'input B' },
      );
    checkData('input B', bias.data, shape.m);
  }
  return shape;
}

const FLOAT32 = { x: ['float32'], w: ['float32'], bias: ['float32'] } as const;
