import { describe, expect, it } from 'vitest';
import { handleLayoutRequest, type LayoutRequest, type LayoutResponse } from './layout/protocol';
import type { LayoutInput } from './layout/types';
import { LayoutCancelledError, LayoutClient, LayoutFailedError, type WorkerLike } from './layoutClient';

/** Runs the real request handler "in another thread": asynchronously, with structured clones both ways. */
function inProcessWorker() {
  const w: WorkerLike & { terminated: boolean; received: LayoutRequest[] } = {
    terminated: false,
    received: [],
    onmessage: null,
    onerror: null,
    postMessage(request) {
      w.received.push(request);
      setTimeout(() => {
        if (w.terminated) return;
        handleLayoutRequest(structuredClone(request), (message) => {
          if (!w.terminated)
            w.onmessage?.({ data: structuredClone(message) } as MessageEvent<LayoutResponse>);
        });
      }, 0);
    },
    terminate() {
      w.terminated = true;
    },
  };
  return w;
}

function setup() {
  const workers: ReturnType<typeof inProcessWorker>[] = [];
  const client = new LayoutClient(() => {
    const w = inProcessWorker();
    workers.push(w);
    return w;
  });
  return { client, workers };
}

const chain = (n: number): LayoutInput => ({
  widths: new Float64Array(n).fill(60),
  heights: new Float64Array(n).fill(30),
  edges: Int32Array.from({ length: 2 * (n - 1) }, (_, k) => (k >> 1) + (k & 1)),
});

describe('LayoutClient', () => {
  it('starts the worker on the first request and resolves with the layout, reporting progress', async () => {
    const { client, workers } = setup();
    expect(workers).toHaveLength(0);
    const progress: number[] = [];
    const result = await client.layout(chain(30), { onProgress: (_, f) => progress.push(f) });
    expect(workers).toHaveLength(1);
    expect(result.stats.layers).toBe(30);
    expect(result.y[29]).toBeGreaterThan(result.y[0]);
    expect(progress.at(-1)).toBe(1);
    expect(progress.length).toBeLessThanOrEqual(22);
    expect(client.pendingCount).toBe(0);
  });

  it('rejects bad input with the layout error message', async () => {
    const { client } = setup();
    const bad = { ...chain(3), heights: new Float64Array(2) };
    await expect(client.layout(bad)).rejects.toThrow(LayoutFailedError);
    await expect(client.layout(bad)).rejects.toThrow(/3 widths but 2 heights/);
  });

  it('cancelling one request terminates the worker and finishes the others on a fresh one', async () => {
    const { client, workers } = setup();
    const abort = new AbortController();
    const first = client.layout(chain(50), { signal: abort.signal });
    const second = client.layout(chain(20));
    abort.abort();
    await expect(first).rejects.toBeInstanceOf(LayoutCancelledError);
    expect(workers[0].terminated).toBe(true);
    const result = await second;
    expect(result.stats.nodes).toBe(20);
    expect(workers).toHaveLength(2);
    expect(workers[1].received.map((r) => r.input.widths.length)).toEqual([20]);
  });

  it('an already aborted signal rejects without starting a worker', async () => {
    const { client, workers } = setup();
    await expect(client.layout(chain(5), { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(
      LayoutCancelledError,
    );
    expect(workers).toHaveLength(0);
  });

  it('a worker that fails to load rejects every pending request, and the next request starts a new worker', async () => {
    const { client, workers } = setup();
    const a = client.layout(chain(5));
    const b = client.layout(chain(6));
    let prevented = false;
    workers[0].onerror!({ message: '', preventDefault: () => (prevented = true) } as unknown as ErrorEvent);
    await expect(a).rejects.toThrow(/could not be loaded/);
    await expect(b).rejects.toBeInstanceOf(LayoutFailedError);
    expect(prevented).toBe(true);
    expect((await client.layout(chain(4))).stats.nodes).toBe(4);
    expect(workers).toHaveLength(2);
  });

  it('dispose cancels pending requests and stops the worker', async () => {
    const { client, workers } = setup();
    const p = client.layout(chain(10));
    client.dispose();
    await expect(p).rejects.toBeInstanceOf(LayoutCancelledError);
    expect(workers[0].terminated).toBe(true);
  });
});

describe('handleLayoutRequest', () => {
  it('answers a message that is not a layout request with an error instead of throwing', () => {
    const posted: LayoutResponse[] = [];
    handleLayoutRequest(null as unknown as LayoutRequest, (m) => posted.push(m));
    handleLayoutRequest({ type: 'PING', id: 4 } as unknown as LayoutRequest, (m) => posted.push(m));
    expect(posted).toEqual([
      { type: 'LAYOUT_ERROR', id: null, message: 'not a layout request' },
      { type: 'LAYOUT_ERROR', id: 4, message: 'not a layout request' },
    ]);
  });
});
