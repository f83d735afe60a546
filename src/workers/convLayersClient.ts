// The page's side of the conv-layers Worker. One worker per request: it parses a model once and is
// terminated when it answers, so a cancelled parse (AbortSignal) stops at once and nothing stays resident.
// loadZooConvLayers fetches a zoo model, checks it against the manifest, and caches the answer per model.
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

const cache = new Map<string, Promise<ConvLayerChoice[]>>();

/**
 * The Conv layers of a zoo model (fetched from `base`/models/, verified, parsed in a worker). Answers are
 * cached per model for the page's lifetime; a failed or cancelled load is forgotten, so it can be retried.
 */
export function loadZooConvLayers(
  id: string,
  base: string,
  signal?: AbortSignal,
): Promise<ConvLayerChoice[]> {
  const cached = cache.get(id);
  if (cached) return cached;
  const loading = (async () => parseConvLayers((await loadZooModel(id, base, signal)).bytes, signal))();
  cache.set(id, loading);
  loading.catch(() => cache.delete(id));
  return loading;
}
