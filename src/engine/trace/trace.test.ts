import { describe, expect, it } from 'vitest';
import { convDirect, type DirectEvent } from '../kernels/direct';
import { randomUniformTensor } from '../kernels/seeded';
import { seededRandom } from '../stats/rng';
import { Recorder, replay, type TraceEvent } from './trace';

type E = TraceEvent<'a', { i: number; payload: number[] }>;

describe('Recorder', () => {
  it('numbers the events it keeps, up to its limit', () => {
    const r = new Recorder<E>(2, (e) => e.data.i !== 1);
    for (let i = 0; i < 5; i++) r.emit('a', { i, payload: [i] });
    expect(r.events.map((e) => [e.step, e.data.i])).toEqual([
      [0, 0],
      [1, 2],
    ]);
    expect(r.full).toBe(true);
    expect(r.wants('a', { i: 4 })).toBe(false);
    expect(replay(r.events, 0)).toHaveLength(1);
  });

  it('answers wants() from the index fields alone, so a kernel builds only the events it keeps', () => {
    const random = seededRandom(3);
    const x = randomUniformTensor(random, [1, 2, 5, 5]);
    const w = randomUniformTensor(random, [3, 2, 3, 3]);
    const probes: string[][] = [];
    const recorder = new Recorder<DirectEvent>(1000, (e) => {
      probes.push(Object.keys(e.data));
      return e.data.m === 1;
    });
    const { output } = convDirect(x, w, null, {}, { recorder });
    expect(recorder.events).toHaveLength(9);
    expect(recorder.events.every((e) => e.data.m === 1 && e.data.taps.length === 18)).toBe(true);
    // 27 outputs probed by their indices; only the 9 kept are built and checked again in full.
    expect(probes.filter((p) => p.join() === 'n,m,oh,ow')).toHaveLength(27);
    expect(probes.filter((p) => p.includes('taps'))).toHaveLength(9);
    expect(recorder.events[0].data.value).toBe(output.data[9]);
  });
});
