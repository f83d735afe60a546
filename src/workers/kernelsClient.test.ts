import { describe, expect, it } from 'vitest';
import { ModelError, randomUniformTensor, seededRandom, type GemmLabRequest } from '../engine';
import { KernelsClient, WorkerCancelledError, WorkerFailedError, type KernelsWorker } from './kernelsClient';
import type { KernelsRequest, KernelsResponse } from './kernelsProtocol';
import { createKernelsService } from './kernelsService';

interface FakeWorker extends KernelsWorker {
  terminated: boolean;
}

/** A worker whose inside is the real service, with messages structured-cloned and delivered asynchronously. */
function inProcessWorker(): FakeWorker {
  const worker: FakeWorker = {
    terminated: false,
    onmessage: null,
    onerror: null,
    onmessageerror: null,
    postMessage(message) {
      const copy = structuredClone(message);
      // A job runs later, as in a real worker, so that a cancel can arrive before it starts.
      setTimeout(() => service.handle(copy), 0);
    },
    terminate() {
      worker.terminated = true;
    },
  };
  const service = createKernelsService({
    now: () => performance.now(),
    post(message: KernelsResponse) {
      if (worker.terminated) return;
      const copy = structuredClone(message);
      setTimeout(() => worker.onmessage?.({ data: copy } as MessageEvent<KernelsResponse>), 0);
    },
  });
  return worker;
}

function client() {
  const workers: FakeWorker[] = [];
  const c = new KernelsClient(() => {
    const w = inProcessWorker();
    workers.push(w);
    return w;
  });
  return { c, workers };
}

const lab: GemmLabRequest = {
  size: { m: 16, n: 40, k: 24 },
  variants: [{ kind: 'order', order: 'ijk' }, { kind: 'order', order: 'ikj' }, { kind: 'blocked' }],
  runs: 3,
  seed: 7,
};

describe('KernelsClient with the real service in process', () => {
  it('starts no worker before the first request, then runs the GEMM lab with progress to the end', async () => {
    const { c, workers } = client();
    expect(workers).toHaveLength(0);
    const progress: number[] = [];
    const result = await c.gemmLab(lab, (p) => progress.push(p.done / p.total));
    expect(workers).toHaveLength(1);
    expect(result.rows.map((r) => r.key)).toEqual(['ijk', 'ikj', 'blocked-4x4']);
    for (const row of result.rows) {
      expect(row.samples).toHaveLength(3);
      expect(row.maxAbsDiff).toBeLessThan(1e-4);
    }
    expect(progress.at(-1)).toBe(1);
    expect(c.pendingCount).toBe(0);
  });

  it('turns a bad request into a ModelError with the engine message', async () => {
    const { c } = client();
    const error = await c.gemmLab({ ...lab, size: { m: 0, n: 1, k: 1 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect((error as Error).message).toMatch(/GEMM m must be an integer/);
  });

  it('answers a malformed message with an error for that request', async () => {
    const posted: KernelsResponse[] = [];
    const service = createKernelsService({ now: () => 0, post: (m) => posted.push(m) });
    service.handle({ kind: 'nonsense', id: 4 } as unknown as KernelsRequest);
    service.handle(null as unknown as KernelsRequest);
    expect(posted).toEqual([
      {
        kind: 'error',
        id: 4,
        error: expect.objectContaining({ message: expect.stringMatching(/unknown request/) }),
      },
      { kind: 'error', id: null, error: expect.objectContaining({ name: 'ModelError' }) },
    ]);
  });

  it('cancel() terminates the worker and rejects what is pending; the next request starts a fresh worker', async () => {
    const { c, workers } = client();
    const pending = c.gemmLab(lab);
    c.cancel('stop');
    await expect(pending).rejects.toBeInstanceOf(WorkerCancelledError);
    expect(workers[0].terminated).toBe(true);
    expect(c.pendingCount).toBe(0);
    const again = await c.gemmLab({ ...lab, runs: 1 });
    expect(workers).toHaveLength(2);
    expect(again.rows).toHaveLength(3);
  });

  it('a worker that fails to load rejects with WorkerFailedError', async () => {
    const c = new KernelsClient(() => {
      const w = inProcessWorker();
      w.postMessage = () =>
        setTimeout(() => w.onerror?.({ message: '', preventDefault() {} } as ErrorEvent), 0);
      return w;
    });
    await expect(c.gemmLab(lab)).rejects.toBeInstanceOf(WorkerFailedError);
  });
});

describe('KernelsClient: the kernel steppers’ jobs', () => {
  const random = seededRandom(4);
  const layer = {
    x: randomUniformTensor(random, [1, 3, 12, 12]),
    w: randomUniformTensor(random, [4, 3, 3, 3]),
    bias: randomUniformTensor(random, [4]),
    params: { pads: [1, 1, 1, 1] },
  };

  it('runs each job across the (structured-clone) boundary with its progress', async () => {
    const { c } = client();
    const stages: string[] = [];
    const errors = await c.run('winograd-errors', { layer }, (p) => stages.push(p.key));
    expect(stages[0]).toBe('reference');
    expect(errors['F(4,3)'].fp16.maxAbsErr).toBeGreaterThan(errors['F(4,3)'].fp32.maxAbsErr);
    const basics = await c.run('conv-basics', { layer });
    expect(basics.events).toHaveLength(4 * 144);
    const im2col = await c.run('im2col', { layer });
    expect(im2col.output).toBeInstanceOf(Float32Array);
    const winograd = await c.run('winograd', { layer, variant: 'F(2,3)', fp16: false });
    expect(winograd.tiles).toBe(36);
    const indirect = await c.run('indirect', { layer, precision: 'uint8' });
    expect(indirect.quant!.equal).toBe(indirect.quant!.total);
  });

  it('a bad layer is a ModelError naming the problem, and cancel stops a conv job', async () => {
    const { c, workers } = client();
    const bad = { ...layer, w: randomUniformTensor(random, [4, 2, 3, 3]) };
    const error = await c.run('conv-basics', { layer: bad }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    const pending = c.run('indirect', { layer, precision: 'fp32' });
    c.cancel();
    await expect(pending).rejects.toBeInstanceOf(WorkerCancelledError);
    expect(workers.at(-1)!.terminated).toBe(true);
  });
});
