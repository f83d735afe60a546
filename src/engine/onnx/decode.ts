// ONNX bytes → Model. Every way a file can be wrong ends in a ModelError that says what and where;
// the protobuf decoding itself is protobufjs's (via onnx-proto), not hand-written.
import type { onnx as P } from 'onnx-proto';
import { ModelError } from '../errors';
import type { Attribute, Dim, Graph, Model, Node, TypeInfo, ValueInfo } from '../ir/graph';
import { normalizeDomain } from '../ir/graph';
import { halfToFloat } from '../ir/float16';
import { BYTES_PER_ELEMENT, allocate, numel, type DType, type Tensor } from '../ir/tensor';
import { ATTRIBUTE_TYPE, DATA_TYPE, int64, onnx, type Int64 } from './proto';
import { MAX_GRAPH_DEPTH, MAX_RANK, MAX_TENSOR_ELEMENTS } from './limits';

const DTYPE_OF_CODE: Partial<Record<number, DType>> = {
  [DATA_TYPE.FLOAT]: 'float32',
  [DATA_TYPE.UINT8]: 'uint8',
  [DATA_TYPE.INT8]: 'int8',
  [DATA_TYPE.UINT16]: 'uint16',
  [DATA_TYPE.INT16]: 'int16',
  [DATA_TYPE.INT32]: 'int32',
  [DATA_TYPE.INT64]: 'int64',
  [DATA_TYPE.STRING]: 'string',
  [DATA_TYPE.BOOL]: 'bool',
  [DATA_TYPE.FLOAT16]: 'float16',
  [DATA_TYPE.DOUBLE]: 'float64',
  [DATA_TYPE.UINT32]: 'uint32',
  [DATA_TYPE.UINT64]: 'uint64',
};

const CODE_NAME = Object.fromEntries(Object.entries(DATA_TYPE).map(([k, v]) => [v, k]));

export function dtypeOfCode(code: number, where: string): DType {
  const dtype = DTYPE_OF_CODE[code];
  if (!dtype) {
    const name = CODE_NAME[code];
    throw new ModelError(
      name ? 'unsupported' : 'invalid',
      name ? `tensor element type ${name} is not supported` : `unknown tensor element type ${code}`,
      { field: where },
    );
  }
  return dtype;
}

const utf8 = new TextDecoder();

/** An object keyed by names from the file: no prototype, so names like "__proto__" or "toString" are plain keys. */
const dictionary = <T>(): Record<string, T> => Object.create(null) as Record<string, T>;
const text = (b: Uint8Array | string | null | undefined) =>
  b == null ? '' : typeof b === 'string' ? b : utf8.decode(b);

/** Runs protobufjs, turning its errors (truncation, bad wire types, stack overflow) into a ModelError. */
function protobuf<T>(what: string, decode: () => T): T {
  try {
    return decode();
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    // protobufjs reports "index out of range: 12 + 10 > 20" or "invalid wire type 7 at offset 123"
    const m = /at offset (\d+)/.exec(message) ?? /out of range: (\d+)/.exec(message);
    throw new ModelError('parse', `not a valid ${what}: ${message}`, m ? { offset: Number(m[1]) } : {});
  }
}

