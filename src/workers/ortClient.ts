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
import { WorkerRpc, type RpcWorker } from './rpc';

/** The part of a Worker the client uses (a fake one in tests). */
export type WorkerLike = RpcWorker<OrtRequest, OrtResponse>;

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

const spawnOrtWorker = (): WorkerLike =>
  new Worker(new URL('./ort.worker.ts', import.meta.url), {
    type: 'module',
    name: 'onnxruntime',
  }) as unknown as WorkerLike;

export class OrtClient {
  private readonly rpc: WorkerRpc<OrtRequest, OrtResponse>;

  constructor(spawn: () => WorkerLike = spawnOrtWorker) {
    this.rpc = new WorkerRpc(spawn, {
      name: 'the onnxruntime worker',
      failed: (message) => new OrtWorkerError(message),
      deserialize: deserializeError,
    });
  }

  /** Loads a model (the bytes are transferred to the worker: the caller's buffer becomes empty). */
  async createSession(model: ArrayBuffer, options: SessionOptions = {}): Promise<OrtSession> {
    const response = await this.rpc.request({ kind: 'create', model, options }, [model]);
    if (response.kind !== 'created') throw this.rpc.unexpected(response);
    const { kind: _kind, id: _id, ...info } = response;
    return { ...info, generation: this.rpc.generation };
  }

  /** Runs the model once on the given feeds; returns its outputs and the run's wall time in ms. */
  async run(
    session: OrtSession,
    feeds: Record<string, Tensor>,
  ): Promise<{ outputs: Record<string, Tensor>; ms: number }> {
    const response = await this.rpc.request({ kind: 'run', session: this.live(session), feeds }, []);
    if (response.kind !== 'ran') throw this.rpc.unexpected(response);
    return { outputs: response.outputs, ms: response.ms };
  }

  /** Times `runs` runs at one batch size after `warmup` untimed runs; reports progress as runs complete. */
  async time(
    session: OrtSession,
    request: TimingRequest,
    onProgress?: ProgressHandler,
  ): Promise<TimingResult> {
    const response = await this.rpc.request(
      { kind: 'time', session: this.live(session), ...request },
      [],
      (p) => onProgress?.(p.done, p.total),
    );
    if (response.kind !== 'timed') throw this.rpc.unexpected(response);
    const { kind: _kind, id: _id, ...result } = response;
    return result;
  }

  /** Frees a session's memory in the worker; a stale session is already gone, so this resolves at once. */
  async release(session: OrtSession): Promise<void> {
    if (!this.isLive(session)) return;
    const response = await this.rpc.request({ kind: 'release', session: session.session }, []);
    if (response.kind !== 'released') throw this.rpc.unexpected(response);
  }

  /** Stops everything now: terminates the worker and rejects every pending request with OrtCancelledError. */
  cancel(reason?: string): void {
    this.rpc.stop(new OrtCancelledError(reason));
  }

  /** Same as cancel(), for when the owner goes away (a widget unmounting). */
  dispose(): void {
    this.rpc.stop(new OrtCancelledError('the onnxruntime client was closed'));
  }

  /** Whether a session still lives in this client's current worker (it does not after a cancel). */
  isLive(session: OrtSession): boolean {
    return session.generation === this.rpc.generation && this.rpc.alive;
  }

  /** Requests awaiting an answer (for tests and status displays). */
  get pendingCount(): number {
    return this.rpc.pendingCount;
  }

  private live(session: OrtSession): number {
    if (session.generation !== this.rpc.generation)
      throw new OrtCancelledError('this session belonged to a worker that was cancelled; create it again');
    return session.session;
  }
}
