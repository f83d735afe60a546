// The channels-last form of each layout-sensitive operator the NHWC conversion handles, built from ops a
// runtime accepts: onnxruntime's contrib ops where they exist (NhwcConv, QLinearConv with channels_last,
// NhwcMaxPool for 8-bit data), and standard ONNX where an exact channels-last formulation exists
// (BatchNormalization as a per-channel Mul and Add on the last axis, global pooling as a reduction over the
// spatial axes, non-overlapping pooling windows as Reshape + reduction). Each `build` writes `output` (NHWC)
// from `input` (NHWC); `applies` says, without changing anything, whether the node can take that form.
import type { Graph, Node } from '../ir/graph';
import { makeNode } from '../ir/build';
import { addInitializer } from '../ir/edit';
import { tensor, type DType, type Tensor } from '../ir/tensor';
import { permuteConstant } from './perm';

export const MS_DOMAIN = 'com.microsoft';

export interface FormContext {
  graph: Graph;
  /** Opset of the default domain (the reductions take their axes as an input from 18 on). */
  opset: number;
  fresh: (base: string) => string;
  /** The value of a constant: an initializer, a Constant node's value, or either through Identity nodes. */
  constant: (name: string | undefined) => Tensor | undefined;
  /** Element type and shape of a value (shape inference of the graph as it is; only some forms ask). */
  typeOf: (name: string) => { dtype: DType; shape: (number | string)[] | null } | null;
}

export interface NhwcForm {
  /** What the converted node becomes, for the rewrite's summary. */
  describe: string;
  applies(node: Node, ctx: FormContext): boolean;
  build(node: Node, input: string, output: string, ctx: FormContext): Node[];
}

const intAttr = (node: Node, name: string, fallback: number) => {
  const a = node.attributes[name];
  return a?.type === 'int' ? a.value : fallback;
};
const intsAttr = (node: Node, name: string) => {
  const a = node.attributes[name];
  return a?.type === 'ints' ? a.value : undefined;
};
const floatAttr = (node: Node, name: string, fallback: number) => {
  const a = node.attributes[name];
  return a?.type === 'float' ? a.value : fallback;
};
const isFloat = (dtype: DType) => dtype === 'float32' || dtype === 'float16';
/** Only the first output is written (optional outputs absent). */
const oneOutput = (node: Node) => node.outputs.slice(1).every((o) => !o);

function addConstant(ctx: FormContext, base: string, value: Tensor): string {
  const name = ctx.fresh(base);
  addInitializer(ctx.graph, name, value);
  return name;
}

/** Axes for a reduction: an attribute before opset 18, an int64 input from 18 on. */
function reduction(
  ctx: FormContext,
  opType: string,
  input: string,
  output: string,
  axes: number[],
  keepdims: number,
  name: string,
) {
  const keep = { keepdims: { type: 'int' as const, value: keepdims } };
  if (ctx.opset >= 18) {
    const axesName = addConstant(ctx, `${name}_axes`, tensor('int64', [axes.length], axes));
    return makeNode(opType, [input, axesName], [output], { name, attributes: keep });
  }
  return makeNode(opType, [input], [output], {
    name,
    attributes: { ...keep, axes: { type: 'ints', value: axes } },
  });
}

/** Conv (2-D, float weights stored in the model) → com.microsoft NhwcConv with the weights as [M, kH, kW, C]. */
const conv: NhwcForm = {
  describe: 'com.microsoft NhwcConv',
  applies(node, ctx) {
    const w = ctx.constant(node.inputs[1]);
    return (
      Boolean(node.inputs[0]) && w !== undefined && w.dims.length === 4 && isFloat(w.dtype) && oneOutput(node)
    );
  },
  build(node, input, output, ctx) {
    const w = ctx.constant(node.inputs[1])!;
    const ohwi = addConstant(ctx, `${node.inputs[1]}_ohwi`, permuteConstant(w, [0, 2, 3, 1]));
    const attributes = { ...node.attributes };
    if (!attributes.kernel_shape) attributes.kernel_shape = { type: 'ints', value: w.dims.slice(2) };
    return [
      makeNode('NhwcConv', [input, ohwi, ...node.inputs.slice(2)], [output], {
        name: ctx.fresh(`${node.name || 'conv'}_nhwc`),
        domain: MS_DOMAIN,
        attributes,
      }),
    ];
  },
};

/** QLinearConv (2-D) → com.microsoft QLinearConv with channels_last = 1 (weights unchanged). */
const qlinearConv: NhwcForm = {
  describe: 'com.microsoft QLinearConv (channels_last)',
  applies(node, ctx) {
    const w = ctx.constant(node.inputs[3]);
    return Boolean(node.inputs[0]) && w !== undefined && w.dims.length === 4;
  },
  build(node, input, output, ctx) {
    return [
      makeNode('QLinearConv', [input, ...node.inputs.slice(1)], [output], {
        name: ctx.fresh(`${node.name || 'qconv'}_nhwc`),
        domain: MS_DOMAIN,
        attributes: { ...node.attributes, channels_last: { type: 'int', value: 1 } },
      }),
    ];
  },
};

