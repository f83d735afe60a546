// What the explorer draws, computed from the engine's Exploration: the histogram bars over the data's
// range, each method's clipping thresholds, the grid of the shown method, and the zone it clips. Pure, so
// it is tested in Node; draw.ts only turns it into SVG.
import {
  gridLevels,
  isPerChannel,
  unclippedRange,
  type CalibrationMethod,
  type Exploration,
  type MethodResult,
  type QuantParams,
} from '../../engine';

export interface Bar {
  x0: number;
  x1: number;
  count: number;
}

export interface Threshold {
  method: CalibrationMethod;
  min: number;
  max: number;
}

export interface ExplorerChart {
  bars: Bar[];
  /** x domain: the data and every threshold, with 0 inside and a little air. */
  domain: [number, number];
  thresholds: Threshold[];
  /** The float values the shown method's grid can represent. */
  levels: Float64Array;
  /** Values outside this interval saturate (half a step beyond the outermost levels). */
  unclipped: { min: number; max: number };
  /** Per channel: each channel's range under the shown method (null per tensor). */
  channelRanges: { min: number; max: number }[] | null;
}

/** The parameters one channel (or the whole tensor) is quantized with. */
export function paramsOf(result: MethodResult, channel: number): QuantParams {
  return isPerChannel(result.params) ? result.params.channels[channel] : result.params;
}

export function explorerChart(e: Exploration, method: CalibrationMethod, channel: number): ExplorerChart {
  const shown = e.results.find((r) => r.method === method) ?? e.results[0];
  const pick = (r: MethodResult) => r.choices[Math.min(channel, r.choices.length - 1)];
  const thresholds = e.results.map((r) => ({ method: r.method, min: pick(r).min, max: pick(r).max }));
  const { edges, counts } = e.histogram;
  // The bins from the first to the last non-empty one (none when every value is 0: the histogram has no width).
  const first = counts.findIndex((c) => c > 0);
  const last = counts.findLastIndex((c) => c > 0);
  const bars: Bar[] = [];
  for (let k = first; first >= 0 && k <= last; k++)
    bars.push({ x0: edges[k], x1: edges[k + 1], count: counts[k] });
  let lo = Math.min(e.min, 0, ...thresholds.map((t) => t.min));
  let hi = Math.max(e.max, 0, ...thresholds.map((t) => t.max));
  if (hi - lo <= 0) [lo, hi] = [-1, 1];
  const pad = 0.04 * (hi - lo);
  const params = paramsOf(shown, channel);
  return {
    bars,
    domain: [lo - pad, hi + pad],
    thresholds,
    levels: gridLevels(params),
    unclipped: unclippedRange(params),
    channelRanges: shown.choices.length > 1 ? shown.choices.map((c) => ({ min: c.min, max: c.max })) : null,
  };
}

export interface CurveSeries {
  key: 'divergence' | 'mse' | 'rounding' | 'clipping';
  values: Float64Array;
}

/** What a method minimized over its candidate ranges (entropy: KL divergence; MSE: the error and its parts). */
export interface MethodCurve {
  method: 'entropy' | 'mse';
  /** Each candidate's upper threshold. */
  x: Float64Array;
  series: CurveSeries[];
  best: number;
}

export function methodCurve(result: MethodResult, channel: number): MethodCurve | null {
  const choice = result.choices[Math.min(channel, result.choices.length - 1)];
  if (choice.method === 'entropy')
    return {
      method: 'entropy',
      x: choice.curve.thresholds,
      series: [{ key: 'divergence', values: choice.curve.divergence }],
      best: choice.curve.best,
    };
  if (choice.method === 'mse') {
    const { max, mse, rounding, clipping, best } = choice.curve;
    return {
      method: 'mse',
      x: max,
      series: [
        { key: 'mse', values: mse },
        { key: 'rounding', values: rounding },
        { key: 'clipping', values: clipping },
      ],
      best,
    };
  }
  return null;
}
