// layout-nhwc (chapter 4.8, data-layout conversion): runs the convolutions channels last. Four kinds of
// rewrite, one at a time, in this order of priority:
//   1. convert — a Conv or QLinearConv becomes its NHWC form between two transposes (NCHW → NHWC before,
//      NHWC → NCHW after): the graph computes the same, with the layout boundaries made explicit;
//   2. cancel — a transpose that reads another transpose: the pair is dropped when it is the identity
//      (NHWC → NCHW → NHWC between two convolutions), or merged into one transpose;
//   3. push — a transpose moves below the node it feeds when that node does not care about the layout
//      (element-wise: Relu, Clip, Add of two transposed values or of a constant, permuted to match), or has an
//      NHWC form itself (BatchNormalization, pooling): the NHWC region grows until transposes meet and cancel;
//   4. last, a transpose that only moves size-1 axes ([N, 1, H, W] → [N, H, W, 1]) becomes a Reshape: the
//      bytes are already in order, so nothing moves.
// What remains are the transposes at the true boundaries (graph inputs and outputs, layout-bound ops such as
// Flatten or Reshape); layout/transposes.ts reports them and the bytes they move. This is the scheme of
// onnxruntime's layout transformer and transpose optimizer (core/optimizer/layout_transformation and
// transpose_optimization), reduced to the ops the course's models use.
import type { Graph, Model, Node } from '../ir/graph';
import { addInitializer, nameGenerator, removeInitializer, removeNode, replaceNode } from '../ir/edit';
import { indexGraph, type GraphIndex } from '../ir/graphIndex';
import { inferShapes, type ShapeInference } from '../ir/infer';
import { nodeLabel } from '../ir/scope';
import { tensor, type Tensor } from '../ir/tensor';
import {
  formFor,
  JOIN_FORMS,
  MS_DOMAIN,
  START_FORMS,
  type FormContext,
  type NhwcForm,
} from '../layout/nhwcForms';
import {
  compose,
  inverse,
  isIdentity,
  permuteConstant,
  samePerm,
  TO_NCHW,
  TO_NHWC,
  transposeNode,
  transposePerm,
} from '../layout/perm';
import { rewrite as makeRewrite } from './context';
import type { RewriteMessage } from './messages';
import type { Pass, PassContext, Rewrite } from './types';

const words = (list: string) => list.trim().split(/\s+/);

/** Element-wise ops with one data input whose other inputs (if any) are single numbers. */
const UNARY = new Set(
  words(`
    Relu LeakyRelu Sigmoid Tanh HardSigmoid HardSwish Elu Selu Celu Softplus Softsign Gelu Erf Abs Neg Exp Log
    Sqrt Reciprocal Floor Ceil Round Sign Not Identity Cast Clip QuantizeLinear DequantizeLinear
  `),
);
/** Element-wise ops of two inputs (numpy broadcasting). */
const BINARY = new Set(words('Add Sub Mul Div Max Min Pow'));

export type LayoutMatch =
  | { kind: 'convert'; node: Node; form: NhwcForm }
  | { kind: 'cancel'; first: Node; second: Node }
  | { kind: 'push'; transposes: Node[]; op: Node; form?: NhwcForm }
  | { kind: 'reshape'; transpose: Node; dims: number[] };

interface Scan {
  graph: Graph;
  index: GraphIndex;
  forms: FormContext;
}

/** An initializer, a Constant node's `value`, or either behind Identity nodes (as exported models have them). */
function constantValue(graph: Graph, index: GraphIndex, name: string | undefined): Tensor | undefined {
  for (let hops = 0; name && hops < 8; hops++) {
    const t = graph.initializers.get(name);
    if (t) return t;
    const producer = index.producer(name);
    if (producer?.domain !== '') return undefined;
    if (producer.opType === 'Constant') {
      const value = producer.attributes.value;
      return value?.type === 'tensor' ? value.value : undefined;
    }
    if (producer.opType !== 'Identity') return undefined;
    name = producer.inputs[0];
  }
  return undefined;
}

