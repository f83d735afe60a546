// validate(): the structural rules of the ONNX IR spec ("Graphs", "Names Within a Graph", "Nodes") checked
// on a decoded model, every violation reported with the node and value it concerns. It looks at the graph
// only; what operators make of their inputs is shape inference's job (ir/infer.ts).
import { ModelError } from '../errors';
import type { Graph, Model, Node } from './graph';
import type { DType } from './tensor';
import { nodeLabel, subgraphsOf } from './scope';
import { findCycles } from './topo';

export type IssueCode =
  | 'cycle' // nodes that depend on each other in a loop
  | 'undefined-value' // a node reads a value that is no input, no initializer and no node's output
  | 'duplicate-definition' // a value written twice (two nodes, or a node and an input/initializer)
  | 'duplicate-node-name'
  | 'unproduced-output' // a graph output that nothing defines
  | 'type-mismatch' // declared or stored element types that cannot go together
  | 'missing-opset'; // a node of a domain the model imports no opset for

export interface Issue {
  code: IssueCode;
  /** 'warning' for what is legal but unwise (duplicate node names); assertValid throws on errors only. */
  severity: 'error' | 'warning';
  message: string;
  /** Label of the node concerned (name, or "#index opType"), prefixed by the subgraph path when nested. */
  node?: string;
  value?: string;
}

/**
 * Inputs that the ONNX operator spec binds to one type variable (the type constraint "T" shared by them),
 * by op type of the default domain: values declared with different element types there cannot be valid.
 * 'all' means every input.
 */
// prettier-ignore
const SAME_DTYPE_INPUTS = new Map<string, 'all' | number[][]>([
  ...['Add', 'Sub', 'Mul', 'Div', 'Mod', 'Sum', 'Max', 'Min', 'Mean', 'Concat'].map((op) => [op, 'all'] as const),
  ...['Equal', 'Less', 'Greater', 'LessOrEqual', 'GreaterOrEqual', 'And', 'Or', 'Xor'].map((op) => [op, 'all'] as const),
  ['MatMul', [[0, 1]]],
  ['Gemm', [[0, 1, 2]]],
  ['Conv', [[0, 1, 2]]],
  ['ConvTranspose', [[0, 1, 2]]],
  ['PRelu', [[0, 1]]],
  ['Clip', [[0, 1, 2]]],
  ['Where', [[1, 2]]],
  ['LayerNormalization', [[0, 1, 2]]],
  ['InstanceNormalization', [[0, 1, 2]]],
  // opset 15 lets X, scale/bias and mean/var differ (T, T1, T2)
  ['BatchNormalization', [[1, 2], [3, 4]]],
  ['DequantizeLinear', [[0, 2]]],
  ['ConvInteger', [[0, 2], [1, 3]]],
  ['MatMulInteger', [[0, 2], [1, 3]]],
  ['QLinearConv', [[0, 2], [3, 5]]],
  ['QLinearMatMul', [[0, 2], [3, 5]]],
]);

function sameDtypeGroups(node: Node): number[][] {
  if (node.domain !== '') return [];
  const groups = SAME_DTYPE_INPUTS.get(node.opType);
  if (groups === undefined) return [];
  return groups === 'all' ? [node.inputs.map((_, i) => i)] : groups;
}

/** Element types known without inference: stored in the file (initializers, Constant values) or declared. */
function knownDtypes(graph: Graph): Map<string, { dtype: DType; from: string }> {
  const known = new Map<string, { dtype: DType; from: string }>();
  const declare = (name: string, dtype: DType | undefined, from: string) => {
    if (dtype && !known.has(name)) known.set(name, { dtype, from });
  };
  for (const [name, t] of graph.initializers) declare(name, t.dtype, 'initializer');
  for (const node of graph.nodes) {
    if (node.domain !== '' || node.opType !== 'Constant' || !node.outputs[0]) continue;
    const a = Object.values(node.attributes)[0];
    const dtype =
      a?.type === 'tensor'
        ? a.value.dtype
        : a?.type === 'float' || a?.type === 'floats'
          ? 'float32'
          : a?.type === 'int' || a?.type === 'ints'
            ? 'int64'
            : undefined;
    declare(node.outputs[0], dtype, 'Constant value');
  }
  for (const v of [...graph.inputs, ...graph.valueInfo.values(), ...graph.outputs])
    declare(v.name, v.type?.dtype, 'declared type');
  return known;
}

