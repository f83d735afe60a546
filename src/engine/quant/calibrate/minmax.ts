// MinMax calibration: the observed range itself. Nothing is clipped, so a single outlier stretches
// the grid for every other value — the baseline the other methods improve on.
import { requireObserved, type TensorStats } from '../histogram';

export interface MinMaxChoice {
  method: 'minmax';
  min: number;
  max: number;
}

/** [min, max] as observed, or [-max|x|, max|x|] for a symmetric scheme. */
export function minMaxRange(stats: TensorStats, symmetric: boolean): MinMaxChoice {
  requireObserved(stats);
  if (!symmetric) return { method: 'minmax', min: stats.min, max: stats.max };
  const absMax = Math.max(-stats.min, stats.max);
  return { method: 'minmax', min: -absMax, max: absMax };
}
