// Calibration: run the float model over the calibration batches and gather, for each tensor to quantize,
// streaming statistics (exact min/max and a histogram of |x|) from which the range choosers pick a range.
import { CancelledError } from '../interpreter/run';
import type { Model } from '../ir/graph';
import { createStats, observe, type TensorStats } from './histogram';
import type { CalibrationSet, ModelRunner } from './model.types';
import { fetchValues, loadFor } from './runner';

export interface BatchLoop {
  signal?: { readonly aborted: boolean };
  /** After each batch: batches done so far. */
  onBatch?: (done: number) => void;
}

export async function collectStats(
  model: Model,
  batches: CalibrationSet,
  tensors: readonly string[],
  runner: ModelRunner,
  { signal, onBatch }: BatchLoop = {},
): Promise<Map<string, TensorStats>> {
  const stats = new Map(tensors.map((name) => [name, createStats(name)]));
  const loaded = await loadFor(runner, model, tensors);
  try {
    for (const [i, feeds] of batches.entries()) {
      if (signal?.aborted) throw new CancelledError();
      const values = await fetchValues(loaded, feeds, tensors);
      for (const name of tensors) observe(stats.get(name)!, values[name].data as ArrayLike<number>);
      onBatch?.(i + 1);
    }
  } finally {
    await loaded.release();
  }
  return stats;
}
