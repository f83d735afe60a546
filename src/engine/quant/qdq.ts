// The QDQ rewrite: a float model plus a plan and activation parameters → the quantized model, in the format
// onnxruntime's quantization tool writes and its runtime fuses into integer kernels (see plan.ts):
//  - each planned activation tensor T gets T → QuantizeLinear → DequantizeLinear right after its producer,
//    and every reader of T reads the dequantized value instead;
//  - each weight is stored as int8 (symmetric, zero point 0) with a DequantizeLinear in front of its node,
//    per output channel (`axis` attribute) or per tensor;
//  - each bias is stored as int32 with scale s_x · s_w (per channel) and zero point 0, so that the integer
//    kernel adds it straight to its int32 accumulator;
//  - the float weights and biases leave the file; zero points that are 0 and optional are left out, and the
//    inserted nodes are unnamed (their values carry the names), which keeps the file small;
//  - the inserted values are named after the tensor they stand for (T_quantized, T_scale …, as onnxruntime's
//    tool does), or, with compactNames, by a short id (t7_q, t7_s …): long exporter names (PyTorch's
//    "/features/features.3/conv/conv.1/Conv_output_0") would otherwise be spelled out again in every Q, DQ and
//    initializer that refers to them. It saves bytes in the file, hardly any once compressed (gzip sees the
//    repetition), and costs readability; hence off by default.
import { ModelError } from '../errors';
import type { Attribute, Graph, Model, Node } from '../ir/graph';
import { makeNode } from '../ir/build';
import { cloneModel, nameGenerator, removeInitializer } from '../ir/edit';
import type { Tensor } from '../ir/tensor';
import { weightParams } from './calibrate/weights';
import type { FusedActivation, PlannedNode, QuantPlan } from './plan';
import { quantize, unsaturated } from './quantize';
import {
  computeParams,
  INT8_SYMMETRIC,
  isPerChannel,
  type QuantParams,
  type QuantScheme,
  type TensorQuantParams,
} from './scheme';

export interface QdqOptions {
  /** The activations' scheme (uint8 asymmetric or int8 symmetric): it sets the zero points' type. */
  activationScheme: QuantScheme;
  /** Name inserted values by a short id per tensor (t7_q, t7_dq, t7_s, t7_zp) instead of after the tensor. */
  compactNames?: boolean;
}

type Role = 'quantized' | 'dequantized' | 'scale' | 'zeroPoint';
const SUFFIX: Record<'descriptive' | 'compact', Record<Role, string>> = {
  descriptive: {
    quantized: '_quantized',
    dequantized: '_dequantized',
    scale: '_scale',
    zeroPoint: '_zero_point',
  },
  compact: { quantized: '_q', dequantized: '_dq', scale: '_s', zeroPoint: '_zp' },
};

export interface QdqResult {
  model: Model;
  /** Each quantized activation → the name of its dequantized value in the new model. */
  dequantized: Map<string, string>;
}

const INT32 = { qmin: -(2 ** 31), qmax: 2 ** 31 - 1 };
/** DequantizeLinear with an `axis` (per-channel) exists from opset 13; QuantizeLinear/DequantizeLinear from 10. */
const PER_AXIS_OPSET = 13;
const QDQ_OPSET = 10;

/** The scale and zero-point tensors of per-tensor or per-channel parameters; zero points of the storage type. */
function paramTensors(
  p: TensorQuantParams,
  zpType: 'uint8' | 'int8' | 'int32',
): { scale: Tensor; zeroPoint: Tensor } {
  const all = isPerChannel(p) ? p.channels : [p];
  const dims = isPerChannel(p) ? [all.length] : [];
  const zp = { uint8: Uint8Array, int8: Int8Array, int32: Int32Array }[zpType].from(
    all.map((c) => c.zeroPoint),
  );
  return {
    scale: { dtype: 'float32', dims, data: Float32Array.from(all.map((c) => c.scale)) },
    zeroPoint: { dtype: zpType, dims, data: zp } as Tensor,
  };
}

