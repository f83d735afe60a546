import { describe, expect, it } from 'vitest';
import { ModelError } from '../errors';
import { Recorder } from '../trace/trace';
import { seededRandom } from '../stats/rng';
import { numericError } from './error';
import {
  conv1dDirect,
  conv1dReference64,
  conv1dWinograd,
  type Direct1dEvent,
  type Winograd1dEvent,
} from './winograd1d';

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

  it('the direct kernel traces each output with its three inputs, 3 multiplications each', () => {
    const signal = Float32Array.from([1, 2, -1, 0.5, 3]);
    const recorder = new Recorder<Direct1dEvent>();
    const y = conv1dDirect(signal, [2, -1, 0.5], { recorder });
    expect(recorder.events.map((e) => e.data.d)).toEqual([
      [1, 2, -1],
      [2, -1, 0.5],
      [-1, 0.5, 3],
    ]);
    expect(recorder.events.map((e) => e.data.value)).toEqual([2 - 2 - 0.5, 4 + 1 + 0.25, -2 - 0.5 + 1.5]);
    expect(recorder.events.map((e) => e.data.value)).toEqual(Array.from(y.output));
    expect(3 * recorder.events.length).toBe(y.counts.mults);
  });

  it('float64 reference: Winograd F(2,3) errs by float32 rounding, more with float16 transforms', () => {
    const random = seededRandom(32);
    const signal = Float32Array.from({ length: 64 }, () => random() * 2 - 1);
    const filter = [random(), random() - 0.5, random()];
    const ref = conv1dReference64(signal, filter);
    expect(ref).toBeInstanceOf(Float64Array);
    const fp32 = numericError(conv1dWinograd(signal, filter).output, ref).maxAbsErr;
    const fp16 = numericError(conv1dWinograd(signal, filter, { fp16: true }).output, ref).maxAbsErr;
    expect(fp32).toBeGreaterThan(0);
    expect(fp32).toBeLessThan(1e-6);
    expect(fp16).toBeGreaterThan(100 * fp32);
    expect(fp16).toBeLessThan(1e-2);
  });

  it('rejects a filter that is not 3 taps', () => {
    expect(() => conv1dWinograd(new Float32Array(5), [1, 2])).toThrow(ModelError);
  });
});
