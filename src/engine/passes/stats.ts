// GraphStats: the size and cost of a graph, as the optimizer's table shows them after every pass.
import type { Model } from '../ir/graph';
import { inferShapes, type ShapeInference } from '../ir/infer';
import { modelCost } from '../ir/cost';
import { planMemory } from '../memory/plan';
import type { GraphStats } from './types';

/** Counts of each op type, keyed "Conv" for the standard domain and "com.microsoft::FusedConv" otherwise. */
export function opCounts(model: Model): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const node of model.graph.nodes) {
    const key = node.domain ? `${node.domain}::${node.opType}` : node.opType;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** The model's stats; pass the shape inference of the model when it is at hand. */
export function graphStats(model: Model, inference: ShapeInference = inferShapes(model)): GraphStats {
  const cost = modelCost(model, inference);
  return {
    nodes: model.graph.nodes.length,
    opCounts: opCounts(model),
    params: cost.params,
    macs: cost.macs,
    peakBytes: planMemory(model).plannedBytes,
  };
}