/** Checks one graph; subgraphs are checked with the names of their enclosing graphs in scope. */
function checkGraph(
  graph: Graph,
  outerScope: ReadonlySet<string>,
  path: string,
  opsets: Record<string, number> | null,
  issues: Issue[],
) {
  const label = (node: Node, i: number) => path + nodeLabel(node, i);
  const add = (issue: Omit<Issue, 'severity'>, severity: Issue['severity'] = 'error') =>
    issues.push({ severity, ...issue });

  // Definitions: graph inputs, initializers (an initializer may also be listed as an input: its default value),
  // node outputs. Each value may be defined once (static single assignment).
  const definedBy = new Map<string, string>();
  const seenInputs = new Set<string>();
  for (const v of graph.inputs) {
    if (seenInputs.has(v.name))
      add({
        code: 'duplicate-definition',
        value: v.name,
        message: `graph input "${v.name}" is listed twice`,
      });
    seenInputs.add(v.name);
    definedBy.set(v.name, 'a graph input');
  }
  for (const name of graph.initializers.keys())
    if (!definedBy.has(name)) definedBy.set(name, 'an initializer');
  graph.nodes.forEach((node, i) => {
    for (const out of node.outputs) {
      if (!out) continue;
      const previous = definedBy.get(out);
      if (previous)
        add({
          code: 'duplicate-definition',
          node: label(node, i),
          value: out,
          message: `${label(node, i)} writes "${out}", already defined by ${previous}`,
        });
      else definedBy.set(out, `node ${label(node, i)}`);
    }
  });

  const names = new Map<string, number>();
  graph.nodes.forEach((node, i) => {
    if (!node.name) return;
    const first = names.get(node.name);
    if (first === undefined) names.set(node.name, i);
    else
      add(
        {
          code: 'duplicate-node-name',
          node: label(node, i),
          message: `nodes #${first} and #${i} are both named "${node.name}"`,
        },
        'warning',
      );
  });

  const inScope = (name: string) => definedBy.has(name) || outerScope.has(name);
  const known = knownDtypes(graph);
  graph.nodes.forEach((node, i) => {
    for (const name of node.inputs)
      if (name && !inScope(name))
        add({
          code: 'undefined-value',
          node: label(node, i),
          value: name,
          message: `${label(node, i)} (${node.opType}) reads "${name}", which is no graph input, no initializer and no node's output`,
        });
    if (opsets && !Object.hasOwn(opsets, node.domain))
      add({
        code: 'missing-opset',
        node: label(node, i),
        message: `${label(node, i)} is in domain "${node.domain}", but the model imports no opset for it`,
      });
    for (const group of sameDtypeGroups(node)) {
      const typed = group.filter((k) => node.inputs[k] && known.has(node.inputs[k]));
      const dtypes = new Set(typed.map((k) => known.get(node.inputs[k])!.dtype));
      if (dtypes.size > 1) {
        const detail = typed.map(
          (k) =>
            `"${node.inputs[k]}" is ${known.get(node.inputs[k])!.dtype} (${known.get(node.inputs[k])!.from})`,
        );
        add({
          code: 'type-mismatch',
          node: label(node, i),
          message: `${label(node, i)} (${node.opType}) needs inputs of one element type, but ${detail.join(', ')}`,
        });
      }
    }
  });

  for (const v of graph.inputs) {
    const t = graph.initializers.get(v.name);
    if (!t || !v.type) continue;
    const shape = v.type.shape;
    const shapeMismatch =
      shape !== null &&
      (shape.length !== t.dims.length || shape.some((d, k) => typeof d === 'number' && d !== t.dims[k]));
    if (v.type.dtype !== t.dtype || shapeMismatch)
      add({
        code: 'type-mismatch',
        value: v.name,
        message: `graph input "${v.name}" is declared ${v.type.dtype}[${shape?.join(', ') ?? '?'}], but its initializer is ${t.dtype}[${t.dims.join(', ')}]`,
      });
  }

  for (const v of graph.outputs)
    if (!inScope(v.name))
      add({
        code: 'unproduced-output',
        value: v.name,
        message: `graph output "${v.name}" is not produced by any node, nor an input or initializer`,
      });

  for (const cycle of findCycles(graph)) {
    const labels = cycle.map((i) => label(graph.nodes[i], i));
    add({ code: 'cycle', node: labels[0], message: `cycle: ${[...labels, labels[0]].join(' → ')}` });
  }

  // Subgraphs see every name of the enclosing graphs (ONNX IR spec, "Names Within a Graph").
  const scope = new Set([...outerScope, ...definedBy.keys()]);
  graph.nodes.forEach((node, i) => {
    for (const { attribute, graph: sub } of subgraphsOf(node))
      checkGraph(sub, scope, `${label(node, i)}.${attribute}/`, opsets, issues);
  });
}

/** Every structural problem of a model or graph (empty when valid). Checks subgraphs too. */
export function validate(modelOrGraph: Model | Graph): Issue[] {
  const issues: Issue[] = [];
  const isModel = 'graph' in modelOrGraph;
  const graph = isModel ? modelOrGraph.graph : modelOrGraph;
  checkGraph(graph, new Set(), '', isModel ? modelOrGraph.opsets : null, issues);
  return issues;
}

/** Throws ModelError('invalid') listing the errors validate() finds (warnings do not throw). */
export function assertValid(modelOrGraph: Model | Graph): void {
  const errors = validate(modelOrGraph).filter((i) => i.severity === 'error');
  if (errors.length === 0) return;
  const shown = errors.slice(0, 5).map((i) => `  - ${i.message}`);
  if (errors.length > shown.length) shown.push(`  … and ${errors.length - shown.length} more`);
  throw new ModelError(
    'invalid',
    `the graph is not valid (${errors.length} problem${errors.length > 1 ? 's' : ''}):\n${shown.join('\n')}`,
  );
}
