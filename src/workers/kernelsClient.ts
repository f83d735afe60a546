// The page's side of the kernels Worker. The worker starts on the first request; cancel() terminates it at once
// (a kernel run is a synchronous loop that no message can interrupt) and rejects what was pending.
import type { GemmLabProgress, GemmLabRequest, GemmLabResult } from '../engine';
import { deserializeError } from './ortClient';
import type { JobProgress } from './kernelRuns/stages';
import type { JobRequest, JobResult, KernelJob, KernelsRequest, KernelsResponse } from './kernelsProtocol';
import { WorkerRpc, type RequestBody, type RpcWorker } from './rpc';

export type KernelsWorker = RpcWorker<KernelsRequest, KernelsResponse>;

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

const spawnKernelsWorker = (): KernelsWorker =>
  new Worker(new URL('./kernels.worker.ts', import.meta.url), {
    type: 'module',
    name: 'kernels',
  }) as unknown as KernelsWorker;

export class KernelsClient {
  private readonly rpc: WorkerRpc<KernelsRequest, KernelsResponse>;

  constructor(spawn: () => KernelsWorker = spawnKernelsWorker) {
    this.rpc = new WorkerRpc(spawn, {
      name: 'the kernels worker',
      failed: (message) => new WorkerFailedError(message),
      deserialize: deserializeError,
    });
  }

  /** Runs a job in the worker (see kernelsProtocol.ts); resolves with its result. */
  async run<K extends KernelJob>(
    kind: K,
    request: JobRequest<K>,
    onProgress?: (p: JobProgress) => void,
  ): Promise<JobResult<K>> {
    const body = { kind, request } as unknown as RequestBody<KernelsRequest>;
    const response = await this.rpc.request(body, [], (p) =>
      onProgress?.({ done: p.done, total: p.total, key: p.key }),
    );
    if (response.kind !== kind) throw this.rpc.unexpected(response);
    return (response as { result: JobResult<K> }).result;
  }

  /** Times GEMM loop variants in the worker (see the engine's runGemmLab). */
  gemmLab(request: GemmLabRequest, onProgress?: (p: GemmLabProgress) => void): Promise<GemmLabResult> {
    return this.run('gemm-lab', request, onProgress);
  }

  cancel(reason?: string): void {
    this.rpc.stop(new WorkerCancelledError(reason));
  }

  /** Same as cancel(), for when the owner goes away (a widget unmounting). */
  dispose(): void {
    this.cancel('the kernels client was closed');
  }

  get pendingCount(): number {
    return this.rpc.pendingCount;
  }
}
