// planMemory: how much memory one inference needs, three ways — every activation in its own buffer (naive),
// a greedy-by-size arena that reuses the memory of dead tensors (planned), and the lower bound no plan can
// beat — plus the element-wise nodes that could work in place.
import type { Model } from '../ir/graph';
import { alignUp, ARENA_ALIGNMENT, greedyBySize, type Interval } from './greedy';
import { inPlaceOpportunities } from './inPlace';
import { tensorLifetimes, type LifetimeOptions } from './lifetimes';
import { liveBytesPerStep } from './lowerBound';
import type { MemoryPlan } from './types';

export interface MemoryPlanOptions extends LifetimeOptions {
  /** Offset alignment in bytes (default ARENA_ALIGNMENT = 64). */
  alignment?: number;
}

/**
 * Plans the activation memory of the model's top-level graph (weights are not planned: they are loaded once
 * and live for the whole session). Sizes come from shape inference with the leading symbolic dim of each input
 * at `batch` (default 1). Throws ModelError for an invalid model or an absurd batch.
 */
export function planMemory(model: Model, options: MemoryPlanOptions = {}): MemoryPlan {
  const alignment = options.alignment ?? ARENA_ALIGNMENT;
  if (!Number.isInteger(alignment) || alignment < 1)
    throw new RangeError(`alignment must be a positive whole number of bytes (got ${alignment})`);
  const lifetimes = tensorLifetimes(model, options);
  const intervals: Interval[] = lifetimes.tensors.map((t) => ({
    size: alignUp(t.bytes, alignment),
    start: t.start,
    end: t.end,
  }));
  const { offsets, arenaBytes } = greedyBySize(intervals);
  const liveBytes = liveBytesPerStep(intervals, lifetimes.order.length);
  return {
    naiveBytes: intervals.reduce((sum, t) => sum + t.size, 0),
    plannedBytes: arenaBytes,
    lowerBoundBytes: liveBytes.reduce((max, b) => Math.max(max, b), 0),
    tensors: lifetimes.tensors.map((t, i) => ({
      name: t.name,
      bytes: t.bytes,
      start: t.start,
      end: t.end,
      offset: offsets[i],
    })),
    order: lifetimes.labels,
    inPlace: inPlaceOpportunities(lifetimes),
    liveBytes,
    alignment,
    symbols: lifetimes.symbols,
    unsized: lifetimes.unsized,
  };
}
