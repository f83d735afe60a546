// The page's side of the kernels Worker. The worker starts on the first request; cancel() terminates it at once
// (a timed GEMM is a synchronous loop that no message can interrupt) and rejects what was pending.
import type { GemmLabProgress, GemmLabRequest, GemmLabResult } from '../engine';
import type { KernelsRequest, KernelsResponse } from './kernelsProtocol';
import { RpcClient, WorkerFailedError, type RpcWorker } from './rpc';

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

  /** Times GEMM loop variants in the worker (see the engine's runGemmLab). */
  async gemmLab(request: GemmLabRequest, onProgress?: (p: GemmLabProgress) => void): Promise<GemmLabResult> {
    const response = await this.rpc.request({ kind: 'gemm-lab', request }, (r) => {
      if (r.kind === 'progress') onProgress?.({ done: r.done, total: r.total, key: r.key });
    });
    if (response.kind !== 'gemm-lab')
      throw new WorkerFailedError(`unexpected answer "${response.kind}" from the kernels worker`);
    return response.result;
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