/** BatchNormalization (inference, constant statistics) → Mul by scale/√(var+ε), Add B − mean·that, on the last axis. */
const batchNorm: NhwcForm = {
  describe: 'Mul + Add',
  applies(node, ctx) {
    const stats = node.inputs.slice(1, 5).map((n) => ctx.constant(n));
    const c = stats[0]?.dims;
    return (
      oneOutput(node) &&
      intAttr(node, 'training_mode', 0) === 0 &&
      stats.length === 4 &&
      stats.every((t) => t && t.dims.length === 1 && t.dims[0] === c![0] && isFloat(t.dtype))
    );
  },
  build(node, input, output, ctx) {
    const [scale, bias, mean, variance] = node.inputs
      .slice(1, 5)
      .map((n) => ctx.constant(n)!.data as Float32Array);
    const eps = floatAttr(node, 'epsilon', 1e-5);
    const multiplier = scale.map((s, c) => s / Math.sqrt(variance[c] + eps));
    const shift = bias.map((b, c) => b - mean[c] * multiplier[c]);
    const dtype = ctx.constant(node.inputs[1])!.dtype;
    const base = node.name || 'batchnorm';
    const m = addConstant(ctx, `${base}_scale`, tensor(dtype, [multiplier.length], multiplier));
    const b = addConstant(ctx, `${base}_shift`, tensor(dtype, [shift.length], shift));
    const scaled = ctx.fresh(`${base}_scaled`);
    return [
      makeNode('Mul', [input, m], [scaled], { name: ctx.fresh(`${base}_mul`) }),
      makeNode('Add', [scaled, b], [output], { name: ctx.fresh(`${base}_add`) }),
    ];
  },
};

/** GlobalAveragePool / GlobalMaxPool → ReduceMean / ReduceMax over the spatial axes [1, 2], kept. */
const globalPool = (reduce: string): NhwcForm => ({
  describe: reduce,
  applies: () => true,
  build(node, input, output, ctx) {
    return [reduction(ctx, reduce, input, output, [1, 2], 1, ctx.fresh(`${node.name || 'pool'}_nhwc`))];
  },
});

/** The window of a 2-D pool when windows tile the image exactly (kernel = stride, no padding or dilation). */
function tilingWindow(node: Node, ctx: FormContext): { kh: number; kw: number; h: number; w: number } | null {
  const kernel = intsAttr(node, 'kernel_shape');
  const strides = intsAttr(node, 'strides') ?? [1, 1];
  const pads = intsAttr(node, 'pads') ?? [0, 0, 0, 0];
  const dilations = intsAttr(node, 'dilations') ?? [1, 1];
  if (!kernel || kernel.length !== 2 || !oneOutput(node)) return null;
  if (strides.some((s, i) => s !== kernel[i]) || pads.some((p) => p !== 0) || dilations.some((d) => d !== 1))
    return null;
  const shape = ctx.typeOf(node.inputs[0])?.shape;
  const [h, w] = [shape?.[2], shape?.[3]];
  if (typeof h !== 'number' || typeof w !== 'number' || h % kernel[0] !== 0 || w % kernel[1] !== 0)
    return null;
  return { kh: kernel[0], kw: kernel[1], h, w };
}

/**
 * MaxPool / AveragePool whose windows tile the image → Reshape [N, H/kh, kh, W/kw, kw, C] (a view of NHWC
 * data) and ReduceMax / ReduceMean over the two window axes: the same windows, the same max or mean.
 */
const tilingPool = (reduce: string): NhwcForm => ({
  describe: `Reshape + ${reduce}`,
  applies: (node, ctx) =>
    isFloat(ctx.typeOf(node.inputs[0])?.dtype ?? 'string') && tilingWindow(node, ctx) !== null,
  build(node, input, output, ctx) {
    const { kh, kw, h, w } = tilingWindow(node, ctx)!;
    const base = node.name || 'pool';
    const shape = addConstant(ctx, `${base}_windows`, tensor('int64', [6], [0, h / kh, kh, w / kw, kw, -1]));
    const windows = ctx.fresh(`${base}_windows`);
    return [
      makeNode('Reshape', [input, shape], [windows], { name: ctx.fresh(`${base}_reshape`) }),
      reduction(ctx, reduce, windows, output, [2, 4], 0, ctx.fresh(`${base}_nhwc`)),
    ];
  },
});

/** MaxPool on 8-bit data → com.microsoft NhwcMaxPool (whose schema takes int8 and uint8 only). */
const nhwcMaxPool: NhwcForm = {
  describe: 'com.microsoft NhwcMaxPool',
  applies(node, ctx) {
    const dtype = ctx.typeOf(node.inputs[0])?.dtype;
    return (
      (dtype === 'int8' || dtype === 'uint8') &&
      oneOutput(node) &&
      intsAttr(node, 'kernel_shape')?.length === 2
    );
  },
  build(node, input, output, ctx) {
    const attributes = { ...node.attributes };
    delete attributes.storage_order; // only about the Indices output, which NhwcMaxPool does not have
    return [
      makeNode('NhwcMaxPool', [input], [output], {
        name: ctx.fresh(`${node.name || 'pool'}_nhwc`),
        domain: MS_DOMAIN,
        attributes,
      }),
    ];
  },
};

/** Ops that start an NHWC region: converted wherever they are, with transposes around them. */
export const START_FORMS: Record<string, NhwcForm[]> = {
  Conv: [conv],
  QLinearConv: [qlinearConv],
};

/** Ops that join an NHWC region: converted when their input comes out of an NHWC → NCHW transpose. */
export const JOIN_FORMS: Record<string, NhwcForm[]> = {
  BatchNormalization: [batchNorm],
  GlobalAveragePool: [globalPool('ReduceMean')],
  GlobalMaxPool: [globalPool('ReduceMax')],
  MaxPool: [nhwcMaxPool, tilingPool('ReduceMax')],
  AveragePool: [tilingPool('ReduceMean')],
};

/** The first form of a default-domain node that applies, or null. */
export function formFor(table: Record<string, NhwcForm[]>, node: Node, ctx: FormContext): NhwcForm | null {
  if (node.domain !== '' || !Object.hasOwn(table, node.opType)) return null;
  return table[node.opType].find((f) => f.applies(node, ctx)) ?? null;
}
