import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ModelError } from '../engine';
import {
  handleConvLayersRequest,
  type ConvLayersRequest,
  type ConvLayersResponse,
} from './convLayers/protocol';
import { ConvLayersCancelledError, parseConvLayers, sharedLoads, type WorkerLike } from './convLayersClient';

/** Runs the real request handler "in another thread": asynchronously, with structured clones both ways. */
function inProcessWorker() {
  const w: WorkerLike & { terminated: boolean } = {
    terminated: false,
    onmessage: null,
    onerror: null,
    postMessage(request) {
      const copy = structuredClone(request);
      setTimeout(() => {
        if (w.terminated) return;
        handleConvLayersRequest(copy, (message) => {
          if (!w.terminated)
            w.onmessage?.({ data: structuredClone(message) } as MessageEvent<ConvLayersResponse>);
        });
      }, 0);
    },
    terminate() {
      w.terminated = true;
    },
  };
  return w;
}

const modelBytes = (id: string) => {
  const b = fs.readFileSync(new URL(`../../public/models/${id}.onnx`, import.meta.url));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
};

describe('parseConvLayers', () => {
  it('lists the Conv layers of a zoo model with weights and shapes, and stops the worker', async () => {
    const worker = inProcessWorker();
    const layers = await parseConvLayers(modelBytes('digits-cnn'), undefined, () => worker);
    expect(layers.map((l) => l.layer?.inputDims)).toEqual([
      [1, 1, 8, 8],
      [1, 16, 8, 8],
      [1, 32, 4, 4],
    ]);
    expect(layers[1].layer?.w.data).toBeInstanceOf(Float32Array);
    expect(layers[1].layer?.w.data.length).toBe(32 * 16 * 9);
    expect(worker.terminated).toBe(true);
  });

  it('rejects a file that is not a model with a ModelError naming the problem', async () => {
    const bytes = new Uint8Array([1, 2, 3, 4, 5, 250, 251]).buffer;
    const error = await parseConvLayers(bytes, undefined, inProcessWorker).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect((error as Error).message.length).toBeGreaterThan(10);
  });

  it('cancels: an aborted signal rejects and terminates the worker', async () => {
    const worker = inProcessWorker();
    const abort = new AbortController();
    const pending = parseConvLayers(modelBytes('digits-cnn'), abort.signal, () => worker);
    abort.abort();
    await expect(pending).rejects.toBeInstanceOf(ConvLayersCancelledError);
    expect(worker.terminated).toBe(true);
    await expect(
      parseConvLayers(modelBytes('digits-cnn'), abort.signal, inProcessWorker),
    ).rejects.toBeInstanceOf(ConvLayersCancelledError);
  });

  it('a worker that fails to load rejects with a clear message', async () => {
    const worker = inProcessWorker();
    worker.postMessage = () => {
      setTimeout(() => worker.onerror?.({ message: '' } as ErrorEvent), 0);
    };
    await expect(parseConvLayers(modelBytes('digits-cnn'), undefined, () => worker)).rejects.toThrow(
      /could not be loaded/,
    );
  });
});

describe('handleConvLayersRequest', () => {
  it('answers a message that is not a request with an error instead of throwing', () => {
    const posted: ConvLayersResponse[] = [];
    handleConvLayersRequest(null as unknown as ConvLayersRequest, (m) => posted.push(m));
    expect(posted).toEqual([
      { type: 'CONV_LAYERS_ERROR', id: null, message: 'not a conv-layers request', modelError: false },
    ]);
  });
});

describe('sharedLoads', () => {
  function fakeLoad() {
    const calls: { key: string; signal: AbortSignal; resolve(v: string): void; reject(e: Error): void }[] =
      [];
    const load = (key: string, signal: AbortSignal) =>
      new Promise<string>((resolve, reject) => {
        calls.push({ key, signal, resolve, reject });
        signal.addEventListener('abort', () => reject(new ConvLayersCancelledError()));
      });
    return { calls, get: sharedLoads(load) };
  }

  it('two callers share one load; one cancelling does not cancel the other', async () => {
    const { calls, get } = fakeLoad();
    const a = new AbortController();
    const first = get('m', a.signal);
    const second = get('m', new AbortController().signal);
    expect(calls).toHaveLength(1);
    a.abort();
    await expect(first).rejects.toBeInstanceOf(ConvLayersCancelledError);
    expect(calls[0].signal.aborted).toBe(false);
    calls[0].resolve('layers');
    await expect(second).resolves.toBe('layers');
    await expect(get('m')).resolves.toBe('layers');
    expect(calls).toHaveLength(1);
  });

  it('the load stops when its last caller cancels, and a later call starts again', async () => {
    const { calls, get } = fakeLoad();
    const a = new AbortController();
    const pending = get('m', a.signal);
    a.abort();
    await expect(pending).rejects.toBeInstanceOf(ConvLayersCancelledError);
    expect(calls[0].signal.aborted).toBe(true);
    const again = get('m', new AbortController().signal);
    expect(calls).toHaveLength(2);
    calls[1].resolve('ok');
    await expect(again).resolves.toBe('ok');
  });

  it('a failed load is forgotten so it can be retried', async () => {
    const { calls, get } = fakeLoad();
    const failing = get('m', new AbortController().signal);
    calls[0].reject(new Error('HTTP 404'));
    await expect(failing).rejects.toThrow('HTTP 404');
    await Promise.resolve();
    void get('m');
    expect(calls).toHaveLength(2);
  });
});