/**
 * Widens a weight channel's scale where its bias would not fit int32 at scale s_x · s_w (a channel of
 * near-zero weights with a large bias): s_w ≥ |b| / (s_x · (2^31 − 1)). onnxruntime's tool does the same.
 */
function fitBias(w: TensorQuantParams, bias: Float32Array, sx: number): TensorQuantParams {
  const needed = (k: number) => Math.abs(bias[k]) / (sx * INT32.qmax);
  const widen = (c: QuantParams, need: number) =>
    c.scale >= need ? c : { ...c, scale: Math.fround(need * (1 + 2 ** -20)) };
  if (isPerChannel(w)) return { axis: w.axis, channels: w.channels.map((c, k) => widen(c, needed(k))) };
  let need = 0;
  for (let k = 0; k < bias.length; k++) need = Math.max(need, needed(k));
  return widen(w, need);
}

/** The bias's scale: s_x · s_w rounded to float32, per channel for a per-channel weight. Zero point 0. */
function biasParams(w: TensorQuantParams, sx: number): TensorQuantParams {
  const channel = (sw: number): QuantParams => ({ scale: Math.fround(sx * sw), zeroPoint: 0, ...INT32 });
  if (isPerChannel(w)) return { axis: 0, channels: w.channels.map((c) => channel(c.scale)) };
  return channel(w.scale);
}

class Rewriter {
  private readonly fresh: (base: string) => string;
  private readonly replaced = new Set<string>();
  /** Nodes to insert before / after a node of the graph (null: at the top, for graph inputs). */
  private readonly before = new Map<Node | null, Node[]>();
  private readonly after = new Map<Node | null, Node[]>();
  private readonly paramNames = new Map<string, { scale: string; zeroPoint: string }>();
  /** compactNames: the short id of each tensor an inserted value stands for. */
  private readonly ids = new Map<string, string>();
  readonly dequantized = new Map<string, string>();

  constructor(
    private readonly graph: Graph,
    private readonly params: ReadonlyMap<string, QuantParams>,
    private readonly plan: QuantPlan,
    private readonly options: QdqOptions,
  ) {
    this.fresh = nameGenerator(graph);
  }

  private push(map: Map<Node | null, Node[]>, key: Node | null, node: Node) {
    map.set(key, [...(map.get(key) ?? []), node]);
  }

  /** The name of an inserted value that stands for `tensor` in `role`, unique in the graph. */
  private nameFor(tensor: string, role: Role): string {
    if (!this.options.compactNames) return this.fresh(tensor + SUFFIX.descriptive[role]);
    let id = this.ids.get(tensor);
    if (!id) this.ids.set(tensor, (id = `t${this.ids.size}`));
    return this.fresh(id + SUFFIX.compact[role]);
  }

  private initializer(name: string, value: Tensor): string {
    this.graph.initializers.set(name, value);
    return name;
  }

  private get zpType(): 'uint8' | 'int8' {
    return this.options.activationScheme.signed ? 'int8' : 'uint8';
  }

  /**
   * T → Q → DQ after T's producer; shared parameters share their scale and zero-point initializers. The Q
   * reads `qInput`: T itself, or the input of a Relu/Clip made redundant by the Q's saturation.
   */
  quantizeActivation(tensor: string, source: string, producer: Node | null, qInput = tensor) {
    const p = this.params.get(source);
    if (!p) throw new Error(`no parameters for activation ${source}`);
    let names = this.paramNames.get(source);
    if (!names) {
      const { scale, zeroPoint } = paramTensors(p, this.zpType);
      names = {
        scale: this.initializer(this.nameFor(source, 'scale'), scale),
        zeroPoint: this.initializer(this.nameFor(source, 'zeroPoint'), zeroPoint),
      };
      this.paramNames.set(source, names);
    }
    const q = this.nameFor(tensor, 'quantized');
    const dq = this.nameFor(tensor, 'dequantized');
    const inputs = (x: string) => [x, names.scale, names.zeroPoint];
    this.push(this.after, producer, makeNode('QuantizeLinear', inputs(qInput), [q]));
    this.push(this.after, producer, makeNode('DequantizeLinear', inputs(q), [dq]));
    this.dequantized.set(tensor, dq);
  }

