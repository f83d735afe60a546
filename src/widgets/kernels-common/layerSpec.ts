// What a kernel widget runs: a convolution layer, either a real Conv layer of a zoo model (its weights and
// attributes) or a small shape the reader sets, with seeded random input. Pure: validation and building,
// no React; the LayerPicker component is the UI over it. Geometry and checks are the engine's (convShape).
import {
  convShape,
  isModelError,
  seededRandom,
  type ConvLayer,
  type ConvParams,
  type ConvShape,
  type Tensor,
} from '../../engine';
import type { LayerInput } from '../../workers/kernelRuns/stages';

/** A shape the reader sets: input C×H×W, K output channels, an R×S kernel, square stride/pad/dilation, groups. */
export interface CustomShape {
  c: number;
  h: number;
  w: number;
  k: number;
  r: number;
  s: number;
  stride: number;
  pad: number;
  dilation: number;
  groups: number;
}

export const SHAPE_FIELDS = ['c', 'h', 'w', 'k', 'r', 's', 'stride', 'pad', 'dilation', 'groups'] as const;
export type ShapeField = (typeof SHAPE_FIELDS)[number];

/** Values of the seeded input (and of the weights and bias of a custom shape). */
export type ValueKind = 'integers' | 'uniform';

export type LayerSource =
  { kind: 'model'; model: string; layer: string } | { kind: 'custom'; shape: CustomShape };

/** The range each field of a custom shape may take (inclusive), and a cap on the work of one run. */
export interface ShapeLimits {
  min: Record<ShapeField, number>;
  max: Record<ShapeField, number>;
  /** Multiply-accumulates of the direct convolution (N = 1). */
  maxMacs: number;
}

export const DEFAULT_LIMITS: ShapeLimits = {
  min: { c: 1, h: 1, w: 1, k: 1, r: 1, s: 1, stride: 1, pad: 0, dilation: 1, groups: 1 },
  max: { c: 64, h: 64, w: 64, k: 64, r: 11, s: 11, stride: 8, pad: 8, dilation: 8, groups: 64 },
  // Widgets run the engine in the kernels Worker (useKernelJob), several times per layer for Winograd's error
  // table: the cap keeps a job to seconds on a slow machine and admits every Conv layer of the zoo (the largest,
  // MobileNetV2-224's last 1×1 convolution, has 20 M).
  maxMacs: 32_000_000,
};

/** Why a shape or layer cannot be used, as data: the picker turns it into a sentence in the reader's language. */
export type LayerProblem =
  | { code: 'range'; field: ShapeField; value: string; min: number; max: number }
  | { code: 'groups'; groups: number; c: number; k: number }
  | { code: 'fit'; span: number[]; padded: number[] }
  | { code: 'work'; macs: number; max: number }
  | { code: 'engine'; message: string }
  | { code: 'constraint'; message: string };

/** A layer ready to run: the tensors, the attributes and the geometry the engine computed. */
export interface PickedLayer {
  /** Changes whenever anything that changes a run changes (source, seed, values). */
  key: string;
  source: LayerSource;
  seed: number;
  values: ValueKind;
  x: Tensor<'float32'>;
  w: Tensor<'float32'>;
  bias: Tensor<'float32'> | null;
  params: ConvParams;
  shape: ConvShape;
}

/** Multiply-accumulates of the direct convolution of this geometry (the definition: every tap, padding included). */
export const denseMacs = (s: ConvShape) => s.n * s.m * s.oh * s.ow * s.cg * s.kh * s.kw;

export const paramsOf = (shape: CustomShape): ConvParams => ({
  strides: [shape.stride, shape.stride],
  pads: [shape.pad, shape.pad, shape.pad, shape.pad],
  dilations: [shape.dilation, shape.dilation],
  group: shape.groups,
});

/** Parses the text of the form's fields; a field that is not a whole number within its range is a problem. */
export function parseShape(
  text: Record<ShapeField, string>,
  limits: ShapeLimits = DEFAULT_LIMITS,
): { shape: CustomShape | null; problems: LayerProblem[] } {
  const problems: LayerProblem[] = [];
  const shape = {} as CustomShape;
  for (const field of SHAPE_FIELDS) {
    const raw = text[field].trim();
    const value = Number(raw);
    const [min, max] = [limits.min[field], limits.max[field]];
    if (raw === '' || !Number.isInteger(value) || value < min || value > max)
      problems.push({ code: 'range', field, value: raw, min, max });
    shape[field] = value;
  }
  return problems.length ? { shape: null, problems } : { shape, problems };
}

