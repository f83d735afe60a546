// The measurement in Node: the quantization service and the onnxruntime service in process, both on
// onnxruntime-web's Node build. Timings are not asserted (they are the machine's); their bookkeeping is.
import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { chainMacs, layerKind } from '../../engine';
import { OrtClient, isCancelled } from '../../workers/ortClient';
import { inProcessQuantClient } from '../../workers/testing/quantInProcess';
import { inProcessWorker } from '../../workers/testing/tinyModel';
import { RUNS_PER_ROUND, measureLayerKinds, type MeasureProgress } from './measure';

const clients = () => ({ quant: inProcessQuantClient(), ort: new OrtClient(() => inProcessWorker(ort)) });
const kinds = [layerKind('pointwise-14'), layerKind('depthwise-3x3')];

describe('measureLayerKinds', () => {
  it('quantizes each chain, times float and int8 in alternating rounds, and reports the ratio', async () => {
    const seen: MeasureProgress[] = [];
    const result = await measureLayerKinds(clients(), { batch: 1, rounds: 2, kinds }, (p) => seen.push(p));
    expect(result.kinds.map((k) => k.kind.id)).toEqual(['pointwise-14', 'depthwise-3x3']);
    for (const k of result.kinds) {
      expect(k.float.runs).toBe(2 * RUNS_PER_ROUND);
      expect(k.int8.runs).toBe(2 * RUNS_PER_ROUND);
      expect(k.float.median).toBeGreaterThan(0);
      expect(k.ratio).toBeCloseTo(k.int8.median / k.float.median, 12);
      expect(k.roundRatios).toHaveLength(2);
      expect(k.macs).toBe(chainMacs(k.kind));
    }
    expect(result).toMatchObject({ batch: 1, rounds: 2, threads: 1 });
    expect(seen.filter((p) => p.index === 1).map((p) => `${p.stage} ${p.done}/${p.total}`)).toEqual([
      'quantize 0/0',
      'load 0/0',
      'time 0/2',
      'time 1/2',
      'time 2/2',
    ]);
    expect(new Set(seen.map((p) => p.count))).toEqual(new Set([2]));
  });

  it('stops when the onnxruntime worker is cancelled', async () => {
    const c = clients();
    const running = measureLayerKinds(c, { batch: 1, rounds: 50, kinds }, (p) => {
      if (p.stage === 'time' && p.done === 1) c.ort.cancel();
    });
    const error = await running.catch((e: unknown) => e);
    expect(isCancelled(error)).toBe(true);
  });
});