function scan(graph: Graph, ctx: PassContext): Scan {
  let inference: ShapeInference | null = null;
  const model: Model = { ...ctx.model, opsets: { ...ctx.model.opsets, [MS_DOMAIN]: 1 }, graph };
  const index = indexGraph(graph);
  return {
    graph,
    index,
    forms: {
      graph,
      opset: ctx.model.opsets[''] ?? 17,
      fresh: () => {
        throw new Error('match must not create names');
      },
      constant: (name) => constantValue(graph, index, name),
      typeOf: (name) => {
        inference ??= inferShapes(model);
        const t = inference.types.get(name);
        return t ? { dtype: t.dtype, shape: t.shape } : null;
      },
    },
  };
}

/** The only node reading `value` (several reads by that one node allowed); null if none, several, or an output. */
function soleReader(s: Scan, value: string): Node | null {
  if (s.index.isGraphOutput(value)) return null;
  const readers = new Set(s.index.consumers(value).map((u) => u.node));
  return readers.size === 1 ? [...readers][0] : null;
}

function matchConvert(s: Scan): LayoutMatch | null {
  for (const node of s.graph.nodes) {
    const form = formFor(START_FORMS, node, s.forms);
    if (form) return { kind: 'convert', node, form };
  }
  return null;
}

function matchCancel(s: Scan): LayoutMatch | null {
  for (const second of s.graph.nodes) {
    const q = transposePerm(second);
    const first = s.index.producer(second.inputs[0] ?? '');
    const p = transposePerm(first);
    if (!q || !p || p.length !== q.length) continue;
    const source = first!.inputs[0];
    const out = second.outputs[0];
    if (isIdentity(compose(p, q))) {
      // the readers of the pair's output read its input; a graph output keeps its name (see removeNode)
      const renamable =
        !s.index.isGraphOutput(out) || (s.index.producer(source) && !s.index.isGraphOutput(source));
      if (renamable) return { kind: 'cancel', first: first!, second };
    } else if (soleReader(s, first!.outputs[0]) === second) return { kind: 'cancel', first: first!, second };
  }
  return null;
}

/** A constant input that can follow a transpose: a single number, or a tensor of rank ≤ the perm's. */
function permutableConstant(s: Scan, name: string, rank: number): boolean {
  const c = s.forms.constant(name);
  return c !== undefined && c.dims.length <= rank;
}

function matchPush(s: Scan): LayoutMatch | null {
  for (const t of s.graph.nodes) {
    const perm = transposePerm(t);
    const op = perm && soleReader(s, t.outputs[0]);
    if (!perm || !op || op.domain !== '') continue;
    const value = t.outputs[0];
    const dataInputs = op.inputs.flatMap((n, i) => (n === value ? [i] : []));
    if (UNARY.has(op.opType)) {
      const scalars = op.inputs.every(
        (n, i) => i === 0 || !n || (s.forms.constant(n)?.data.length ?? 2) <= 1,
      );
      if (
        dataInputs.length === 1 &&
        dataInputs[0] === 0 &&
        scalars &&
        op.outputs.filter(Boolean).length === 1
      )
        return { kind: 'push', transposes: [t], op };
    } else if (BINARY.has(op.opType) && op.inputs.length === 2) {
      if (dataInputs.length === 2) return { kind: 'push', transposes: [t], op };
      const other = op.inputs[1 - dataInputs[0]];
      const otherT = s.index.producer(other);
      const otherPerm = transposePerm(otherT);
      if (otherPerm && samePerm(otherPerm, perm) && soleReader(s, other) === op)
        return { kind: 'push', transposes: [t, otherT!], op };
      if (permutableConstant(s, other, perm.length)) return { kind: 'push', transposes: [t], op };
    } else if (samePerm(perm, TO_NCHW) && dataInputs.length === 1 && dataInputs[0] === 0) {
      const form = formFor(JOIN_FORMS, op, s.forms);
      if (form) return { kind: 'push', transposes: [t], op, form };
    }
  }
  return null;
}