/** Reads little-endian element values from raw bytes into the dtype's storage. */
function fromRaw(raw: Uint8Array, dtype: DType, n: number, where: string) {
  const width = BYTES_PER_ELEMENT[dtype];
  if (raw.length !== n * width)
    throw new ModelError(
      'invalid',
      `raw_data has ${raw.length} bytes, but ${n} ${dtype} elements need ${n * width}`,
      {
        field: where,
      },
    );
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const out = allocate(dtype, n) as Exclude<Tensor['data'], string[]>;
  const aligned = raw.byteOffset % width === 0;
  switch (dtype) {
    case 'float32':
      if (aligned) out.set(new Float32Array(raw.buffer, raw.byteOffset, n));
      else for (let i = 0; i < n; i++) out[i] = view.getFloat32(i * 4, true);
      break;
    case 'float64':
      for (let i = 0; i < n; i++) out[i] = view.getFloat64(i * 8, true);
      break;
    case 'float16':
      for (let i = 0; i < n; i++) out[i] = halfToFloat(view.getUint16(i * 2, true));
      break;
    case 'int8':
      for (let i = 0; i < n; i++) out[i] = view.getInt8(i);
      break;
    case 'uint8':
    case 'bool':
      out.set(raw);
      break;
    case 'int16':
      for (let i = 0; i < n; i++) out[i] = view.getInt16(i * 2, true);
      break;
    case 'uint16':
      for (let i = 0; i < n; i++) out[i] = view.getUint16(i * 2, true);
      break;
    case 'int32':
      for (let i = 0; i < n; i++) out[i] = view.getInt32(i * 4, true);
      break;
    case 'uint32':
      for (let i = 0; i < n; i++) out[i] = view.getUint32(i * 4, true);
      break;
    case 'int64':
      for (let i = 0; i < n; i++) out[i] = Number(view.getBigInt64(i * 8, true));
      break;
    case 'uint64':
      for (let i = 0; i < n; i++) out[i] = Number(view.getBigUint64(i * 8, true));
      break;
  }
  return out;
}

/** The typed repeated field ONNX uses for each dtype when raw_data is absent. */
function typedField(t: P.ITensorProto, dtype: DType): ArrayLike<number | Int64> | null | undefined {
  switch (dtype) {
    case 'float32':
      return t.floatData;
    case 'float64':
      return t.doubleData;
    case 'int64':
      return t.int64Data;
    case 'uint32':
    case 'uint64':
      return t.uint64Data;
    default:
      return t.int32Data; // int8/uint8/int16/uint16/int32/bool, and float16 as bit patterns
  }
}

export function tensorFromProto(t: P.ITensorProto, where: string): Tensor {
  const dtype = dtypeOfCode(t.dataType ?? 0, `${where}.data_type`);
  if (t.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL || (t.externalData?.length ?? 0) > 0) {
    const location = t.externalData?.find((e) => e.key === 'location')?.value;
    throw new ModelError(
      'unsupported',
      `tensor "${t.name ?? ''}" keeps its data in an external file${location ? ` ("${location}")` : ''}; ` +
        'the playground reads single-file models only — re-save it with all tensors inside the .onnx file',
      { field: where },
    );
  }
  if (t.segment) throw new ModelError('unsupported', 'segmented tensors are not supported', { field: where });
  const dims = (t.dims ?? []).map((d) => int64(d));
  if (dims.length > MAX_RANK)
    throw new ModelError('limit', `tensor rank ${dims.length} exceeds ${MAX_RANK}`, {
      field: `${where}.dims`,
    });
  if (dims.some((d) => !Number.isSafeInteger(d) || d < 0))
    throw new ModelError('invalid', `tensor dims [${dims.join(', ')}] must be non-negative integers`, {
      field: `${where}.dims`,
    });
  const n = numel(dims);
  if (n > MAX_TENSOR_ELEMENTS)
    throw new ModelError('limit', `tensor of ${n} elements exceeds the limit of ${MAX_TENSOR_ELEMENTS}`, {
      field: `${where}.dims`,
    });

  if (dtype === 'string') {
    const strings = (t.stringData ?? []).map(text);
    if (strings.length !== n)
      throw new ModelError('invalid', `${strings.length} strings for ${n} elements`, {
        field: `${where}.string_data`,
      });
    return { dtype, dims, data: strings };
  }
  if (t.rawData && t.rawData.length > 0)
    return { dtype, dims, data: fromRaw(t.rawData, dtype, n, `${where}.raw_data`) };
  const values = typedField(t, dtype) ?? [];
  if (values.length !== n)
    throw new ModelError(
      'invalid',
      `tensor holds ${values.length} values for shape [${dims.join(', ')}] (${n} elements)`,
      {
        field: where,
      },
    );
  const data = allocate(dtype, n) as Exclude<Tensor['data'], string[]>;
  for (let i = 0; i < n; i++) {
    const v = int64(values[i] as Int64);
    data[i] = dtype === 'float16' ? halfToFloat(v) : v;
  }
  return { dtype, dims, data };
}

