import { describe, expect, it } from 'vitest';
import { ModelError } from '../../errors';
import { absHistogram, statsOf } from '../histogram';
import { sampleTensor } from '../samples';
import { seededRandom } from '../../stats/rng';
import { entropyCurve, entropyRange } from './entropy';

/** The oracle: KL(P‖Q) for candidate i summed bin by bin, straight from Migacz's description. */
function naiveDivergence(counts: Float64Array, i: number, levels: number): number {
  const p = Array.from(counts.slice(0, i));
  for (let j = i; j < counts.length; j++) p[i - 1] += counts[j];
  const q = new Array<number>(i).fill(0);
  for (let g = 0; g < levels; g++) {
    const members = [...Array(i).keys()].filter((j) => Math.floor((j * levels) / i) === g);
    const total = members.reduce((a, j) => a + counts[j], 0);
    const nonEmpty = members.filter((j) => counts[j] > 0);
    for (const j of nonEmpty) q[j] = total / nonEmpty.length;
  }
  const pSum = p.reduce((a, b) => a + b, 0);
  const qSum = q.reduce((a, b) => a + b, 0);
  let kl = 0;
  for (let j = 0; j < i; j++) {
    if (p[j] === 0) continue;
    if (q[j] === 0) return Infinity;
    kl += (p[j] / pSum) * Math.log(p[j] / pSum / (q[j] / qSum));
  }
  return kl;
}

describe('entropyCurve (hand-computed)', () => {
  it('scores bins [4, 2, 0, 1] merged into 2 levels', () => {
    const curve = entropyCurve(new Float64Array([4, 2, 0, 1]), 0.5, 2, 2);
    expect([...curve.thresholds]).toEqual([1, 1.5, 2]);
    // i = 2: P = [4, 3]/7, Q = [4, 2]/6
    expect(curve.divergence[0]).toBeCloseTo((4 / 7) * Math.log(6 / 7) + (3 / 7) * Math.log(9 / 7), 12);
    // i = 3: the last kept bin is empty but 1 value lies beyond it: P > 0 where Q = 0
    expect(curve.divergence[1]).toBe(Infinity);
    // i = 4: P = [4, 2, 0, 1]/7, Q = [3, 3, 0, 1]/7
    expect(curve.divergence[2]).toBeCloseTo((4 / 7) * Math.log(4 / 3) + (2 / 7) * Math.log(2 / 3), 12);
    expect(curve.best).toBe(0);
  });

  it('rejects fewer than 2 levels', () => {
    expect(() => entropyCurve(new Float64Array(4), 1, 1, 2)).toThrow(ModelError);
  });
});

describe('entropyCurve (seeded, against the bin-by-bin oracle)', () => {
  it('matches the oracle on random sparse histograms and on real ones', () => {
    const random = seededRandom(17);
    const histograms: Float64Array[] = [];
    for (let h = 0; h < 6; h++)
      histograms.push(
        Float64Array.from({ length: 40 + h * 13 }, () => (random() < 0.3 ? 0 : Math.floor(random() * 50))),
      );
    histograms.push(absHistogram(statsOf('t', sampleTensor(5000, 'student-t3', 2), 96)).counts);
    let compared = 0;
    for (const counts of histograms)
      for (const levels of [4, 8]) {
        const curve = entropyCurve(counts, 1, levels, levels);
        curve.divergence.forEach((d, c) => {
          const expected = naiveDivergence(counts, levels + c, levels);
          if (expected === Infinity) expect(d).toBe(Infinity);
          else expect(Math.abs(d - expected)).toBeLessThan(1e-9 * Math.max(1, expected));
          compared++;
        });
      }
    expect(compared).toBeGreaterThan(500);
  });
});

describe('entropyRange', () => {
  it('clips a heavy-tailed distribution much tighter than MinMax', () => {
    const s = statsOf('t', sampleTensor(50000, 'student-t3', 8));
    const absMax = Math.max(-s.min, s.max);
    const r = entropyRange(s, true);
    expect(s.positive.length).toBe(2048);
    expect(r.threshold).toBeLessThan(0.6 * absMax);
    expect(r).toMatchObject({ min: -r.threshold, max: r.threshold, levels: 128 });
    expect(r.curve.thresholds[0]).toBeCloseTo(128 * s.width, 12); // candidates start at bin 128
    expect(r.curve.divergence[r.curve.best]).toBe(Math.min(...r.curve.divergence));
  });

  it('keeps (nearly) the whole range of a uniform distribution, which has no tail to cut', () => {
    const s = statsOf('t', sampleTensor(50000, 'uniform', 8));
    expect(entropyRange(s, true).threshold).toBeGreaterThan(0.95 * Math.max(-s.min, s.max));
  });

  it('stays inside the observed range for asymmetric schemes (ReLU outputs keep min 0)', () => {
    const relu = sampleTensor(20000, 'laplace', 3).map((v) => Math.max(v, 0));
    const s = statsOf('relu', relu);
    const r = entropyRange(s, false, { levels: 256 });
    expect(r.min).toBe(0);
    expect(r.max).toBe(r.threshold);
    expect(r.max).toBeLessThanOrEqual(s.max);
  });

  it('is not dragged down by the spike of exact zeros a ReLU leaves (the first bin is flattened)', () => {
    // Half the values are exactly 0, the rest a Laplace tail: the spike is as tall as the rest together.
    const positive = sampleTensor(20000, 'laplace', 5).map(Math.abs);
    const relu = Float32Array.from([...positive, ...new Float32Array(positive.length)]);
    const withSpike = statsOf('relu', relu);
    const flattened = entropyRange(withSpike, false, { levels: 256 });
    const kept = entropyRange(withSpike, false, { levels: 256, keepZeroBin: true });
    const noSpike = entropyRange(statsOf('tail', positive), false, { levels: 256 });
    // Kept, the spike pulls the threshold to a quarter of the tail's (2.18 vs 8.40); flattened, it is the
    // threshold of the tail alone.
    expect(kept.threshold).toBeLessThan(0.3 * flattened.threshold);
    expect(Math.abs(flattened.threshold - noSpike.threshold)).toBeLessThan(0.01 * noSpike.threshold);
  });

  it('gives an all-zero tensor the range [0, 0]', () => {
    expect(entropyRange(statsOf('z', [0, 0]), true)).toMatchObject({ min: -0, max: 0, threshold: 0 });
  });
});
