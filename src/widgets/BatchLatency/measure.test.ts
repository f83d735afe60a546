import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { OrtCancelledError, OrtClient } from '../../workers/ortClient';
import { inProcessWorker, tinyModel } from '../../workers/testing/tinyModel';
import { WARMUP_RUNS, measureSeries, toRow, type LatencyRow, type SeriesProgress } from './measure';

describe('measureSeries', () => {
  it('times every batch size in order, reporting rows and monotone overall progress', async () => {
    const client = new OrtClient(() => inProcessWorker(ort));
    const session = await client.createSession(tinyModel());
    const rows: LatencyRow[] = [];
    const progress: SeriesProgress[] = [];
    const result = await measureSeries(client, session, {
      batches: [1, 8, 32],
      runs: 4,
      seed: 5,
      onRow: (r) => rows.push(r),
      onProgress: (p) => progress.push(p),
    });
    expect(result.map((r) => r.batch)).toEqual([1, 8, 32]);
    expect(rows).toEqual(result);
    for (const r of result) {
      expect(r.runs).toBe(4);
      expect(r.median).toBeGreaterThan(0);
      expect(r.min).toBeLessThanOrEqual(r.median);
      expect(r.p90).toBeGreaterThanOrEqual(r.median);
      expect(r.throughput).toBeCloseTo(r.batch / (r.median / 1000), 6);
    }
    const overall = progress.map((p) => p.overall);
    expect(overall).toEqual([...overall].sort((a, b) => a - b));
    expect(overall.at(-1)).toBe(1);
    expect(progress.at(-1)).toMatchObject({ batch: 32, done: 4 + WARMUP_RUNS, total: 4 + WARMUP_RUNS });
    client.dispose();
  });

  it('stops with OrtCancelledError when cancelled, keeping the rows already measured', async () => {
    const client = new OrtClient(() => inProcessWorker(ort));
    const session = await client.createSession(tinyModel());
    const rows: LatencyRow[] = [];
    const series = measureSeries(client, session, {
      batches: [1, 2, 4],
      runs: 3,
      seed: 1,
      onRow: (r) => {
        rows.push(r);
        client.cancel(); // cancel right after the first batch size
      },
      onProgress: () => {},
    });
    await expect(series).rejects.toBeInstanceOf(OrtCancelledError);
    expect(rows.map((r) => r.batch)).toEqual([1]);
  });
});

describe('toRow', () => {
  it('derives throughput in samples per second from the median in ms', () => {
    const row = toRow({ batch: 64, runs: 3, samples: [8, 8, 8], min: 8, median: 8, p90: 8, max: 8, mean: 8 });
    expect(row.throughput).toBe(8000);
  });
});
