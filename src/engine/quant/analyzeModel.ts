// Per-layer analysis: the float and the quantized model run on the same batches, and each quantized layer's
// output is compared with its float original — SQNR and cosine similarity over all batches at once. The
// error measured at a layer is everything upstream of it too, as a deployed int8 model accumulates it.
import { CancelledError } from '../interpreter/run';
import type { Model } from '../ir/graph';
import { accumulate, cosineFromSums, emptySums, sqnrFromSums } from './metrics';
import type { CalibrationSet, ModelRunner } from './model.types';
import type { BatchLoop } from './calibrateModel';
import { fetchValues, loadFor } from './runner';

export interface ValuePair {
  /** The value in the float model and its counterpart in the quantized model. */
  float: string;
  quantized: string;
}

export async function compareValues(
  floatModel: Model,
  quantModel: Model,
  pairs: readonly ValuePair[],
  batches: CalibrationSet,
  runner: ModelRunner,
  { signal, onBatch }: BatchLoop = {},
): Promise<{ sqnrDb: number; cosine: number }[]> {
  const floatNames = pairs.map((p) => p.float);
  const quantNames = pairs.map((p) => p.quantized);
  const sums = pairs.map(emptySums);
  const reference = await loadFor(runner, floatModel, floatNames);
  try {
    const quantized = await loadFor(runner, quantModel, quantNames);
    try {
      for (const [i, feeds] of batches.entries()) {
        if (signal?.aborted) throw new CancelledError();
        const x = await fetchValues(reference, feeds, floatNames);
        const y = await fetchValues(quantized, feeds, quantNames);
        pairs.forEach((p, k) =>
          accumulate(
            sums[k],
            x[p.float].data as ArrayLike<number>,
            y[p.quantized].data as ArrayLike<number>,
            p.float,
          ),
        );
        onBatch?.(i + 1);
      }
    } finally {
      await quantized.release();
    }
  } finally {
    await reference.release();
  }
  return sums.map((s) => ({ sqnrDb: sqnrFromSums(s), cosine: cosineFromSums(s) }));
}
