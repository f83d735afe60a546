import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { fillUniform } from '../engine';
import { createOrtService, dimsAtBatch } from './ortService';
import type { OrtRequest, OrtResponse } from './ortProtocol';
import { tinyModel, tinyReference } from './testing/tinyModel';

/**
 * A service whose posted messages are collected; `send` resolves when the request has been handled.
 * `now` replaces the clock where a test needs times that do not depend on the machine's load.
 */
function harness(now: () => number = () => performance.now()) {
  const posted: OrtResponse[] = [];
  const service = createOrtService(ort, {
    crossOriginIsolated: false,
    now,
    post: (m) => posted.push(m),
  });
  let id = 0;
  async function send(body: Record<string, unknown>) {
    const request = { ...body, id: ++id } as OrtRequest;
    await service.handle(request);
    const mine = posted.filter((m) => m.id === request.id);
    return { final: mine[mine.length - 1], progress: mine.filter((m) => m.kind === 'progress') };
  }
  async function create() {
    const { final } = await send({
      kind: 'create',
      model: tinyModel(),
      options: { graphOptimizationLevel: 'all' },
    });
    if (final.kind !== 'created') throw new Error(JSON.stringify(final));
    return final;
  }
  return { send, create, posted };
}

describe('OrtService', () => {
  it('creates a session and reports the declared inputs, outputs and threads', async () => {
    const { create } = harness();
    const created = await create();
    expect(created.inputs).toEqual([{ name: 'x', dtype: 'float32', shape: ['batch', 4] }]);
    expect(created.outputs).toEqual([{ name: 'y', dtype: 'float32', shape: ['batch', 3] }]);
    expect(created.threads).toBe(1); // not cross-origin isolated → one thread
  });

  it('runs feeds and returns the same numbers as a direct computation', async () => {
    const { create, send } = harness();
    const { session } = await create();
    const x = fillUniform(new Float32Array(5 * 4), 11, -2, 2);
    const { final } = await send({
      kind: 'run',
      session,
      feeds: { x: { dtype: 'float32', dims: [5, 4], data: x } },
    });
    if (final.kind !== 'ran') throw new Error(JSON.stringify(final));
    expect(final.outputs.y.dims).toEqual([5, 3]);
    const expected = tinyReference(x, 5);
    [...(final.outputs.y.data as Float32Array)].forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));
    expect(final.ms).toBeGreaterThanOrEqual(0);
  });

  it('times runs at a batch size: every sample measured, warm-up excluded, progress up to the total', async () => {
    const { create, send } = harness();
    const { session } = await create();
    const { final, progress } = await send({
      kind: 'time',
      session,
      batch: 16,
      runs: 7,
      warmup: 3,
      input: { kind: 'uniform', seed: 1, min: 0, max: 16 },
    });
    if (final.kind !== 'timed') throw new Error(JSON.stringify(final));
    expect(final.batch).toBe(16);
    expect(final.samples).toHaveLength(7);
    expect(final.runs).toBe(7);
    expect(final.repeat).toBe(1);
    expect(final.samples.every((s) => s >= 0)).toBe(true);
    expect(final.min).toBeLessThanOrEqual(final.median);
    expect(final.median).toBeLessThanOrEqual(final.p90);
    expect(progress.at(-1)).toMatchObject({ done: 10, total: 10 });
  });

  it('repeats runs within a sample until it lasts minSampleMs, and reports the mean per run', async () => {
    // a clock that moves 0.5 ms per reading: every timed stretch (one run or a sample's runs) lasts 0.5 ms
    let clock = 0;
    const { create, send } = harness(() => (clock += 0.5));
    const { session } = await create();
    const { final } = await send({
      kind: 'time',
      session,
      batch: 1,
      runs: 4,
      warmup: 0,
      minSampleMs: 3,
      input: { kind: 'uniform', seed: 1, min: 0, max: 1 },
    });
    if (final.kind !== 'timed') throw new Error(JSON.stringify(final));
    // the untimed run took 0.5 ms, so a sample needs ⌈3 / 0.5⌉ = 6 runs, and reports 0.5 ms / 6 per run
    expect(final.repeat).toBe(6);
    expect(final.samples).toEqual([0.5 / 6, 0.5 / 6, 0.5 / 6, 0.5 / 6]);
    const bad = await send({
      kind: 'time',
      session,
      batch: 1,
      runs: 1,
      minSampleMs: -1,
      input: { kind: 'uniform', seed: 1, min: 0, max: 1 },
    });
    expect(bad.final).toMatchObject({ kind: 'error', error: { code: 'limit' } });
  });

  it('times with given tensors and checks their batch', async () => {
    const { create, send } = harness();
    const { session } = await create();
    const feeds = { x: { dtype: 'float32', dims: [2, 4], data: new Float32Array(8) } };
    const ok = await send({ kind: 'time', session, batch: 2, runs: 2, input: { kind: 'tensors', feeds } });
    expect(ok.final.kind).toBe('timed');
    const bad = await send({ kind: 'time', session, batch: 3, runs: 2, input: { kind: 'tensors', feeds } });
    expect(bad.final).toMatchObject({ kind: 'error', error: { name: 'ModelError', code: 'input' } });
  });

  it('answers bad requests with ModelError messages naming the problem, and keeps working', async () => {
    const { create, send } = harness();
    const { session } = await create();
    const cases: [Record<string, unknown>, RegExp, string][] = [
      [{ kind: 'create', model: new ArrayBuffer(0), options: {} }, /empty/, 'parse'],
      [
        { kind: 'create', model: new Uint8Array([8, 1, 255, 255, 255]).buffer, options: {} },
        /could not load the model/,
        'parse',
      ],
      [{ kind: 'run', session: 99, feeds: {} }, /no session 99/, 'input'],
      [
        { kind: 'time', session, batch: 0, runs: 1, input: { kind: 'uniform', seed: 1, min: 0, max: 1 } },
        /batch must be an integer/,
        'limit',
      ],
      [
        { kind: 'time', session, batch: 1e9, runs: 1, input: { kind: 'uniform', seed: 1, min: 0, max: 1 } },
        /batch must be/,
        'limit',
      ],
      [
        { kind: 'time', session, batch: 1, runs: 1.5, input: { kind: 'uniform', seed: 1, min: 0, max: 1 } },
        /runs must be/,
        'limit',
      ],
      [
        { kind: 'time', session, batch: 1, runs: 1, input: { kind: 'uniform', seed: 1, min: 2, max: 1 } },
        /range is empty/,
        'input',
      ],
      [{ kind: 'create', model: tinyModel(), options: { numThreads: -1 } }, /numThreads/, 'limit'],
      [{ kind: 'frobnicate' }, /unknown request kind/, 'input'],
    ];
    for (const [body, message, code] of cases) {
      const { final } = await send(body);
      expect(final.kind, JSON.stringify(body)).toBe('error');
      if (final.kind === 'error') {
        expect(final.error.message).toMatch(message);
        expect(final.error.code).toBe(code);
      }
    }
    const again = await send({
      kind: 'run',
      session,
      feeds: { x: { dtype: 'float32', dims: [1, 4], data: new Float32Array(4) } },
    });
    expect(again.final.kind).toBe('ran');
  });

  it('reports onnxruntime’s own run errors (wrong feed shape) as error messages', async () => {
    const { create, send } = harness();
    const { session } = await create();
    const { final } = await send({
      kind: 'run',
      session,
      feeds: { x: { dtype: 'float32', dims: [1, 5], data: new Float32Array(5) } },
    });
    expect(final.kind).toBe('error');
  });

  it('releases a session, after which it is unknown', async () => {
    const { create, send } = harness();
    const { session } = await create();
    expect((await send({ kind: 'release', session })).final.kind).toBe('released');
    const { final } = await send({ kind: 'release', session });
    expect(final).toMatchObject({ kind: 'error', error: { message: expect.stringMatching(/no session/) } });
  });
});

describe('dimsAtBatch', () => {
  it('substitutes the batch for a symbolic or matching first dimension only', () => {
    expect(dimsAtBatch({ name: 'x', dtype: 'float32', shape: ['N', 1, 8, 8] }, 32)).toEqual([32, 1, 8, 8]);
    expect(dimsAtBatch({ name: 'x', dtype: 'float32', shape: [null, 3] }, 2)).toEqual([2, 3]);
    expect(dimsAtBatch({ name: 'x', dtype: 'float32', shape: [4, 3] }, 4)).toEqual([4, 3]);
    expect(() => dimsAtBatch({ name: 'x', dtype: 'float32', shape: [1, 3] }, 4)).toThrow(
      /fixed batch dimension of 1/,
    );
    expect(() => dimsAtBatch({ name: 'x', dtype: 'float32', shape: ['N', 'H'] }, 4)).toThrow(
      /symbolic dimension "H"/,
    );
    expect(() => dimsAtBatch({ name: 'x', dtype: 'float32', shape: [] }, 4)).toThrow(/no shape/);
  });
});
