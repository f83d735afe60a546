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

/**
 * The shortest decimal that reads back as the same float32: a float32 widened to a double prints as
 * 0.10000000149011612, but 0.1 rounds to the same float32 (at most 9 significant digits are ever needed).
 */
function shortestFloat32(x: number): string {
  for (let digits = 1; digits < 9; digits++) {
    const candidate = Number(x.toPrecision(digits));
    if (Math.fround(candidate) === x) return String(candidate);
  }
  return String(Number(x.toPrecision(9)));
}

/** `precision` says how the value is stored: float32 (and float16, held as float32) or float64 or an integer. */
function number(x: number, precision: 'float32' | 'float64' | 'int'): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (precision === 'int') return String(x);
  if (Object.is(x, -0)) return '-0.0';
  const s = precision === 'float32' ? shortestFloat32(x) : String(x);
  return /[.e]/.test(s) ? s : `${s}.0`;
}

function type(t: TypeInfo | null): string {
  if (!t) return 'any'; // a value whose type is unknown or not a tensor (sequences, maps)
  const base = TYPE_NAME[t.dtype];
  return t.shape ? `${base}[${t.shape.join(', ')}]` : base;
}

function values(t: Tensor, limit: number): string {
  if (t.data.length > limit) return '{...}';
  if (t.dtype === 'string') return `{${(t.data as string[]).map((s) => JSON.stringify(s)).join(', ')}}`;
  const precision = t.dtype === 'float64' ? 'float64' : t.dtype.startsWith('float') ? 'float32' : 'int';
  return `{${Array.from(t.data as ArrayLike<number>, (x) => number(x, precision)).join(', ')}}`;
}

const tensorLiteral = (t: Tensor, limit: number) =>
  `${type({ dtype: t.dtype, shape: t.dims })} ${values(t, limit)}`;

function attribute(key: string, a: Attribute, indent: string, limit: number): string {
  switch (a.type) {
    case 'float':
      return `${key} = ${number(a.value, 'float32')}`; // ONNX float attributes are float32
    case 'int':
      return `${key} = ${a.value}`;
    case 'string':
      return `${key} = ${JSON.stringify(a.value)}`;
    case 'floats':
      return `${key}: floats = [${a.value.map((x) => number(x, 'float32')).join(', ')}]`;
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
  const lines = [
    `${name(g.name || 'main_graph')} (${g.inputs.map(valueInfo).join(', ')}) => (${g.outputs.map(valueInfo).join(', ')})`,
  ];
  const decls = [
    ...[...g.initializers].map(
      ([n, t]) => `${indent}   ${type({ dtype: t.dtype, shape: t.dims })} ${name(n)} = ${values(t, limit)}`,
    ),
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
