// The page's side of the kernels Worker. The worker starts on the first request; cancel() terminates it at once
// (a kernel run is a synchronous loop that no message can interrupt) and rejects what was pending.
import type { GemmLabProgress, GemmLabRequest, GemmLabResult } from '../engine';
import type { JobProgress } from './kernelRuns/stages';
import type { JobRequest, JobResult, KernelJob, KernelsRequest, KernelsResponse } from './kernelsProtocol';
import { RpcClient, WorkerFailedError, type RequestBody, type RpcWorker } from './rpc';

export { isWorkerCancelled, WorkerCancelledError, WorkerFailedError } from './rpc';

export type KernelsWorker = RpcWorker<KernelsRequest, KernelsResponse>;

const spawnKernelsWorker = (): KernelsWorker =>
  new Worker(new URL('./kernels.worker.ts', import.meta.url), {
    type: 'module',
    name: 'kernels',
  }) as unknown as KernelsWorker;

export class KernelsClient {
  private readonly rpc: RpcClient<KernelsRequest, KernelsResponse>;

  constructor(spawn: () => KernelsWorker = spawnKernelsWorker) {
    this.rpc = new RpcClient(spawn, 'kernels');
  }

  /** Runs a job in the worker (see kernelsProtocol.ts); resolves with its result. */
  async run<K extends KernelJob>(
    kind: K,
    request: JobRequest<K>,
    onProgress?: (p: JobProgress) => void,
  ): Promise<JobResult<K>> {
    const body = { kind, request } as unknown as RequestBody<KernelsRequest>;
    const response = await this.rpc.request(body, (r) => {
      if (r.kind === 'progress') onProgress?.({ done: r.done, total: r.total, key: r.key });
    });
    if (response.kind !== kind)
      throw new WorkerFailedError(`unexpected answer "${response.kind}" from the kernels worker`);
    return (response as { result: JobResult<K> }).result;
  }

  /** Times GEMM loop variants in the worker (see the engine's runGemmLab). */
  gemmLab(request: GemmLabRequest, onProgress?: (p: GemmLabProgress) => void): Promise<GemmLabResult> {
    return this.run('gemm-lab', request, onProgress);
  }

  cancel(reason?: string): void {
    this.rpc.cancel(reason);
  }

  /** Same as cancel(), for when the owner goes away (a widget unmounting). */
  dispose(): void {
    this.rpc.cancel('the kernels client was closed');
  }

  get pendingCount(): number {
    return this.rpc.pendingCount;
  }
}
