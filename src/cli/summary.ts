// A few numbers that summarize an output tensor in the `run` command's report.
import type { Tensor } from '../engine/index';

export interface TensorSummary {
  name: string;
  dtype: string;
  shape: number[];
  min: number | null;
  max: number | null;
  mean: number | null;
  /** For a 2-D output (a batch of scores): the index of the largest value in each row. */
  argmax?: number[];
}

export function summarize(name: string, t: Tensor): TensorSummary {
  const summary: TensorSummary = {
    name,
    dtype: t.dtype,
    shape: [...t.dims],
    min: null,
    max: null,
    mean: null,
  };
  if (t.dtype === 'string' || t.data.length === 0) return summary;
  const data = t.data as ArrayLike<number>;
  let [min, max, sum] = [Infinity, -Infinity, 0];
  for (let i = 0; i < data.length; i++) {
    min = Math.min(min, data[i]);
    max = Math.max(max, data[i]);
    sum += data[i];
  }
  Object.assign(summary, { min, max, mean: sum / data.length });
  if (t.dims.length === 2 && t.dims[1] > 0) {
    const [rows, cols] = t.dims;
    summary.argmax = Array.from({ length: rows }, (_, r) => {
      let best = 0;
      for (let c = 1; c < cols; c++) if (data[r * cols + c] > data[r * cols + best]) best = c;
      return best;
    });
  }
  return summary;
}
