// The page's side of the graph-optimizer Worker: typed promises, progress, cancellation. The passes are
// synchronous, so cancelling a request terminates the worker; the worker keeps no state, so the other
// pending requests are simply sent again to a fresh one (as the layout client does).
import type { Model, Tensor } from '../engine';
import type {
  Analysis,
  OptimizeOptions,
  OptimizeResult,
  OptimizerRequest,
  OptimizerResponse,
  SyntaxProblem,
} from './optimizerProtocol';
import { deserializeError } from './ortClient';

export type { Analysis, OptimizeOptions, OptimizeResult, SyntaxProblem };

/** The part of a Worker the client uses (an in-process stand-in in tests). */
export interface WorkerLike {
  postMessage(message: OptimizerRequest, transfer: Transferable[]): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<OptimizerResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export class OptimizerCancelledError extends Error {
  constructor(message = 'cancelled') {
    super(message);
    this.name = 'OptimizerCancelledError';
  }
}

export const isOptimizerCancelled = (e: unknown): e is OptimizerCancelledError =>
  e instanceof OptimizerCancelledError;

export interface OptimizeProgress {
  iteration: number;
  pass: string;
  rewrites: number;
}

interface Call {
  signal?: AbortSignal;
}

type Body = OptimizerRequest extends infer R ? (R extends OptimizerRequest ? Omit<R, 'id'> : never) : never;

interface Pending {
  request: OptimizerRequest;
  resolve(response: OptimizerResponse): void;
  reject(error: Error): void;
  onProgress?: (p: OptimizeProgress) => void;
}

const spawnOptimizerWorker = (): WorkerLike =>
  new Worker(new URL('./optimizer.worker.ts', import.meta.url), {
    type: 'module',
    name: 'graph-optimizer',
  }) as unknown as WorkerLike;

export class OptimizerClient {
  private worker: WorkerLike | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly spawn: () => WorkerLike = spawnOptimizerWorker) {}

  get pendingCount(): number {
    return this.pending.size;
  }

  /** Decodes and validates an ONNX file (the bytes are transferred: the caller's buffer becomes empty). */
  async decode(bytes: ArrayBuffer, name: string, call?: Call): Promise<{ model: Model; ms: number }> {
    const r = await this.request({ kind: 'decode', bytes, name }, [bytes], call);
    if (r.kind !== 'decoded') throw unexpected(r);
    return { model: r.model, ms: r.ms };
  }

  /** Parses the ONNX text syntax; `{...}` initializers take their values from `base`. */
  async parse(
    text: string,
    base: Map<string, Tensor>,
    call?: Call,
  ): Promise<{ model: Model | null; problem: SyntaxProblem | null }> {
    const r = await this.request({ kind: 'parse', text, base }, [], call);
    if (r.kind !== 'parsed') throw unexpected(r);
    return { model: r.model, problem: r.problem };
  }

  async print(model: Model, call?: Call): Promise<string> {
    const r = await this.request({ kind: 'print', model }, [], call);
    if (r.kind !== 'printed') throw unexpected(r);
    return r.text;
  }

  async optimize(
    model: Model,
    options: OptimizeOptions,
    call: Call & { onProgress?: (p: OptimizeProgress) => void } = {},
  ): Promise<OptimizeResult> {
    const r = await this.request({ kind: 'optimize', model, options }, [], call, call.onProgress);
    if (r.kind !== 'optimized') throw unexpected(r);
    return r.result;
  }

  async analyze(model: Model, call?: Call): Promise<Analysis> {
    const r = await this.request({ kind: 'analyze', model }, [], call);
    if (r.kind !== 'analyzed') throw unexpected(r);
    return r.analysis;
  }

  /** The model as ONNX bytes. */
  async encode(model: Model, call?: Call): Promise<ArrayBuffer> {
    const r = await this.request({ kind: 'encode', model }, [], call);
    if (r.kind !== 'encoded') throw unexpected(r);
    return r.bytes;
  }

  /** Cancels every pending request and releases the worker. */
  dispose(): void {
    this.stopWorker();
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) p.reject(new OptimizerCancelledError('the optimizer was closed'));
  }

  private cancel(id: number): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    p.reject(new OptimizerCancelledError());
    this.stopWorker();
    // The other requests did not ask to stop: they start again on a fresh worker.
    if (this.pending.size) {
      const worker = this.ensureWorker();
      for (const other of this.pending.values()) worker.postMessage(other.request, []);
    }
  }

  private request(
    body: Body,
    transfer: Transferable[],
    call: Call = {},
    onProgress?: (p: OptimizeProgress) => void,
  ): Promise<OptimizerResponse> {
    if (call.signal?.aborted) return Promise.reject(new OptimizerCancelledError());
    const id = this.nextId++;
    const request = { ...body, id } as OptimizerRequest;
    return new Promise<OptimizerResponse>((resolve, reject) => {
      this.pending.set(id, { request, resolve, reject, onProgress });
      call.signal?.addEventListener('abort', () => this.cancel(id), { once: true });
      try {
        this.ensureWorker().postMessage(request, transfer);
      } catch (e) {
        this.pending.delete(id);
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  }

  private ensureWorker(): WorkerLike {
    if (this.worker) return this.worker;
    const worker = this.spawn();
    worker.onmessage = (event) => this.receive(event.data);
    worker.onerror = (event) => {
      event.preventDefault?.();
      this.failAll(`the optimizer worker failed: ${event.message || 'it could not be loaded'}`);
    };
    this.worker = worker;
    return worker;
  }

  private stopWorker(): void {
    if (!this.worker) return;
    this.worker.onmessage = this.worker.onerror = null;
    this.worker.terminate();
    this.worker = null;
  }

  private failAll(message: string): void {
    const pending = [...this.pending.values()];
    this.pending.clear();
    this.stopWorker();
    for (const p of pending) p.reject(new Error(message));
  }

  private receive(response: OptimizerResponse): void {
    if (response.kind === 'error' && response.id === null)
      return this.failAll(`the optimizer worker crashed: ${response.error.message}`);
    const p = this.pending.get(response.id as number);
    if (!p) return; // a late answer to a cancelled request
    if (response.kind === 'progress') {
      p.onProgress?.({ iteration: response.iteration, pass: response.pass, rewrites: response.rewrites });
      return;
    }
    this.pending.delete(response.id as number);
    if (response.kind === 'error') p.reject(deserializeError(response.error));
    else p.resolve(response);
  }
}

function unexpected(response: OptimizerResponse): Error {
  return new Error(`unexpected answer "${response.kind}" from the optimizer worker`);
}