  /**
   * A constant stored as integers with a DequantizeLinear in front of `node`; returns the dequantized name.
   * zpType null leaves the zero point out where it is 0 (optional in ONNX: int32 biases, symmetric weights),
   * which saves a byte or four per channel.
   */
  private constant(
    node: Node,
    name: string,
    values: Tensor<'float32'>,
    p: TensorQuantParams,
    zpType: 'uint8' | 'int8' | null,
  ) {
    const q = quantize(values, p);
    const { scale, zeroPoint } = paramTensors(p, zpType ?? 'int8');
    const inputs = [
      this.initializer(this.nameFor(name, 'quantized'), q),
      this.initializer(this.nameFor(name, 'scale'), scale),
    ];
    if (zpType) inputs.push(this.initializer(this.nameFor(name, 'zeroPoint'), zeroPoint));
    const dq = this.nameFor(name, 'dequantized');
    const attributes: Record<string, Attribute> = isPerChannel(p)
      ? { axis: { type: 'int', value: p.axis } }
      : {};
    this.push(this.before, node, makeNode('DequantizeLinear', inputs, [dq], { attributes }));
    this.replaced.add(name);
    return dq;
  }

  private floatInitializer(name: string): Tensor<'float32'> {
    const t = this.graph.initializers.get(name);
    if (!t || t.dtype !== 'float32') throw new Error(`${name} is not a float initializer`);
    return t as Tensor<'float32'>;
  }

  /** `unit` refers to the float graph; `node` is its copy in the new graph, whose inputs change. */
  quantizeWeights(unit: PlannedNode, node: Node) {
    if (unit.weight) {
      const { input, axis } = unit.weight;
      const wName = unit.node.inputs[input];
      const w = this.floatInitializer(wName);
      let wp = weightParams(w, INT8_SYMMETRIC, axis);
      const biasName = unit.bias ? unit.node.inputs[unit.bias.input] : '';
      if (biasName) {
        const sx = this.params.get(this.plan.activations.get(unit.node.inputs[0])!)!.scale;
        const bias = Float32Array.from(this.floatInitializer(biasName).data);
        // Gemm computes alpha·A·B + beta·C: beta goes into the stored bias, and becomes 1
        const beta = node.attributes.beta;
        if (beta?.type === 'float' && beta.value !== 1) {
          for (let k = 0; k < bias.length; k++) bias[k] = Math.fround(bias[k] * beta.value);
          node.attributes = { ...node.attributes, beta: { type: 'float', value: 1 } };
        }
        wp = fitBias(wp, bias, sx);
        const bp = biasParams(wp, sx);
        node.inputs[unit.bias!.input] = this.constant(
          node,
          biasName,
          { dtype: 'float32', dims: [bias.length], data: bias },
          bp,
          null,
        );
      }
      // onnxruntime fuses Gemm into QGemm only when the weight's DequantizeLinear carries its zero point
      node.inputs[input] = this.constant(node, wName, w, wp, unit.kind === 'gemm' ? 'int8' : null);
    }
    for (const i of unit.constantInputs) {
      const name = unit.node.inputs[i];
      const c = this.floatInitializer(name);
      let lo = 0,
        hi = 0;
      for (const v of c.data) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
      node.inputs[i] = this.constant(
        node,
        name,
        c,
        computeParams(lo, hi, this.options.activationScheme),
        this.zpType,
      );
    }
  }

  /** Every reader of a quantized activation (except its own Q) reads the dequantized value. */
  redirectReaders(original: Node[]) {
    for (const node of original) node.inputs = node.inputs.map((name) => this.dequantized.get(name) ?? name);
  }

