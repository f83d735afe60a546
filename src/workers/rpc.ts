// The page's side of a request/response Worker protocol: each request gets an id, the worker answers it
// with one final message (a result or {kind: 'error'}) after any number of {kind: 'progress'} messages.
// The worker starts on the first request. stop() terminates it (the only way to interrupt a synchronous
// job) and rejects everything pending; `generation` counts terminations so that handles to state inside
// a terminated worker (sessions, opened models) can be recognized as stale.
import type { SerializedError } from './ortProtocol';

/** The part of a Worker the client uses (a fake one in tests). */
export interface RpcWorker<Request, Response> {
  postMessage(message: Request, transfer: Transferable[]): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<Response>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  onmessageerror?: ((event: MessageEvent) => void) | null;
}

type Progress<Response> = Extract<Response, { kind: 'progress' }>;
type Failure = { kind: 'error'; id: number | null; error: SerializedError };

export interface RpcErrors {
  /** The worker could not start, crashed outside a request, or sent an unreadable message. */
  failed(message: string): Error;
  /** An error that crossed the boundary, back as the matching class. */
  deserialize(error: SerializedError): Error;
  /** What the worker is called in messages ("the onnxruntime worker"). */
  name: string;
}

interface Pending<Response> {
  resolve(response: Response): void;
  reject(error: Error): void;
  onProgress?: (progress: Progress<Response>) => void;
}

// Distributive Omit, so that each request kind keeps its own fields.
export type RequestBody<R> = R extends unknown ? Omit<R, 'id'> : never;

export class WorkerRpc<Request extends { id: number }, Response extends { kind: string; id: number | null }> {
  private worker: RpcWorker<Request, Response> | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending<Response>>();
  /** Incremented each time a worker is terminated. */
  generation = 0;

  constructor(
    private readonly spawn: () => RpcWorker<Request, Response>,
    private readonly errors: RpcErrors,
  ) {}

  get alive(): boolean {
    return this.worker !== null;
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  request(
    body: RequestBody<Request>,
    transfer: Transferable[] = [],
    onProgress?: (progress: Progress<Response>) => void,
  ): Promise<Response> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<Response>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress });
      try {
        worker.postMessage({ ...body, id } as unknown as Request, transfer);
      } catch (e) {
        this.pending.delete(id);
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  }

  /** Terminates the worker now and rejects every pending request with `error`. */
  stop(error: Error): void {
    const worker = this.worker;
    this.worker = null;
    if (worker) {
      worker.onmessage = worker.onerror = null;
      if (worker.onmessageerror !== undefined) worker.onmessageerror = null;
      worker.terminate();
      this.generation++;
    }
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) p.reject(error);
  }

  /** An error for an answer of the wrong kind. */
  unexpected(response: Response): Error {
    return this.errors.failed(`unexpected answer "${response.kind}" from ${this.errors.name}`);
  }

  private ensureWorker(): RpcWorker<Request, Response> {
    if (this.worker) return this.worker;
    const worker = this.spawn();
    worker.onmessage = (event) => this.receive(event.data);
    worker.onerror = (event) => {
      // Reported to the caller through the rejected promises instead of as an uncaught page error.
      event.preventDefault();
      this.stop(
        this.errors.failed(`${this.errors.name} failed: ${event.message || 'it could not be loaded'}`),
      );
    };
    worker.onmessageerror = () =>
      this.stop(this.errors.failed(`a message from ${this.errors.name} could not be read`));
    this.worker = worker;
    return worker;
  }

  private receive(response: Response): void {
    if (response.kind === 'error' && response.id === null) {
      this.stop(
        this.errors.failed(`${this.errors.name} crashed: ${(response as unknown as Failure).error.message}`),
      );
      return;
    }
    const pending = this.pending.get(response.id as number);
    if (!pending) return; // an answer to a request that was already settled
    if (response.kind === 'progress') {
      pending.onProgress?.(response as Progress<Response>);
      return;
    }
    this.pending.delete(response.id as number);
    if (response.kind === 'error')
      pending.reject(this.errors.deserialize((response as unknown as Failure).error));
    else pending.resolve(response);
  }
}
