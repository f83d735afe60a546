// The page's side of the onnxruntime-web Worker: typed promises over the message protocol.
// The worker (and with it onnxruntime-web and its ~14 MB of WebAssembly) starts on the first request,
// never at import. cancel() terminates it at once: every pending promise rejects with OrtCancelledError,
// sessions of the terminated worker become invalid, and the next request starts a fresh worker.
import { ModelError, type ModelErrorCode, type Tensor } from '../engine';
import type {
  OrtRequest,
  OrtResponse,
  SerializedError,
  SessionInfo,
  SessionOptions,
  TimingRequest,
  TimingResult,
} from './ortProtocol';

/** The part of a Worker the client uses (a fake one in tests). */
export interface WorkerLike {
  postMessage(message: OrtRequest, transfer: Transferable[]): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<OrtResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  onmessageerror: ((event: MessageEvent) => void) | null;
}

/** A pending request was cut short by cancel(). */
export class OrtCancelledError extends Error {
  constructor(message = 'the measurement was cancelled') {
    super(message);
    this.name = 'OrtCancelledError';
  }
}

/** The worker itself failed (it did not load, or crashed outside any request). */
export class OrtWorkerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OrtWorkerError';
  }
}

export const isCancelled = (e: unknown): e is OrtCancelledError => e instanceof OrtCancelledError;

/** Turns an error that crossed the worker boundary back into the matching class. */
export function deserializeError(e: SerializedError): Error {
  // The message already names the location, so the ModelError is rebuilt without one.
  if (e.name === 'ModelError' && e.code) return new ModelError(e.code as ModelErrorCode, e.message);
  const error = new Error(e.message);
  error.name = e.name;
  return error;
}

/** A session living in one worker; it is stale once that worker has been cancelled. */
export interface OrtSession extends SessionInfo {
  readonly generation: number;
}

export interface ProgressHandler {
  (done: number, total: number): void;
}

interface Pending {
  resolve(response: OrtResponse): void;
  reject(error: Error): void;
  onProgress?: ProgressHandler;
}

// Distributive Omit, so that each request kind keeps its own fields.
type RequestBody = OrtRequest extends infer R ? (R extends OrtRequest ? Omit<R, 'id'> : never) : never;

const spawnOrtWorker = (): WorkerLike =>
  new Worker(new URL('./ort.worker.ts', import.meta.url), {
    type: 'module',
    name: 'onnxruntime',
  }) as unknown as WorkerLike;

export class OrtClient {
  private worker: WorkerLike | null = null;
  private generation = 0;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly spawn: () => WorkerLike = spawnOrtWorker) {}

  /** Loads a model (the bytes are transferred to the worker: the caller's buffer becomes empty). */
  async createSession(model: ArrayBuffer, options: SessionOptions = {}): Promise<OrtSession> {
    const response = await this.request({ kind: 'create', model, options }, [model]);
    if (response.kind !== 'created') throw unexpected(response);
    const { kind: _kind, id: _id, ...info } = response;
    return { ...info, generation: this.generation };
  }

  /** Runs the model once on the given feeds; returns its outputs and the run's wall time in ms. */
  async run(
    session: OrtSession,
    feeds: Record<string, Tensor>,
  ): Promise<{ outputs: Record<string, Tensor>; ms: number }> {
    const response = await this.request({ kind: 'run', session: this.live(session), feeds }, []);
    if (response.kind !== 'ran') throw unexpected(response);
    return { outputs: response.outputs, ms: response.ms };
  }

  /** Times `runs` runs at one batch size after `warmup` untimed runs; reports progress as runs complete. */
  async time(
    session: OrtSession,
    request: TimingRequest,
    onProgress?: ProgressHandler,
  ): Promise<TimingResult> {
    const response = await this.request(
      { kind: 'time', session: this.live(session), ...request },
      [],
      onProgress,
    );
    if (response.kind !== 'timed') throw unexpected(response);
    const { kind: _kind, id: _id, ...result } = response;
    return result;
  }

  /** Frees a session's memory in the worker; a stale session is already gone, so this resolves at once. */
  async release(session: OrtSession): Promise<void> {
    if (!this.isLive(session)) return;
    const response = await this.request({ kind: 'release', session: session.session }, []);
    if (response.kind !== 'released') throw unexpected(response);
  }

  /** Stops everything now: terminates the worker and rejects every pending request with OrtCancelledError. */
  cancel(reason?: string): void {
    this.stop(new OrtCancelledError(reason));
  }

  /** Same as cancel(), for when the owner goes away (a widget unmounting). */
  dispose(): void {
    this.stop(new OrtCancelledError('the onnxruntime client was closed'));
  }

  /** Whether a session still lives in this client's current worker (it does not after a cancel). */
  isLive(session: OrtSession): boolean {
    return session.generation === this.generation && this.worker !== null;
  }

  /** Requests awaiting an answer (for tests and status displays). */
  get pendingCount(): number {
    return this.pending.size;
  }

  private live(session: OrtSession): number {
    if (session.generation !== this.generation)
      throw new OrtCancelledError('this session belonged to a worker that was cancelled; create it again');
    return session.session;
  }

  private stop(error: Error): void {
    const worker = this.worker;
    this.worker = null;
    if (worker) {
      worker.onmessage = worker.onerror = worker.onmessageerror = null;
      worker.terminate();
      this.generation++;
    }
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) p.reject(error);
  }

  private ensureWorker(): WorkerLike {
    if (this.worker) return this.worker;
    const worker = this.spawn();
    worker.onmessage = (event) => this.receive(event.data);
    worker.onerror = (event) => {
      // Reported to the caller through the rejected promises instead of as an uncaught page error.
      event.preventDefault();
      this.stop(
        new OrtWorkerError(`the onnxruntime worker failed: ${event.message || 'it could not be loaded'}`),
      );
    };
    worker.onmessageerror = () =>
      this.stop(new OrtWorkerError('a message from the onnxruntime worker could not be read'));
    this.worker = worker;
    return worker;
  }

  private receive(response: OrtResponse): void {
    if (response.kind === 'error' && response.id === null) {
      this.stop(new OrtWorkerError(`the onnxruntime worker crashed: ${response.error.message}`));
      return;
    }
    const pending = this.pending.get(response.id as number);
    if (!pending) return; // an answer to a request that was already settled
    if (response.kind === 'progress') {
      pending.onProgress?.(response.done, response.total);
      return;
    }
    this.pending.delete(response.id as number);
    if (response.kind === 'error') pending.reject(deserializeError(response.error));
    else pending.resolve(response);
  }

  private request(
    body: RequestBody,
    transfer: Transferable[],
    onProgress?: ProgressHandler,
  ): Promise<OrtResponse> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<OrtResponse>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress });
      try {
        worker.postMessage({ ...body, id } as OrtRequest, transfer);
      } catch (e) {
        this.pending.delete(id);
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  }
}

function unexpected(response: OrtResponse): Error {
  return new OrtWorkerError(`unexpected answer "${response.kind}" from the onnxruntime worker`);
}
