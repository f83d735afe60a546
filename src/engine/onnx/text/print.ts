// Prints a Model in the ONNX textual syntax (see parse.ts). Tensors larger than `inlineLimit` elements are
// elided as `= {...}`, which parseModelText resolves against the model they came from.
import type { Attribute, Graph, Model, Node, TypeInfo, ValueInfo } from '../../ir/graph';
import type { Tensor } from '../../ir/tensor';
import { TYPE_NAME } from './types';

export interface PrintOptions {
  /** Largest tensor printed with its values (default 16 elements). */
  inlineLimit?: number;
}

const ATTRIBUTE_TENSOR_LIMIT = 4096;
const IDENT = /^[A-Za-z_][\w./-]*(?:::[\w./-]+)*$/;
const TYPE_WORDS = new Set(Object.values(TYPE_NAME));

/** A value name as written in the text: bare when it reads as an identifier, quoted otherwise. */
function name(n: string): string {
  return IDENT.test(n) && !TYPE_WORDS.has(n) && n !== 'inf' && n !== 'nan' ? n : JSON.stringify(n);
}

function number(x: number, float: boolean): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const s = String(x);
  return float && !/[.e]/.test(s) ? `${s}.0` : s;
}

function type(t: TypeInfo | null): string {
  if (!t) return 'any'; // a value whose type is unknown or not a tensor (sequences, maps)
  const base = TYPE_NAME[t.dtype];
  return t.shape ? `${base}[${t.shape.join(', ')}]` : base;
}

function values(t: Tensor, limit: number): string {
  if (t.data.length > limit) return '{...}';
  if (t.dtype === 'string') return `{${(t.data as string[]).map((s) => JSON.stringify(s)).join(', ')}}`;
  const float = t.dtype.startsWith('float');
  return `{${Array.from(t.data as ArrayLike<number>, (x) => number(x, float)).join(', ')}}`;
}

const tensorLiteral = (t: Tensor, limit: number) => `${type({ dtype: t.dtype, shape: t.dims })} ${values(t, limit)}`;

function attribute(key: string, a: Attribute, indent: string, limit: number): string {
  switch (a.type) {
    case 'float':
      return `${key} = ${number(a.value, true)}`;
    case 'int':
      return `${key} = ${a.value}`;
    case 'string':
      return `${key} = ${JSON.stringify(a.value)}`;
    case 'floats':
      return `${key}: floats = [${a.value.map((x) => number(x, true)).join(', ')}]`;
    case 'ints':
      return `${key}: ints = [${a.value.join(', ')}]`;
    case 'strings':
      return `${key}: strings = [${a.value.map((s) => JSON.stringify(s)).join(', ')}]`;
    case 'tensor':
      // attribute tensors (Constant values) have no name to refer back to, so they print in full up to a large size
      return `${key} = ${tensorLiteral(a.value, Math.max(limit, ATTRIBUTE_TENSOR_LIMIT))}`;
    case 'graph':
      return `${key} = ${graph(a.value, indent, limit)}`;
    default:
      return `# ${key}: ${a.type} attribute not shown`;
  }
}

function node(n: Node, indent: string, limit: number): string {
  const op = n.domain ? `${n.domain}.${n.opType}` : n.opType;
  const attrs = Object.entries(n.attributes).map(([k, a]) => attribute(k, a, indent + '   ', limit));
  const attrText = attrs.length ? ` <${attrs.join(', ')}>` : '';
  return `${indent}${n.outputs.map((o) => (o ? name(o) : '')).join(', ')} = ${op}${attrText} (${n.inputs
    .map((i) => (i ? name(i) : ''))
    .join(', ')})`;
}

const valueInfo = (v: ValueInfo) => `${type(v.type)} ${name(v.name)}`;

function graph(g: Graph, indent: string, limit: number): string {
  const lines = [`${name(g.name || 'main_graph')} (${g.inputs.map(valueInfo).join(', ')}) => (${g.outputs.map(valueInfo).join(', ')})`];
  const decls = [
    ...[...g.initializers].map(([n, t]) => `${indent}   ${type({ dtype: t.dtype, shape: t.dims })} ${name(n)} = ${values(t, limit)}`),
    ...[...g.valueInfo.values()].map((v) => `${indent}   ${valueInfo(v)}`),
  ];
  if (decls.length) lines.push(`${indent}<\n${decls.join(',\n')}\n${indent}>`);
  lines.push(`${indent}{`, ...g.nodes.map((n) => node(n, indent + '   ', limit)), `${indent}}`);
  return lines.join('\n');
}

export function printModelText(m: Model, { inlineLimit = 16 }: PrintOptions = {}): string {
  const opsets = Object.entries(m.opsets)
    .map(([d, v]) => `${JSON.stringify(d)} : ${v}`)
    .join(', ');
  const header = [`ir_version: ${m.irVersion}`, `opset_import: [${opsets}]`];
  if (m.producerName) header.push(`producer_name: ${JSON.stringify(m.producerName)}`);
  return `<\n   ${header.join(',\n   ')}\n>\n${graph(m.graph, '', inlineLimit)}\n`;
}