/** A transpose whose non-1 axes keep their order moves no bytes: it is a Reshape to the permuted dims. */
function matchReshape(s: Scan): LayoutMatch | null {
  for (const t of s.graph.nodes) {
    const perm = transposePerm(t);
    if (!perm || perm[0] !== 0) continue;
    const shape = s.forms.typeOf(t.inputs[0])?.shape;
    if (!shape || shape.length !== perm.length || !shape.slice(1).every((d) => typeof d === 'number'))
      continue;
    const moved = perm.filter((p) => shape[p] !== 1);
    if (moved.every((p, i) => i === 0 || moved[i - 1] < p))
      return { kind: 'reshape', transpose: t, dims: [0, ...perm.slice(1).map((p) => shape[p] as number)] };
  }
  return null;
}

const label = (graph: Graph, node: Node) => nodeLabel(node, graph.nodes.indexOf(node));

const rewrite = (message: RewriteMessage, parts: Partial<Omit<Rewrite, 'pass' | 'message' | 'summary'>>) =>
  makeRewrite('layout-nhwc', message, parts);

/** Drops an initializer nothing reads any more (a weight replaced by its permuted copy). */
function dropIfUnused(graph: Graph, name: string) {
  if (
    graph.initializers.has(name) &&
    indexGraph(graph).consumers(name).length === 0 &&
    !graph.outputs.some((v) => v.name === name)
  )
    removeInitializer(graph, name);
}

function applyConvert(graph: Graph, m: { node: Node; form: NhwcForm }, forms: FormContext): Rewrite {
  const { node, form } = m;
  const was = label(graph, node);
  const [x, y] = [node.inputs[0], node.outputs[0]];
  const xNhwc = forms.fresh(`${x}_nhwc`);
  const yNhwc = forms.fresh(`${y}_nhwc`);
  const toNhwc = transposeNode(x, xNhwc, TO_NHWC, forms.fresh(`${was}_to_nhwc`));
  const body = form.build(node, xNhwc, yNhwc, forms);
  const toNchw = transposeNode(yNhwc, y, TO_NCHW, forms.fresh(`${was}_to_nchw`));
  replaceNode(graph, node, [toNhwc, ...body, toNchw]);
  for (const input of node.inputs) dropIfUnused(graph, input);
  const added = [toNhwc, ...body, toNchw].map((n) => n.name);
  return rewrite(
    { code: 'nhwc-converted', node: { op: node.opType, name: was }, form: form.describe },
    {
      removed: [was],
      added,
      origins: Object.fromEntries(added.map((n) => [n, [was]])),
    },
  );
}

function applyCancel(graph: Graph, m: { first: Node; second: Node }, forms: FormContext): Rewrite {
  const { first, second } = m;
  const [a, b] = [label(graph, first), label(graph, second)];
  const perm = compose(transposePerm(first)!, transposePerm(second)!);
  const source = first.inputs[0];
  if (isIdentity(perm)) {
    removeNode(graph, second, source);
    const removed = [b];
    if (indexGraph(graph).consumers(first.outputs[0]).length === 0 && removeNode(graph, first))
      removed.push(a);
    return rewrite({ code: 'nhwc-cancelled', first: a, second: b }, { removed });
  }
  const merged = transposeNode(source, second.outputs[0], perm, forms.fresh(`${a}_${b}`));
  graph.nodes.splice(graph.nodes.indexOf(first), 1);
  replaceNode(graph, second, [merged]);
  graph.valueInfo.delete(first.outputs[0]);
  return rewrite(
    { code: 'nhwc-merged', first: a, second: b, perm },
    {
      removed: [a, b],
      added: [merged.name],
      origins: { [merged.name]: [a, b] },
    },
  );
}

