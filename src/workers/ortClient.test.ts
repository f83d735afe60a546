import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { ModelError } from '../engine';
import { OrtCancelledError, OrtClient, OrtWorkerError, type WorkerLike } from './ortClient';
import { inProcessWorker, tinyModel, tinyReference, type InProcessWorker } from './testing/tinyModel';

function client() {
  const workers: InProcessWorker[] = [];
  const c = new OrtClient(() => {
    const w = inProcessWorker(ort);
    workers.push(w);
    return w;
  });
  return { c, workers };
}

describe('OrtClient (with the real service in process)', () => {
  it('starts no worker until the first request', async () => {
    const { c, workers } = client();
    expect(workers).toHaveLength(0);
    await c.createSession(tinyModel());
    expect(workers).toHaveLength(1);
  });

  it('creates, runs, times and releases through typed promises', async () => {
    const { c } = client();
    const model = tinyModel();
    const session = await c.createSession(model, { graphOptimizationLevel: 'basic' });
    expect(model.byteLength).toBe(0); // transferred to the worker, not copied
    expect(session.inputs[0]).toMatchObject({ name: 'x', shape: ['batch', 4] });

    const x = new Float32Array([1, 2, 3, 4, -1, -2, -3, -4]);
    const { outputs } = await c.run(session, { x: { dtype: 'float32', dims: [2, 4], data: x } });
    expect([...(outputs.y.data as Float32Array)]).toEqual(tinyReference(x, 2).map(Math.fround));

    const progress: [number, number][] = [];
    const timing = await c.time(
      session,
      { batch: 8, runs: 5, warmup: 1, input: { kind: 'uniform', seed: 3, min: 0, max: 1 } },
      (d, t) => progress.push([d, t]),
    );
    expect(timing).toMatchObject({ batch: 8, runs: 5 });
    expect(timing.samples).toHaveLength(5);
    expect(progress.at(-1)).toEqual([6, 6]);
    await c.release(session);
    expect(c.pendingCount).toBe(0);
  });

  it('turns worker errors back into ModelError with the same code and message', async () => {
    const { c } = client();
    const error = await c.createSession(new ArrayBuffer(0)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect(error).toMatchObject({ code: 'parse', message: expect.stringMatching(/empty/) });
  });

  it('cancel() terminates the worker, rejects pending requests, and a new request starts a fresh worker', async () => {
    const { c, workers } = client();
    const session = await c.createSession(tinyModel());
    const timing = c.time(session, {
      batch: 64,
      runs: 10_000,
      input: { kind: 'uniform', seed: 1, min: 0, max: 1 },
    });
    expect(c.pendingCount).toBe(1);
    c.cancel();
    await expect(timing).rejects.toBeInstanceOf(OrtCancelledError);
    expect(workers[0].terminated).toBe(true);
    expect(c.pendingCount).toBe(0);
    // The old session belonged to the terminated worker.
    await expect(c.run(session, {})).rejects.toThrow(/cancelled; create it again/);
    expect(c.isLive(session)).toBe(false);
    await expect(c.release(session)).resolves.toBeUndefined();
    const fresh = await c.createSession(tinyModel());
    expect(workers).toHaveLength(2);
    expect(fresh.generation).toBe(session.generation + 1);
    expect(c.isLive(fresh)).toBe(true);
  });
});

/** A worker that only records; the test plays its part by calling onmessage/onerror. */
function scriptedWorker() {
  const w: WorkerLike & { sent: unknown[]; terminated: boolean } = {
    sent: [],
    terminated: false,
    onmessage: null,
    onerror: null,
    onmessageerror: null,
    postMessage(m) {
      w.sent.push(m);
    },
    terminate() {
      w.terminated = true;
    },
  };
  return w;
}

describe('OrtClient (message handling)', () => {
  it('a worker that fails to load rejects every pending request with OrtWorkerError, without an uncaught error', async () => {
    const w = scriptedWorker();
    const c = new OrtClient(() => w);
    const a = c.createSession(new ArrayBuffer(8));
    const b = c.createSession(new ArrayBuffer(8));
    let prevented = false;
    w.onerror!({ message: '', preventDefault: () => (prevented = true) } as unknown as ErrorEvent);
    await expect(a).rejects.toBeInstanceOf(OrtWorkerError);
    await expect(b).rejects.toThrow(/could not be loaded/);
    expect(prevented).toBe(true);
    expect(w.terminated).toBe(true);
  });

  it('a crash outside any request (id null) fails all pending requests', async () => {
    const w = scriptedWorker();
    const c = new OrtClient(() => w);
    const a = c.createSession(new ArrayBuffer(8));
    w.onmessage!({
      data: {
        kind: 'error',
        id: null,
        error: { name: 'RuntimeError', message: 'memory access out of bounds' },
      },
    } as MessageEvent);
    await expect(a).rejects.toThrow(/crashed: memory access out of bounds/);
  });

  it('routes progress to the right request and ignores answers to settled requests', async () => {
    const w = scriptedWorker();
    const c = new OrtClient(() => w);
    const session = {
      session: 1,
      inputs: [],
      outputs: [],
      threads: 1,
      crossOriginIsolated: false,
      generation: 0,
    };
    const seen: number[] = [];
    const p = c.time(
      session,
      { batch: 1, runs: 2, input: { kind: 'uniform', seed: 1, min: 0, max: 1 } },
      (done) => seen.push(done),
    );
    const { id } = w.sent[0] as { id: number };
    const deliver = (data: unknown) => w.onmessage!({ data } as MessageEvent);
    deliver({ kind: 'progress', id: id + 1, done: 9, total: 9 }); // someone else's
    deliver({ kind: 'progress', id, done: 1, total: 2 });
    deliver({
      kind: 'timed',
      id,
      batch: 1,
      samples: [1, 2],
      runs: 2,
      min: 1,
      median: 1.5,
      p90: 2,
      max: 2,
      mean: 1.5,
    });
    deliver({
      kind: 'timed',
      id,
      batch: 1,
      samples: [],
      runs: 0,
      min: 0,
      median: 0,
      p90: 0,
      max: 0,
      mean: 0,
    });
    await expect(p).resolves.toMatchObject({ median: 1.5, samples: [1, 2] });
    expect(seen).toEqual([1]);
  });
});
