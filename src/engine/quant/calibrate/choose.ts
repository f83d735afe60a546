// One entry point over the four range choosers, and the step from a chosen range to the scale and
// zero point an activation is quantized with.
import { ModelError } from '../../errors';
import { type TensorStats } from '../histogram';
import { computeParams, type QuantParams, type QuantScheme } from '../scheme';
import { entropyRange, type EntropyChoice } from './entropy';
import { minMaxRange, type MinMaxChoice } from './minmax';
import { mseRange, type MseChoice } from './mse';
import { percentileRange, type PercentileChoice } from './percentile';

export const CALIBRATION_METHODS = ['minmax', 'percentile', 'entropy', 'mse'] as const;
export type CalibrationMethod = (typeof CALIBRATION_METHODS)[number];

/** Every choice carries its range [min, max] and the data that explains it (curves, clipped counts). */
export type RangeChoice = MinMaxChoice | PercentileChoice | EntropyChoice | MseChoice;

export interface CalibrationOptions {
  method: CalibrationMethod;
  scheme: QuantScheme;
  /** Percentile method: the share of values to keep, in % (default 99.99). */
  percentile?: number;
  /** MSE method: how many shrunken ranges to try (default 256). */
  mseCandidates?: number;
}

/**
 * Entropy levels over [0, t]: half the grid (2^(b-1), 128 for int8 as in TensorRT), or the whole grid
 * (2^b) when an asymmetric scheme will spend all of it on non-negative data such as ReLU outputs.
 */
export function entropyLevels(stats: TensorStats, scheme: QuantScheme): number {
  return !scheme.symmetric && stats.min >= 0 ? 2 ** scheme.bits : 2 ** (scheme.bits - 1);
}

export function chooseRange(stats: TensorStats, options: CalibrationOptions): RangeChoice {
  const { method, scheme } = options;
  switch (method) {
    case 'minmax':
      return minMaxRange(stats, scheme.symmetric);
    case 'percentile':
      return percentileRange(stats, scheme.symmetric, options.percentile);
    case 'entropy':
      return entropyRange(stats, scheme.symmetric, { levels: entropyLevels(stats, scheme) });
    case 'mse':
      return mseRange(stats, scheme, options.mseCandidates);
    default:
      throw new ModelError(
        'input',
        `unknown calibration method "${String(method)}" (${CALIBRATION_METHODS.join(', ')})`,
        { field: 'method' },
      );
  }
}

/** The activation's quantization parameters from its statistics, with the choice that produced them. */
export function activationParams(
  stats: TensorStats,
  options: CalibrationOptions,
): { params: QuantParams; choice: RangeChoice } {
  const choice = chooseRange(stats, options);
  return { params: computeParams(choice.min, choice.max, options.scheme), choice };
}
