// Terse constructors for nodes, graphs and models: what passes use to create nodes, and tests and lessons
// to write small graphs by hand.
import type { Attribute, Dim, Graph, Model, Node, ValueInfo } from './graph';
import type { DType, Tensor } from './tensor';

export function makeNode(
  opType: string,
  inputs: string[],
  outputs: string[],
  {
    name = '',
    domain = '',
    attributes = {},
  }: { name?: string; domain?: string; attributes?: Record<string, Attribute> } = {},
): Node {
  return { name, opType, domain, inputs, outputs, attributes };
}

/** A value with a tensor type; shape null when even the rank is unknown. */
export const typedValue = (name: string, dtype: DType, shape: Dim[] | null): ValueInfo => ({
  name,
  type: { dtype, shape },
});

export function makeGraph({
  name = 'graph',
  nodes = [],
  inputs = [],
  outputs = [],
  initializers = {},
  valueInfo = [],
}: {
  name?: string;
  nodes?: Node[];
  inputs?: ValueInfo[];
  outputs?: ValueInfo[];
  initializers?: Record<string, Tensor> | Map<string, Tensor>;
  valueInfo?: ValueInfo[];
}): Graph {
  return {
    name,
    nodes,
    inputs,
    outputs,
    initializers: initializers instanceof Map ? initializers : new Map(Object.entries(initializers)),
    valueInfo: new Map(valueInfo.map((v) => [v.name, v])),
  };
}

export function makeModel(graph: Graph, opsets: Record<string, number> = { '': 17 }): Model {
  return {
    irVersion: 8,
    opsets,
    producerName: 'inference-playground',
    producerVersion: '',
    graph,
    metadata: {},
  };
}
