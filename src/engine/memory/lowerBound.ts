// Bytes live at each step, and the lower bound of any plan: at every step the tensors alive then must all be
// in memory at once, so no arena can be smaller than the largest sum of live bytes over the steps.
import type { Interval } from './greedy';

/** Bytes live at each step from -1 (before the first node: the graph inputs) to `steps` (after the last). */
export function liveBytesPerStep(intervals: Interval[], steps: number): number[] {
  // a difference array over steps -1 … steps, shifted by one
  const delta = new Array<number>(steps + 3).fill(0);
  for (const t of intervals) {
    delta[t.start + 1] += t.size;
    delta[t.end + 2] -= t.size;
  }
  const live: number[] = [];
  for (let i = 0, sum = 0; i <= steps + 1; i++) live.push((sum += delta[i]));
  return live;
}