function typeFromProto(t: P.ITypeProto | null | undefined, where: string): TypeInfo | null {
  const tensorType = t?.tensorType;
  if (!tensorType) return null; // sequence, map, optional or unspecified: kept as unknown
  const dtype = dtypeOfCode(tensorType.elemType ?? 0, `${where}.elem_type`);
  if (!tensorType.shape) return { dtype, shape: null };
  const dims = tensorType.shape.dim ?? [];
  if (dims.length > MAX_RANK)
    throw new ModelError('limit', `rank ${dims.length} exceeds ${MAX_RANK}`, { field: where });
  const shape: Dim[] = dims.map((d) => {
    if (d.dimParam) return d.dimParam;
    if (d.dimValue != null) {
      const v = int64(d.dimValue);
      if (!Number.isSafeInteger(v) || v < 0)
        throw new ModelError('invalid', `dimension ${v} is negative or too large`, { field: where });
      return v;
    }
    return '?';
  });
  return { dtype, shape };
}

function valueInfoFromProto(v: P.IValueInfoProto, where: string): ValueInfo {
  const info: ValueInfo = { name: v.name ?? '', type: typeFromProto(v.type, `${where} "${v.name ?? ''}"`) };
  if (v.docString) info.doc = v.docString;
  return info;
}

function attributeFromProto(a: P.IAttributeProto, where: string, depth: number): Attribute {
  const T = ATTRIBUTE_TYPE;
  let type = a.type ?? T.UNDEFINED;
  if (type === T.UNDEFINED) {
    // IR < 3 files omit the type: infer it from the field that is set
    if (a.floats?.length) type = T.FLOATS;
    else if (a.ints?.length) type = T.INTS;
    else if (a.strings?.length) type = T.STRINGS;
    else if (a.t) type = T.TENSOR;
    else if (a.g) type = T.GRAPH;
    else if (a.s?.length) type = T.STRING;
    else if (a.i != null && int64(a.i) !== 0) type = T.INT;
    else type = T.FLOAT;
  }
  switch (type) {
    case T.FLOAT:
      return { type: 'float', value: a.f ?? 0 };
    case T.INT:
      return { type: 'int', value: int64(a.i) };
    case T.STRING:
      return { type: 'string', value: text(a.s) };
    case T.TENSOR:
      return { type: 'tensor', value: tensorFromProto(a.t ?? {}, `${where}.t`) };
    case T.GRAPH:
      return { type: 'graph', value: graphFromProto(a.g ?? {}, `${where}.g`, depth + 1) };
    case T.FLOATS:
      return { type: 'floats', value: [...(a.floats ?? [])] };
    case T.INTS:
      return { type: 'ints', value: (a.ints ?? []).map((i) => int64(i)) };
    case T.STRINGS:
      return { type: 'strings', value: (a.strings ?? []).map(text) };
    case T.TENSORS:
      return {
        type: 'tensors',
        value: (a.tensors ?? []).map((t, i) => tensorFromProto(t, `${where}.tensors[${i}]`)),
      };
    case T.GRAPHS:
      return {
        type: 'graphs',
        value: (a.graphs ?? []).map((g, i) => graphFromProto(g, `${where}.graphs[${i}]`, depth + 1)),
      };
    case T.SPARSE_TENSOR:
      return { type: 'sparse_tensor', value: onnx.SparseTensorProto.encode(a.sparseTensor ?? {}).finish() };
    case T.SPARSE_TENSORS:
      return {
        type: 'sparse_tensors',
        value: onnx.AttributeProto.encode({ sparseTensors: a.sparseTensors }).finish(),
      };
    case T.TYPE_PROTO:
      return { type: 'type_proto', value: onnx.TypeProto.encode(a.tp ?? {}).finish() };
    case T.TYPE_PROTOS:
      return {
        type: 'type_protos',
        value: onnx.AttributeProto.encode({ typeProtos: a.typeProtos }).finish(),
      };
    default:
      throw new ModelError('invalid', `unknown attribute type ${type}`, { field: where });
  }
}