  /**
   * The nodes in their final order: Q/DQ pairs right after each producer, weight DQs right before each
   * consumer; `removed` nodes left out, with the constants only they read (a Clip's bounds).
   */
  assemble(original: Node[], removed: ReadonlySet<Node>) {
    const out: Node[] = [...(this.after.get(null) ?? [])];
    for (const node of original)
      if (!removed.has(node))
        out.push(...(this.before.get(node) ?? []), node, ...(this.after.get(node) ?? []));
    const orphans = new Set([...removed].flatMap((n) => n.inputs.slice(1)));
    const read = new Set([...out.flatMap((n) => n.inputs), ...this.graph.outputs.map((v) => v.name)]);
    this.graph.nodes = out.filter(
      (n) => !(n.opType === 'Constant' && n.outputs.every((o) => orphans.has(o) && !read.has(o))),
    );
    for (const name of [...this.replaced, ...orphans])
      if (this.graph.initializers.has(name) && !read.has(name)) removeInitializer(this.graph, name);
  }
}

/** Whether the Q's integer range lies inside the activation's bounds (onnxruntime: IsClipMadeRedundantByQ). */
function madeRedundant(f: FusedActivation, p: QuantParams): boolean {
  const level = (v: number) => (Number.isFinite(v) ? unsaturated(v, p) : v);
  return level(f.min) <= p.qmin && level(f.max) >= p.qmax;
}

function checkOpset(model: Model, perAxis: boolean): void {
  const opset = model.opsets[''] ?? 0;
  const needed = perAxis ? PER_AXIS_OPSET : QDQ_OPSET;
  if (opset < needed)
    throw new ModelError(
      'unsupported',
      `the model imports ONNX opset ${opset}; ${perAxis ? 'per-channel weights need' : 'QuantizeLinear needs'} opset ${needed} or later${perAxis ? ' (or quantize per tensor)' : ''}`,
      { field: 'opset_import' },
    );
}

/** Rewrites a copy of `model` into the QDQ format (the input model is not modified). */
export function rewriteQdq(
  model: Model,
  plan: QuantPlan,
  params: ReadonlyMap<string, QuantParams>,
  options: QdqOptions,
): QdqResult {
  checkOpset(
    model,
    plan.nodes.some((u) => u.weight?.axis != null),
  );
  const copy = cloneModel(model);
  const graph = copy.graph;
  const original = graph.nodes;
  // the plan refers to nodes of the float graph: the copy has the same nodes at the same positions
  const same = new Map(model.graph.nodes.map((n, i) => [n, original[i]]));
  const producers = new Map(original.flatMap((n) => n.outputs.map((o) => [o, n] as const)));
  // A Relu or Clip that the Q after it makes redundant is removed, as onnxruntime's tool does: the Q reads
  // its input instead (the same integers, so the model computes exactly the same).
  const removed = new Set<Node>();
  const qInputs = new Map<string, Node>();
  for (const unit of plan.nodes) {
    if (!unit.output || unit.fused.length === 0) continue;
    const p = params.get(plan.activations.get(unit.output)!)!;
    if (!unit.fused.every((f) => madeRedundant(f, p))) continue;
    qInputs.set(unit.output, same.get(unit.node)!);
    for (const f of unit.fused) removed.add(same.get(f.node)!);
  }
  const rewriter = new Rewriter(graph, params, plan, options);
  for (const [tensor, source] of plan.activations) {
    const target = qInputs.get(tensor);
    if (target) rewriter.quantizeActivation(tensor, source, target, target.outputs[0]);
    else rewriter.quantizeActivation(tensor, source, producers.get(tensor) ?? null);
  }
  rewriter.redirectReaders(original);
  for (const unit of plan.nodes) rewriter.quantizeWeights(unit, same.get(unit.node)!);
  rewriter.assemble(original, removed);
  return { model: copy, dequantized: rewriter.dequantized };
}
