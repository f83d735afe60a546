// How the measured latencies compare, per batch size: int8 median ÷ float median, and whether that is
// faster, slower or within the noise. The widget's explanation is chosen from this, never written in advance.
import type { TimingResult } from '../../workers/ortProtocol';

export type Outcome = 'faster' | 'slower' | 'same';

export interface BatchVerdict {
  batch: number;
  /** int8 median latency ÷ float median latency: below 1, int8 is faster. */
  ratio: number;
  outcome: Outcome;
  /** Whether the two p90s overlap the other's median, i.e. the runs were noisy compared with the difference. */
  noisy: boolean;
}

/** Differences under 5 % are called the same: run-to-run noise in a browser is of that order. */
export const SAME_WITHIN = 0.05;

/** int8 ÷ float time → faster, slower, or the same within SAME_WITHIN. */
export const outcomeOf = (ratio: number): Outcome =>
  ratio < 1 - SAME_WITHIN ? 'faster' : ratio > 1 + SAME_WITHIN ? 'slower' : 'same';

export function verdicts(float: TimingResult[], int8: TimingResult[]): BatchVerdict[] {
  return float.map((f, k) => {
    const q = int8[k];
    const ratio = q.median / f.median;
    const outcome = outcomeOf(ratio);
    const noisy = outcome === 'faster' ? q.p90 >= f.median : outcome === 'slower' ? f.p90 >= q.median : false;
    return { batch: f.batch, ratio, outcome, noisy };
  });
}

export type VerdictText = 'same' | 'slowerSmall' | 'slowerLarge' | 'fasterSmall' | 'fasterLarge';

/** Which explanation fits: at batch 1 the fixed costs decide, at larger batches the arithmetic does. */
export function verdictText(v: BatchVerdict): VerdictText {
  if (v.outcome === 'same') return 'same';
  const size = v.batch === 1 ? 'Small' : 'Large';
  return v.outcome === 'faster' ? `faster${size}` : `slower${size}`;
}
