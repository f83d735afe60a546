// Per-layer analysis: the float and the quantized model run on the same batches, and each quantized layer's
// output is compared with its float original — SQNR and cosine similarity over all batches at once. The
// error measured at a layer is everything upstream of it too, as a deployed int8 model accumulates it.
import { CancelledError } from '../interpreter/run';
import { accumulate, cosineFromSums, emptySums, sqnrFromSums } from './metrics';
import type { CalibrationSet } from './model.types';
import type { BatchLoop, ValueSource } from './calibrateModel';

export interface ValuePair {
  /** The value in the float model and its counterpart in the quantized model. */
  float: string;
  quantized: string;
}

export async function compareValues(
  pairs: readonly ValuePair[],
  batches: CalibrationSet,
  sources: { float: ValueSource; quantized: ValueSource },
  { signal, onBatch }: BatchLoop = {},
): Promise<{ sqnrDb: number; cosine: number }[]> {
  const sums = pairs.map(emptySums);
  for (const [i, feeds] of batches.entries()) {
    if (signal?.aborted) throw new CancelledError();
    const x = await sources.float(feeds);
    const y = await sources.quantized(feeds);
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
  return sums.map((s) => ({ sqnrDb: sqnrFromSums(s), cosine: cosineFromSums(s) }));
}
