// The greedy-by-size arena: Pisarchyk & Lee, "Efficient Memory Management for Deep Neural Net Inference"
// (2020), section 4.3 "Greedy by Size for Offset Calculation", the strategy TensorFlow Lite's arena planner
// uses. Tensors are placed largest first; each goes at the lowest offset where it overlaps in memory with no
// already-placed tensor that overlaps it in time. (The paper takes the smallest gap that fits; the lowest
// one that fits is TFLite's choice and the one stated here.)
import { overlapInTime } from './lifetimes';

/** Offsets are multiples of this (a cache line; what SIMD loads and most arenas align to). */
export const ARENA_ALIGNMENT = 64;

export const alignUp = (bytes: number, alignment: number) => Math.ceil(bytes / alignment) * alignment;

export interface Interval {
  /** Bytes it occupies in the arena (already aligned). */
  size: number;
  start: number;
  end: number;
}

/**
 * Offsets for the intervals, in their order, and the arena size. Ties in size go to the earlier start, then to
 * the earlier interval, so the plan is deterministic. Sizes must be multiples of the alignment wanted.
 */
export function greedyBySize(intervals: Interval[]): { offsets: number[]; arenaBytes: number } {
  const byDecreasingSize = intervals
    .map((_, i) => i)
    .sort(
      (a, b) => intervals[b].size - intervals[a].size || intervals[a].start - intervals[b].start || a - b,
    );
  const offsets = new Array<number>(intervals.length).fill(0);
  const placed: number[] = [];
  let arenaBytes = 0;
  for (const i of byDecreasingSize) {
    const t = intervals[i];
    // the placed tensors alive at the same time, by offset: walk the gaps between them from the bottom
    const conflicts = placed
      .filter((j) => intervals[j].size > 0 && overlapInTime(intervals[j], t))
      .sort((a, b) => offsets[a] - offsets[b]);
    let offset = 0;
    for (const j of conflicts) {
      if (offset + t.size <= offsets[j]) break;
      offset = Math.max(offset, offsets[j] + intervals[j].size);
    }
    offsets[i] = offset;
    placed.push(i);
    arenaBytes = Math.max(arenaBytes, offset + t.size);
  }
  return { offsets, arenaBytes };
}
