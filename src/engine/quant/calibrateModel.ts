// Calibration: run the float model over the calibration batches and gather, for each tensor to quantize,
// streaming statistics (exact min/max and a histogram of |x|) from which the range choosers pick a range.
import { CancelledError } from '../interpreter/run';
import type { Tensor } from '../ir/tensor';
import { createStats, observe, type TensorStats } from './histogram';
import type { CalibrationSet } from './model.types';

export interface BatchLoop {
  signal?: { readonly aborted: boolean };
  /** After each batch: batches done so far. */
  onBatch?: (done: number) => void;
}

/** The values of one batch: a loaded model run on `feeds` (see fetchValues), or values computed before. */
export type ValueSource = (feeds: Record<string, Tensor>) => Promise<Record<string, Tensor>>;

export async function collectStats(
  batches: CalibrationSet,
  tensors: readonly string[],
  source: ValueSource,
  { signal, onBatch }: BatchLoop = {},
): Promise<Map<string, TensorStats>> {
  const stats = new Map(tensors.map((name) => [name, createStats(name)]));
  for (const [i, feeds] of batches.entries()) {
    if (signal?.aborted) throw new CancelledError();
    const values = await source(feeds);
    for (const name of tensors) observe(stats.get(name)!, values[name].data as ArrayLike<number>);
    onBatch?.(i + 1);
  }
  return stats;
}
