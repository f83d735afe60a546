// Per-layer SQNR from the quantization report as a GraphView overlay: values keyed by the float graph's
// node keys. The report names a layer by its node name, or "#index opType" for an unnamed node.
import type { Graph, LayerError } from '../../engine';
import { nodeKeys } from '../GraphView/model';

export function sqnrByNodeKey(graph: Graph, layers: readonly LayerError[]): Map<string, number> {
  const keys = nodeKeys(graph.nodes);
  const byName = new Map<string, number>();
  graph.nodes.forEach((n, i) => n.name && byName.set(n.name, i));
  const values = new Map<string, number>();
  for (const layer of layers) {
    const unnamed = /^#(\d+) /.exec(layer.name);
    const index = unnamed ? Number(unnamed[1]) : byName.get(layer.name);
    if (index !== undefined && keys[index] !== undefined) values.set(keys[index], layer.sqnrDb);
  }
  return values;
}
