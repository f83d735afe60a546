import { describe, expect, it } from 'vitest';
import { ModelError } from '../errors';
import { Recorder } from '../trace/trace';
import { seededRandom } from '../stats/rng';
import { conv1dDirect, conv1dWinograd, type Winograd1dEvent } from './winograd1d';

describe('1-D Winograd F(2,3)', () => {
  it('computes the four products of Lavin & Gray on a hand-checked tile', () => {
    const [d0, d1, d2, d3] = [1, 2, 3, 4];
    const [g0, g1, g2] = [1, -1, 2];
    const recorder = new Recorder<Winograd1dEvent>();
    const y = conv1dWinograd(Float32Array.from([d0, d1, d2, d3]), [g0, g1, g2], { recorder });
    expect(Array.from(y.output)).toEqual([d0 * g0 + d1 * g1 + d2 * g2, d1 * g0 + d2 * g1 + d3 * g2]);
    const tile = recorder.events.find((e) => e.kind === 'tile')!.data as { p: number[] };
    const m = [
      (d0 - d2) * g0,
      ((d1 + d2) * (g0 + g1 + g2)) / 2,
      ((d2 - d1) * (g0 - g1 + g2)) / 2,
      (d1 - d3) * g2,
    ];
    expect(tile.p).toEqual(m);
    expect(y.counts.mults).toBe(4);
  });

  it('equals direct correlation on seeded random signals of odd and even lengths, with 4 vs 6 multiplications per 2 outputs', () => {
    const random = seededRandom(31);
    for (const length of [3, 4, 5, 10, 33]) {
      const signal = Float32Array.from({ length }, () => random() * 2 - 1);
      const filter = [random(), random(), random()];
      const direct = conv1dDirect(signal, filter);
      const wino = conv1dWinograd(signal, filter);
      wino.output.forEach((v, i) => expect(v).toBeCloseTo(direct.output[i], 5));
      expect(direct.counts.mults).toBe(3 * (length - 2));
      expect(wino.counts.mults).toBe(4 * Math.ceil((length - 2) / 2));
    }
  });

  it('traces one event per tile whose outputs land in the output', () => {
    const signal = Float32Array.from({ length: 9 }, (_, i) => i * 0.5 - 1);
    const recorder = new Recorder<Winograd1dEvent>();
    const y = conv1dWinograd(signal, [0.25, -0.5, 1], { recorder });
    const tiles = recorder.events
      .filter((e) => e.kind === 'tile')
      .map((e) => e.data as { y: number[]; count: number; d: number[] });
    expect(tiles.map((t) => t.count)).toEqual([2, 2, 2, 1]);
    expect(tiles[3].d).toEqual([signal[6], signal[7], signal[8], 0]);
    expect(tiles.flatMap((t) => t.y.slice(0, t.count))).toEqual(Array.from(y.output));
  });

  it('rejects a filter that is not 3 taps', () => {
    expect(() => conv1dWinograd(new Float32Array(5), [1, 2])).toThrow(ModelError);
  });
});