function applyPush(
  graph: Graph,
  m: { transposes: Node[]; op: Node; form?: NhwcForm },
  forms: FormContext,
): Rewrite {
  const { transposes, op, form } = m;
  const [t] = transposes;
  const perm = transposePerm(t)!;
  const names = transposes.map((n) => label(graph, n));
  const opName = label(graph, op);
  const originalInputs = [...op.inputs];
  const y = op.outputs[0];
  const moved = forms.fresh(`${y}_${form ? 'nhwc' : 'moved'}`);
  const after = transposeNode(moved, y, form ? TO_NCHW : perm, forms.fresh(names[0].replace(/_\d+$/, '')));
  // each transposed input is read before its transpose; a constant input is permuted back to match
  const inputs = op.inputs.map((n) => {
    const producer = transposes.find((p) => p.outputs[0] === n);
    if (producer) return producer.inputs[0];
    const c = forms.constant(n);
    if (!c || c.data.length <= 1 || form) return n;
    const lifted = { ...c, dims: [...new Array<number>(perm.length - c.dims.length).fill(1), ...c.dims] };
    const name = forms.fresh(`${n}_${perm.join('')}`);
    addInitializer(graph, name, permuteConstant(lifted, inverse(perm)));
    return name;
  });
  // the NHWC form is built while the graph is intact: it may ask shape inference about the NCHW input
  const body = form ? form.build(op, inputs[0], moved, forms) : [];
  for (const p of transposes) {
    graph.nodes.splice(graph.nodes.indexOf(p), 1);
    graph.valueInfo.delete(p.outputs[0]);
  }
  graph.valueInfo.delete(y);
  const removed = [...names];
  let added: string[];
  if (form) {
    replaceNode(graph, op, [...body, after]);
    removed.push(opName);
    added = [...body.map((n) => n.name), after.name];
  } else {
    op.inputs = inputs;
    op.outputs = [moved, ...op.outputs.slice(1)];
    graph.nodes.splice(graph.nodes.indexOf(op) + 1, 0, after);
    added = [after.name];
  }
  for (const input of originalInputs) dropIfUnused(graph, input);
  const node = { op: op.opType, name: opName };
  const message = {
    code: 'nhwc-moved',
    transposes: names,
    node,
    ...(form ? { form: form.describe } : {}),
  } as const;
  return rewrite(message, {
    removed,
    added,
    changed: form ? [] : [opName],
    origins: {
      ...Object.fromEntries(added.map((n) => [n, n === after.name ? names : [opName]])),
      ...(form ? {} : { [opName]: [opName] }),
    },
  });
}

function applyReshape(graph: Graph, m: { transpose: Node; dims: number[] }, forms: FormContext): Rewrite {
  const t = m.transpose;
  const was = label(graph, t);
  const shape = forms.fresh(`${t.outputs[0]}_shape`);
  addInitializer(graph, shape, tensor('int64', [m.dims.length], m.dims));
  const reshape = {
    ...t,
    opType: 'Reshape',
    inputs: [t.inputs[0], shape],
    attributes: {},
    name: forms.fresh(`${was}_reshape`),
  };
  replaceNode(graph, t, [reshape]);
  return rewrite(
    { code: 'nhwc-reshape', transpose: was },
    {
      removed: [was],
      added: [reshape.name],
      origins: { [reshape.name]: [was] },
    },
  );
}

export const layoutNhwc: Pass<LayoutMatch> = {
  name: 'layout-nhwc',
  level: 'all',
  match(graph, ctx) {
    // NhwcConv and friends are onnxruntime contrib ops: without them there is no channels-last form to use
    if (!ctx.contribOps) return null;
    const s = scan(graph, ctx);
    return matchConvert(s) ?? matchCancel(s) ?? matchPush(s) ?? matchReshape(s);
  },
  apply(graph, m, ctx) {
    ctx.model.opsets[MS_DOMAIN] ??= 1;
    const fresh = nameGenerator(graph);
    const forms: FormContext = { ...scan(graph, ctx).forms, fresh };
    switch (m.kind) {
      case 'convert':
        return applyConvert(graph, m, forms);
      case 'cancel':
        return applyCancel(graph, m, forms);
      case 'push':
        return applyPush(graph, m, forms);
      case 'reshape':
        return applyReshape(graph, m, forms);
    }
  },
};