function nodeFromProto(n: P.INodeProto, index: number, where: string, depth: number): Node {
  const label = n.name || `#${index} ${n.opType ?? '?'}`;
  if (!n.opType) throw new ModelError('invalid', 'node has no op_type', { node: label, field: where });
  const attributes: Record<string, Attribute> = dictionary();
  for (const a of n.attribute ?? []) {
    const name = a.name ?? '';
    if (!name) throw new ModelError('invalid', 'attribute without a name', { node: label });
    if (Object.hasOwn(attributes, name))
      throw new ModelError('invalid', `attribute "${name}" appears twice`, { node: label });
    attributes[name] = attributeFromProto(a, `${where}.attribute "${name}"`, depth);
  }
  const node: Node = {
    name: n.name ?? '',
    opType: n.opType,
    domain: normalizeDomain(n.domain ?? ''),
    inputs: [...(n.input ?? [])],
    outputs: [...(n.output ?? [])],
    attributes,
  };
  if (n.docString) node.doc = n.docString;
  return node;
}

export function graphFromProto(g: P.IGraphProto, where: string, depth = 0): Graph {
  if (depth > MAX_GRAPH_DEPTH)
    throw new ModelError('limit', `subgraphs nested deeper than ${MAX_GRAPH_DEPTH}`, { field: where });
  if (g.sparseInitializer?.length)
    throw new ModelError('unsupported', 'sparse initializers are not supported', {
      field: `${where}.sparse_initializer`,
    });
  const initializers = new Map<string, Tensor>();
  (g.initializer ?? []).forEach((t, i) => {
    const field = `${where}.initializer[${i}] "${t.name ?? ''}"`;
    if (!t.name) throw new ModelError('invalid', 'initializer without a name', { field });
    if (initializers.has(t.name))
      throw new ModelError('invalid', `duplicate initializer "${t.name}"`, { field });
    initializers.set(t.name, tensorFromProto(t, field));
  });
  const valueInfo = new Map<string, ValueInfo>();
  (g.valueInfo ?? []).forEach((v, i) =>
    valueInfo.set(v.name ?? '', valueInfoFromProto(v, `${where}.value_info[${i}]`)),
  );
  const graph: Graph = {
    name: g.name ?? '',
    nodes: (g.node ?? []).map((n, i) => nodeFromProto(n, i, `${where}.node[${i}]`, depth)),
    inputs: (g.input ?? []).map((v, i) => valueInfoFromProto(v, `${where}.input[${i}]`)),
    outputs: (g.output ?? []).map((v, i) => valueInfoFromProto(v, `${where}.output[${i}]`)),
    initializers,
    valueInfo,
  };
  if (g.docString) graph.doc = g.docString;
  return graph;
}

/** Parses an .onnx file. Throws ModelError (code 'parse', 'invalid', 'unsupported' or 'limit'). */
export function decodeModel(bytes: Uint8Array): Model {
  if (bytes.length === 0) throw new ModelError('parse', 'the file is empty');
  const m = protobuf('ONNX model', () => onnx.ModelProto.decode(bytes));
  if (!m.graph)
    throw new ModelError('invalid', 'the file decodes, but holds no graph — is it an ONNX model?', {
      field: 'graph',
    });
  const opsets: Record<string, number> = dictionary();
  for (const o of m.opsetImport ?? []) opsets[normalizeDomain(o.domain ?? '')] = int64(o.version);
  if (!('' in opsets) && m.graph.node?.some((n) => normalizeDomain(n.domain ?? '') === ''))
    throw new ModelError('invalid', 'the model uses standard ONNX operators but declares no ai.onnx opset', {
      field: 'opset_import',
    });
  const metadata: Record<string, string> = dictionary();
  for (const p of m.metadataProps ?? []) metadata[p.key ?? ''] = p.value ?? '';
  const model: Model = {
    irVersion: int64(m.irVersion),
    opsets,
    producerName: m.producerName ?? '',
    producerVersion: m.producerVersion ?? '',
    graph: graphFromProto(m.graph, 'graph'),
    metadata,
  };
  if (m.docString) model.doc = m.docString;
  return model;
}

/** Parses a serialized TensorProto (the .pb files of the ONNX test data). */
export function decodeTensor(bytes: Uint8Array): { name: string; tensor: Tensor } {
  const t = protobuf('ONNX TensorProto', () => onnx.TensorProto.decode(bytes));
  return { name: t.name ?? '', tensor: tensorFromProto(t, 'tensor') };
}
