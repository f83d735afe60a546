// The page's side of the conv-layers Worker. One worker per request: it parses a model once and is
// terminated when it answers, so a cancelled parse (AbortSignal) stops at once and nothing stays resident.
// loadZooConvLayers fetches a zoo model, checks it against the manifest, and shares and caches the answer per model.
import { ModelError, type ConvLayerChoice } from '../engine';
import type { ConvLayersRequest, ConvLayersResponse } from './convLayers/protocol';
import { loadZooModel } from './modelZoo';

export type { ConvLayerChoice };

/** The part of the Worker API the client uses (a real Worker, or an in-process stand-in in tests). */
export interface WorkerLike {
  postMessage(message: ConvLayersRequest, transfer: Transferable[]): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<ConvLayersResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export class ConvLayersCancelledError extends Error {
  constructor() {
    super('loading the model was cancelled');
    this.name = 'ConvLayersCancelledError';
  }
}

export const isConvLayersCancelled = (e: unknown): e is ConvLayersCancelledError =>
  e instanceof ConvLayersCancelledError || (e instanceof DOMException && e.name === 'AbortError');

export const createConvLayersWorker = (): WorkerLike =>
  new Worker(new URL('./convLayers.worker.ts', import.meta.url), {
    type: 'module',
    name: 'conv-layers',
  }) as WorkerLike;

let nextId = 1;

/** Decodes the model in a fresh worker and lists its Conv layers; the bytes are transferred, not copied. */
export function parseConvLayers(
  bytes: ArrayBuffer,
  signal?: AbortSignal,
  createWorker: () => WorkerLike = createConvLayersWorker,
): Promise<ConvLayerChoice[]> {
  if (signal?.aborted) return Promise.reject(new ConvLayersCancelledError());
  const id = nextId++;
  const worker = createWorker();
  return new Promise<ConvLayerChoice[]>((resolve, reject) => {
    const finish = () => {
      signal?.removeEventListener('abort', abort);
      worker.onmessage = null;
      worker.onerror = null;
      worker.terminate();
    };
    const abort = () => {
      finish();
      reject(new ConvLayersCancelledError());
    };
    signal?.addEventListener('abort', abort, { once: true });
    worker.onmessage = ({ data }) => {
      if (data.id !== id && data.id !== null) return;
      finish();
      if (data.type === 'CONV_LAYERS_RESP') resolve(data.layers);
      else reject(data.modelError ? new ModelError('invalid', data.message) : new Error(data.message));
    };
    worker.onerror = (event) => {
      event.preventDefault?.();
      finish();
      reject(new Error(`the model-parsing worker failed: ${event.message || 'it could not be loaded'}`));
    };
    worker.postMessage({ type: 'CONV_LAYERS_REQ', id, bytes }, [bytes]);
  });
}

interface SharedLoad<T> {
  promise: Promise<T>;
  controller: AbortController;
  /** Callers still waiting; the load is aborted when the last of them cancels. */
  waiting: number;
  done: boolean;
}

/**
 * Loads shared per key, their answers cached for the page's lifetime. A caller's signal cancels its own wait
 * at once; the load itself is aborted only when every caller waiting for it has cancelled (two widgets on a
 * page, or a React effect run twice, must not cancel each other). A failed load is forgotten, so it can be retried.
 */
export function sharedLoads<T>(load: (key: string, signal: AbortSignal) => Promise<T>) {
  const loads = new Map<string, SharedLoad<T>>();
  return (key: string, signal?: AbortSignal): Promise<T> => {
    if (signal?.aborted) return Promise.reject(new ConvLayersCancelledError());
    let entry = loads.get(key);
    if (!entry) {
      const controller = new AbortController();
      const created: SharedLoad<T> = {
        promise: load(key, controller.signal),
        controller,
        waiting: 0,
        done: false,
      };
      created.promise.then(
        () => (created.done = true),
        () => loads.get(key) === created && loads.delete(key),
      );
      loads.set(key, created);
      entry = created;
    }
    if (entry.done || !signal) return entry.promise;
    const shared = entry;
    shared.waiting++;
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const settle = () => {
        if (settled) return false;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        shared.waiting--;
        return true;
      };
      const onAbort = () => {
        if (!settle()) return;
        reject(new ConvLayersCancelledError());
        if (shared.waiting === 0 && !shared.done) {
          shared.controller.abort();
          if (loads.get(key) === shared) loads.delete(key);
        }
      };
      signal.addEventListener('abort', onAbort, { once: true });
      shared.promise.then(
        (value) => settle() && resolve(value),
        (e: unknown) => settle() && reject(e),
      );
    });
  };
}

/** The Conv layers of a zoo model (fetched from `base`/models/, verified against the manifest, parsed in a worker). */
export function loadZooConvLayers(
  id: string,
  base: string,
  signal?: AbortSignal,
): Promise<ConvLayerChoice[]> {
  return zooLayers(`${base}\n${id}`, signal);
}

const zooLayers = sharedLoads(async (key, signal) => {
  const [base, id] = key.split('\n');
  return parseConvLayers((await loadZooModel(id, base, signal)).bytes, signal);
});
