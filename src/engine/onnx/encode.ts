// Model → ONNX bytes (protobuf via onnx-proto). Numeric tensors are written as little-endian raw_data,
// float16 converted back to its 16-bit patterns.
import type { onnx as P } from 'onnx-proto';
import type { Attribute, Graph, Model, Node, TypeInfo, ValueInfo } from '../ir/graph';
import { floatToHalf } from '../ir/float16';
import { BYTES_PER_ELEMENT, type DType, type Tensor } from '../ir/tensor';
import { ATTRIBUTE_TYPE, DATA_TYPE, onnx } from './proto';

export const CODE_OF_DTYPE: Record<DType, number> = {
  float32: DATA_TYPE.FLOAT,
  uint8: DATA_TYPE.UINT8,
  int8: DATA_TYPE.INT8,
  uint16: DATA_TYPE.UINT16,
  int16: DATA_TYPE.INT16,
  int32: DATA_TYPE.INT32,
  int64: DATA_TYPE.INT64,
  string: DATA_TYPE.STRING,
  bool: DATA_TYPE.BOOL,
  float16: DATA_TYPE.FLOAT16,
  float64: DATA_TYPE.DOUBLE,
  uint32: DATA_TYPE.UINT32,
  uint64: DATA_TYPE.UINT64,
};

const utf8 = new TextEncoder();

function toRaw(t: Tensor): Uint8Array {
  const n = t.data.length;
  const raw = new Uint8Array(n * BYTES_PER_ELEMENT[t.dtype]);
  const view = new DataView(raw.buffer);
  const d = t.data as ArrayLike<number>;
  switch (t.dtype) {
    case 'float32':
      for (let i = 0; i < n; i++) view.setFloat32(i * 4, d[i], true);
      break;
    case 'float64':
      for (let i = 0; i < n; i++) view.setFloat64(i * 8, d[i], true);
      break;
    case 'float16':
      for (let i = 0; i < n; i++) view.setUint16(i * 2, floatToHalf(d[i]), true);
      break;
    case 'int8':
      for (let i = 0; i < n; i++) view.setInt8(i, d[i]);
      break;
    case 'uint8':
    case 'bool':
      raw.set(d as Uint8Array);
      break;
    case 'int16':
      for (let i = 0; i < n; i++) view.setInt16(i * 2, d[i], true);
      break;
    case 'uint16':
      for (let i = 0; i < n; i++) view.setUint16(i * 2, d[i], true);
      break;
    case 'int32':
      for (let i = 0; i < n; i++) view.setInt32(i * 4, d[i], true);
      break;
    case 'uint32':
      for (let i = 0; i < n; i++) view.setUint32(i * 4, d[i], true);
      break;
    case 'int64':
      for (let i = 0; i < n; i++) view.setBigInt64(i * 8, BigInt(Math.trunc(d[i])), true);
      break;
    case 'uint64':
      for (let i = 0; i < n; i++) view.setBigUint64(i * 8, BigInt(Math.trunc(d[i])), true);
      break;
    case 'string':
      throw new Error('unreachable: strings are not raw');
  }
  return raw;
}

export function tensorToProto(t: Tensor, name = ''): P.ITensorProto {
  const proto: P.ITensorProto = { name, dims: t.dims, dataType: CODE_OF_DTYPE[t.dtype] };
  if (t.dtype === 'string') proto.stringData = (t.data as string[]).map((s) => utf8.encode(s));
  else proto.rawData = toRaw(t);
  return proto;
}

function typeToProto(type: TypeInfo | null): P.ITypeProto | undefined {
  if (!type) return undefined;
  return {
    tensorType: {
      elemType: CODE_OF_DTYPE[type.dtype],
      shape: type.shape
        ? {
            dim: type.shape.map((d) =>
              typeof d === 'number' ? { dimValue: d } : d === '?' ? {} : { dimParam: d },
            ),
          }
        : undefined,
    },
  };
}

const valueInfoToProto = (v: ValueInfo): P.IValueInfoProto => ({
  name: v.name,
  type: typeToProto(v.type),
  docString: v.doc,
});

function attributeToProto(name: string, a: Attribute): P.IAttributeProto {
  const T = ATTRIBUTE_TYPE;
  switch (a.type) {
    case 'float':
      return { name, type: T.FLOAT, f: a.value };
    case 'int':
      return { name, type: T.INT, i: a.value };
    case 'string':
      return { name, type: T.STRING, s: utf8.encode(a.value) };
    case 'tensor':
      return { name, type: T.TENSOR, t: tensorToProto(a.value) };
    case 'graph':
      return { name, type: T.GRAPH, g: graphToProto(a.value) };
    case 'floats':
      return { name, type: T.FLOATS, floats: a.value };
    case 'ints':
      return { name, type: T.INTS, ints: a.value };
    case 'strings':
      return { name, type: T.STRINGS, strings: a.value.map((s) => utf8.encode(s)) };
    case 'tensors':
      return { name, type: T.TENSORS, tensors: a.value.map((t) => tensorToProto(t)) };
    case 'graphs':
      return { name, type: T.GRAPHS, graphs: a.value.map(graphToProto) };
    case 'sparse_tensor':
      return { name, type: T.SPARSE_TENSOR, sparseTensor: onnx.SparseTensorProto.decode(a.value) };
    case 'sparse_tensors':
      return {
        name,
        type: T.SPARSE_TENSORS,
        sparseTensors: onnx.AttributeProto.decode(a.value).sparseTensors,
      };
    case 'type_proto':
      return { name, type: T.TYPE_PROTO, tp: onnx.TypeProto.decode(a.value) };
    case 'type_protos':
      return { name, type: T.TYPE_PROTOS, typeProtos: onnx.AttributeProto.decode(a.value).typeProtos };
  }
}

const nodeToProto = (n: Node): P.INodeProto => ({
  name: n.name,
  opType: n.opType,
  domain: n.domain,
  input: n.inputs,
  output: n.outputs,
  attribute: Object.entries(n.attributes).map(([k, a]) => attributeToProto(k, a)),
  docString: n.doc,
});

export function graphToProto(g: Graph): P.IGraphProto {
  return {
    name: g.name,
    node: g.nodes.map(nodeToProto),
    initializer: [...g.initializers].map(([name, t]) => tensorToProto(t, name)),
    input: g.inputs.map(valueInfoToProto),
    output: g.outputs.map(valueInfoToProto),
    valueInfo: [...g.valueInfo.values()].map(valueInfoToProto),
    docString: g.doc,
  };
}

export function encodeModel(m: Model): Uint8Array {
  const proto: P.IModelProto = {
    irVersion: m.irVersion,
    opsetImport: Object.entries(m.opsets).map(([domain, version]) => ({ domain, version })),
    producerName: m.producerName,
    producerVersion: m.producerVersion,
    graph: graphToProto(m.graph),
    metadataProps: Object.entries(m.metadata).map(([key, value]) => ({ key, value })),
    docString: m.doc,
  };
  return onnx.ModelProto.encode(proto).finish();
}

export function encodeTensor(t: Tensor, name = ''): Uint8Array {
  return onnx.TensorProto.encode(tensorToProto(t, name)).finish();
}
