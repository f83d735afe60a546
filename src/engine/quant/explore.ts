// Everything the quantization explorer shows for one real tensor, as plain data: its histogram, and for
// each calibration method the chosen range(s) with the curves behind them, the grid, and the error it
// causes (rounding vs clipping, SQNR, cosine similarity). Per-channel: each channel along `axis` gets its
// own range from its own statistics, by the same method.
import { ModelError } from '../errors';
import {
  CALIBRATION_METHODS,
  chooseRange,
  type CalibrationMethod,
  type RangeChoice,
} from './calibrate/choose';
import { channelLayout } from './channels';
import { quantError, type QuantError } from './error';
import { signedHistogram, statsOf, type TensorStats } from './histogram';
import { cosineSimilarity, sqnrDb } from './metrics';
import { fakeQuantize, type NumericTensor } from './quantize';
import { computeParams, type QuantScheme, type TensorQuantParams } from './scheme';

export interface ExploreOptions {
  scheme: QuantScheme;
  /** Per-channel along this axis, or per-tensor when null. */
  axis: number | null;
  methods?: readonly CalibrationMethod[];
  percentile?: number;
  /** Bins of the histogram to draw (the choosers use the full-resolution one). */
  displayBins?: number;
}

export interface MethodResult {
  method: CalibrationMethod;
  /** One choice per channel (a single one per-tensor), with its curve or clipped counts. */
  choices: RangeChoice[];
  params: TensorQuantParams;
  error: QuantError;
  sqnrDb: number;
  cosine: number;
}

export interface Exploration {
  name: string;
  count: number;
  min: number;
  max: number;
  histogram: { edges: Float64Array; counts: Float64Array };
  results: MethodResult[];
}

/** Each channel's values, gathered into statistics of their own. */
function channelStats(name: string, x: NumericTensor, axis: number): TensorStats[] {
  const { outer, channels, inner } = channelLayout(x.dims, axis);
  return Array.from({ length: channels }, (_, c) => {
    const values = new Float64Array(outer * inner);
    for (let o = 0; o < outer; o++)
      for (let k = 0; k < inner; k++) values[o * inner + k] = x.data[(o * channels + c) * inner + k];
    return statsOf(`${name}[channel ${c}]`, values);
  });
}

export function exploreTensor(name: string, x: NumericTensor, options: ExploreOptions): Exploration {
  if (x.data.length === 0)
    throw new ModelError('input', `tensor ${name} is empty: nothing to quantize`, { field: name });
  const { scheme, axis, percentile } = options;
  const whole = statsOf(name, x.data);
  const perChannel =
    axis === null ? null : { axis: channelLayout(x.dims, axis).axis, stats: channelStats(name, x, axis) };
  const results = (options.methods ?? CALIBRATION_METHODS).map((method): MethodResult => {
    const choose = (stats: TensorStats) => chooseRange(stats, { method, scheme, percentile });
    const choices = perChannel ? perChannel.stats.map(choose) : [choose(whole)];
    const params: TensorQuantParams = perChannel
      ? { axis: perChannel.axis, channels: choices.map((c) => computeParams(c.min, c.max, scheme)) }
      : computeParams(choices[0].min, choices[0].max, scheme);
    const approx = fakeQuantize(x, params).data;
    return {
      method,
      choices,
      params,
      error: quantError(x, params),
      sqnrDb: sqnrDb(x.data, approx),
      cosine: cosineSimilarity(x.data, approx),
    };
  });
  return {
    name,
    count: whole.count,
    min: whole.min,
    max: whole.max,
    histogram: signedHistogram(whole, options.displayBins ?? 256),
    results,
  };
}