/**
 * Checks a geometry with the engine (convShape) and against the widget's limits: groups that do not divide
 * the channels, a kernel that does not fit, more work than a widget should do in the page.
 */
export function checkGeometry(
  inputDims: number[],
  weightDims: number[],
  params: ConvParams,
  maxMacs: number,
): { shape: ConvShape | null; problems: LayerProblem[] } {
  const [, c, h, w] = inputDims;
  const [k, , r, s] = weightDims;
  const group = params.group ?? 1;
  if (c % group !== 0 || k % group !== 0)
    return { shape: null, problems: [{ code: 'groups', groups: group, c, k }] };
  const [dh, dw] = params.dilations ?? [1, 1];
  const [pt, pl, pb, pr] = params.pads ?? [0, 0, 0, 0];
  const span = [dh * (r - 1) + 1, dw * (s - 1) + 1];
  const padded = [h + pt + pb, w + pl + pr];
  if (span[0] > padded[0] || span[1] > padded[1])
    return { shape: null, problems: [{ code: 'fit', span, padded }] };
  try {
    const shape = convShape(inputDims, weightDims, params);
    const macs = denseMacs(shape);
    if (macs > maxMacs) return { shape: null, problems: [{ code: 'work', macs, max: maxMacs }] };
    return { shape, problems: [] };
  } catch (e) {
    if (!isModelError(e)) throw e;
    return { shape: null, problems: [{ code: 'engine', message: e.message }] };
  }
}

/** Seeded values: small integers −2…2 (dot products a reader can check by hand) or uniform in [−1, 1). */
function seededTensor(random: () => number, dims: number[], values: ValueKind): Tensor<'float32'> {
  const data = new Float32Array(dims.reduce((a, b) => a * b, 1));
  for (let i = 0; i < data.length; i++)
    data[i] = values === 'integers' ? Math.floor(random() * 5) - 2 : random() * 2 - 1;
  return { dtype: 'float32', dims: [...dims], data };
}

const keyOf = (source: LayerSource, seed: number, values: ValueKind) =>
  JSON.stringify({ source, seed, values });

/** A custom layer: seeded input, weights and bias. The shape must have passed parseShape and checkGeometry. */
export function customLayer(
  shape: CustomShape,
  conv: ConvShape,
  seed: number,
  values: ValueKind,
): PickedLayer {
  const random = seededRandom(seed);
  const x = seededTensor(random, [1, shape.c, shape.h, shape.w], values);
  const w = seededTensor(random, [shape.k, shape.c / shape.groups, shape.r, shape.s], values);
  const bias = seededTensor(random, [shape.k], values);
  const source: LayerSource = { kind: 'custom', shape };
  return {
    key: keyOf(source, seed, values),
    source,
    seed,
    values,
    x,
    w,
    bias,
    params: paramsOf(shape),
    shape: conv,
  };
}

/** A real layer of a zoo model: its weights, bias and attributes, with seeded input of its recorded shape. */
export function modelLayer(
  model: string,
  layer: ConvLayer,
  conv: ConvShape,
  seed: number,
  values: ValueKind,
): PickedLayer {
  const x = seededTensor(seededRandom(seed), layer.inputDims, values);
  const source: LayerSource = { kind: 'model', model, layer: layer.name };
  return {
    key: keyOf(source, seed, values),
    source,
    seed,
    values,
    x,
    w: layer.w,
    bias: layer.bias,
    params: layer.params,
    shape: conv,
  };
}

export const shapeText = (shape: CustomShape): Record<ShapeField, string> =>
  Object.fromEntries(SHAPE_FIELDS.map((f) => [f, String(shape[f])])) as Record<ShapeField, string>;

/** What a kernels-Worker job needs of a layer: its tensors and attributes. */
export const layerInput = (layer: PickedLayer): LayerInput => ({
  x: layer.x,
  w: layer.w,
  bias: layer.bias,
  params: layer.params,
});
