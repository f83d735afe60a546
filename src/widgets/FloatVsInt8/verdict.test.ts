import { describe, expect, it } from 'vitest';
import { summarizeLatencies } from '../../engine';
import type { TimingResult } from '../../workers/ortProtocol';
import { verdicts } from './verdict';

const timing = (batch: number, samples: number[]): TimingResult => ({
  batch,
  samples,
  ...summarizeLatencies(samples),
});

describe('verdicts', () => {
  it('calls int8 slower at batch 1 and faster at batch 32 from the medians', () => {
    const v = verdicts(
      [timing(1, [1, 1, 1.1]), timing(32, [10, 10, 11])],
      [timing(1, [1.5, 1.5, 1.6]), timing(32, [7, 7, 7.5])],
    );
    expect(v.map((x) => [x.batch, x.outcome])).toEqual([
      [1, 'slower'],
      [32, 'faster'],
    ]);
    expect(v[0].ratio).toBeCloseTo(1.5, 10);
    expect(v[1].ratio).toBeCloseTo(0.7, 10);
    expect(v.every((x) => !x.noisy)).toBe(true);
  });

  it('calls differences within 5 % the same, and flags overlapping spreads as noisy', () => {
    expect(verdicts([timing(1, [10])], [timing(1, [10.4])])[0].outcome).toBe('same');
    const noisy = verdicts([timing(1, [10, 10, 30])], [timing(1, [8, 8, 8])])[0];
    expect(noisy).toMatchObject({ outcome: 'faster', noisy: false });
    expect(verdicts([timing(1, [10, 10, 10])], [timing(1, [8, 8, 12])])[0]).toMatchObject({
      outcome: 'faster',
      noisy: true,
    });
  });
});
