// The page's side of the layout Worker: typed promises with progress, and cancellation. Cancelling a
// request terminates the worker (the only way to stop a running synchronous layout) and re-sends the
// other pending requests to a fresh one, so two panes sharing a client do not cancel each other.
import type { LayoutRequest, LayoutResponse } from './layout/protocol';
import type { LayoutInput, LayoutOptions, LayoutPhase, LayoutResult } from './layout/types';

export type { LayoutInput, LayoutOptions, LayoutPhase, LayoutResult };

/** The part of the Worker API the client uses (a real Worker, or an in-process stand-in in tests). */
export interface WorkerLike {
  postMessage(message: LayoutRequest): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<LayoutResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export class LayoutCancelledError extends Error {
  constructor() {
    super('layout cancelled');
    this.name = 'LayoutCancelledError';
  }
}

export class LayoutFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LayoutFailedError';
  }
}

export interface LayoutCall {
  options?: Partial<LayoutOptions>;
  onProgress?: (phase: LayoutPhase, fraction: number) => void;
  signal?: AbortSignal;
}

interface Pending {
  request: LayoutRequest;
  call: LayoutCall;
  resolve(result: LayoutResult): void;
  reject(error: Error): void;
}

export const createLayoutWorker = (): WorkerLike =>
  new Worker(new URL('./layout.worker.ts', import.meta.url), {
    type: 'module',
    name: 'graph-layout',
  }) as WorkerLike;

export class LayoutClient {
  private worker: WorkerLike | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(private readonly createWorker: () => WorkerLike = createLayoutWorker) {}

  get pendingCount(): number {
    return this.pending.size;
  }

  layout(input: LayoutInput, call: LayoutCall = {}): Promise<LayoutResult> {
    if (call.signal?.aborted) return Promise.reject(new LayoutCancelledError());
    const id = this.nextId++;
    const request: LayoutRequest = { type: 'LAYOUT_REQ', id, input, options: call.options };
    return new Promise<LayoutResult>((resolve, reject) => {
      this.pending.set(id, { request, call, resolve, reject });
      call.signal?.addEventListener('abort', () => this.cancel(id), { once: true });
      this.ensureWorker().postMessage(request);
    });
  }

  /** Cancels one request, or all of them (no id); their promises reject with LayoutCancelledError. */
  cancel(id?: number): void {
    const ids = id === undefined ? [...this.pending.keys()] : [id];
    const cancelled = ids.filter((i) => this.pending.has(i));
    if (!cancelled.length) return;
    for (const i of cancelled) {
      this.pending.get(i)!.reject(new LayoutCancelledError());
      this.pending.delete(i);
    }
    this.stopWorker();
    // The others did not ask to stop: they start again on a fresh worker.
    if (this.pending.size) {
      const worker = this.ensureWorker();
      for (const p of this.pending.values()) worker.postMessage(p.request);
    }
  }

  /** Cancels everything and releases the worker. */
  dispose(): void {
    this.cancel();
    this.stopWorker();
  }

  private ensureWorker(): WorkerLike {
    if (this.worker) return this.worker;
    const worker = this.createWorker();
    worker.onmessage = (event) => this.receive(event.data);
    worker.onerror = (event) => {
      event.preventDefault?.();
      this.failAll(`the layout worker failed: ${event.message || 'it could not be loaded'}`);
    };
    this.worker = worker;
    return worker;
  }

  private stopWorker() {
    if (!this.worker) return;
    this.worker.onmessage = null;
    this.worker.onerror = null;
    this.worker.terminate();
    this.worker = null;
  }

  private failAll(message: string) {
    for (const p of this.pending.values()) p.reject(new LayoutFailedError(message));
    this.pending.clear();
    this.stopWorker();
  }

  private receive(message: LayoutResponse) {
    if (message.type === 'LAYOUT_ERROR' && message.id === null) return this.failAll(message.message);
    const p = this.pending.get(message.id as number);
    if (!p) return; // a late answer to a cancelled request
    if (message.type === 'LAYOUT_PROGRESS') p.call.onProgress?.(message.phase, message.fraction);
    else {
      this.pending.delete(message.id as number);
      if (message.type === 'LAYOUT_RESP') p.resolve(message.result);
      else p.reject(new LayoutFailedError(message.message));
    }
  }
}
