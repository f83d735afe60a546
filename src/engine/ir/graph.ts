// The graph IR: a model is a graph of nodes that read and write named values, ONNX-style.
// Plain data (no classes) so that it clones into Workers and snapshots cheaply for the pass timeline.
import type { DType, Tensor } from './tensor';

/** A dimension: a number when static, a name when symbolic ("batch", "N"), '?' when unknown. */
export type Dim = number | string;

export interface TypeInfo {
  dtype: DType;
  /** null when even the rank is unknown. */
  shape: Dim[] | null;
}

export interface ValueInfo {
  name: string;
  type: TypeInfo | null;
  doc?: string;
}

/** Node attributes, one variant per ONNX AttributeProto kind. */
export type Attribute =
  | { type: 'float'; value: number }
  | { type: 'int'; value: number }
  | { type: 'string'; value: string }
  | { type: 'tensor'; value: Tensor }
  | { type: 'graph'; value: Graph }
  | { type: 'floats'; value: number[] }
  | { type: 'ints'; value: number[] }
  | { type: 'strings'; value: string[] }
  | { type: 'tensors'; value: Tensor[] }
  | { type: 'graphs'; value: Graph[] }
  /** sparse tensors and type protos are kept opaque (raw encoded bytes) so they survive a round trip. */
  | { type: 'sparse_tensor' | 'sparse_tensors' | 'type_proto' | 'type_protos'; value: Uint8Array };

export type AttributeType = Attribute['type'];

export interface Node {
  name: string;
  opType: string;
  /** '' (or 'ai.onnx') for the standard operator set; e.g. 'com.microsoft' for contrib ops. */
  domain: string;
  /** Value names; '' marks an omitted optional input/output. */
  inputs: string[];
  outputs: string[];
  attributes: Record<string, Attribute>;
  doc?: string;
}

export interface Graph {
  name: string;
  nodes: Node[];
  inputs: ValueInfo[];
  outputs: ValueInfo[];
  /** Constant tensors by value name (Map keeps file order, even for names like "123"). */
  initializers: Map<string, Tensor>;
  /** Types of intermediate values, when known (from the file or from shape inference). */
  valueInfo: Map<string, ValueInfo>;
  doc?: string;
}

export interface Model {
  irVersion: number;
  /** Operator-set version per domain ('' = ai.onnx). */
  opsets: Record<string, number>;
  producerName: string;
  producerVersion: string;
  graph: Graph;
  metadata: Record<string, string>;
  doc?: string;
}

export const DEFAULT_DOMAIN = '';
export const normalizeDomain = (domain: string) => (domain === 'ai.onnx' ? '' : domain);
