// A typed request/response channel to a Worker, for workers whose jobs are synchronous loops (the kernels
// worker): every request carries an id and gets exactly one final answer (or an error), with any number of
// 'progress' messages before it. A synchronous job cannot read a cancel message, so cancel() terminates the
// worker: every pending promise rejects with WorkerCancelledError and the next request starts a fresh worker.
import { deserializeError } from './ortClient';
import type { SerializedError } from './ortProtocol';

export interface RpcWorker<Req, Res> {
  postMessage(message: Req, transfer: Transferable[]): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<Res>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  onmessageerror: ((event: MessageEvent) => void) | null;
}

/** Answers share these fields: 'progress' and 'error' are handled here, any other kind is a final answer. */
export type RpcResponse =
  | { kind: 'progress'; id: number }
  | { kind: 'error'; id: number | null; error: SerializedError }
  | { kind: string; id: number };

export class WorkerCancelledError extends Error {
  constructor(message = 'cancelled') {
    super(message);
    this.name = 'WorkerCancelledError';
  }
}

/** The worker itself failed: it did not load, or crashed outside any request. */
export class WorkerFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerFailedError';
  }
}

export const isWorkerCancelled = (e: unknown): e is WorkerCancelledError => e instanceof WorkerCancelledError;

interface Pending<Res> {
  resolve(response: Res): void;
  reject(error: Error): void;
  onProgress?: (response: Res) => void;
}

// Distributive Omit, so that each request kind keeps its own fields.
export type RequestBody<Req> = Req extends unknown ? Omit<Req, 'id'> : never;

export class RpcClient<Req extends { id: number }, Res extends RpcResponse> {
  private worker: RpcWorker<Req, Res> | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending<Res>>();

  /** `name` names the worker in error messages. */
  constructor(
    private readonly spawn: () => RpcWorker<Req, Res>,
    private readonly name: string,
  ) {}

  get pendingCount(): number {
    return this.pending.size;
  }

  /** Sends a request; resolves with its final answer, calling onProgress with each 'progress' message. */
  request(
    body: RequestBody<Req>,
    onProgress?: (response: Res) => void,
    transfer: Transferable[] = [],
  ): Promise<Res> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<Res>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress });
      try {
        worker.postMessage({ ...body, id } as unknown as Req, transfer);
      } catch (e) {
        this.pending.delete(id);
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  }

  /** Stops everything now: terminates the worker and rejects every pending request with WorkerCancelledError. */
  cancel(reason?: string): void {
    this.stop(new WorkerCancelledError(reason));
  }

  private stop(error: Error): void {
    const worker = this.worker;
    this.worker = null;
    if (worker) {
      worker.onmessage = worker.onerror = worker.onmessageerror = null;
      worker.terminate();
    }
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) p.reject(error);
  }

  private ensureWorker(): RpcWorker<Req, Res> {
    if (this.worker) return this.worker;
    const worker = this.spawn();
    worker.onmessage = (event) => this.receive(event.data);
    worker.onerror = (event) => {
      // Reported through the rejected promises instead of as an uncaught page error.
      event.preventDefault();
      this.stop(
        new WorkerFailedError(`the ${this.name} worker failed: ${event.message || 'it could not be loaded'}`),
      );
    };
    worker.onmessageerror = () =>
      this.stop(new WorkerFailedError(`a message from the ${this.name} worker could not be read`));
    this.worker = worker;
    return worker;
  }

  private receive(response: Res): void {
    if (response.kind === 'error' && response.id === null) {
      const { error } = response as Extract<RpcResponse, { kind: 'error' }>;
      this.stop(new WorkerFailedError(`the ${this.name} worker crashed: ${error.message}`));
      return;
    }
    const pending = this.pending.get(response.id as number);
    if (!pending) return; // an answer to a request that was already settled
    if (response.kind === 'progress') {
      pending.onProgress?.(response);
      return;
    }
    this.pending.delete(response.id as number);
    if (response.kind === 'error')
      pending.reject(deserializeError((response as Extract<RpcResponse, { kind: 'error' }>).error));
    else pending.resolve(response);
  }
}
