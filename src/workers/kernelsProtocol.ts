// Messages between the page (kernelsClient.ts) and the kernels Worker (kernels.worker.ts): kernel runs that
// would freeze the page if they ran on it — the timed GEMM lab, and the traced convolution runs of the kernel
// steppers. Each request gets 'progress' messages, then one final answer of its own kind.
import type { GemmLabRequest, GemmLabResult, WinogradVariant } from '../engine';
import type { BasicsRun } from './kernelRuns/basics';
import type { Im2colRun } from './kernelRuns/im2col';
import type { IndirectRun, Precision } from './kernelRuns/indirect';
import type { JobProgress, LayerInput } from './kernelRuns/stages';
import type { WinogradErrors, WinogradRun } from './kernelRuns/winograd';
import type { SerializedError } from './ortProtocol';

/** Each job: what the page sends and what the Worker answers. */
export interface KernelJobs {
  'gemm-lab': { request: GemmLabRequest; result: GemmLabResult };
  'conv-basics': { request: { layer: LayerInput }; result: BasicsRun };
  im2col: { request: { layer: LayerInput }; result: Im2colRun };
  winograd: { request: { layer: LayerInput; variant: WinogradVariant; fp16: boolean }; result: WinogradRun };
  'winograd-errors': { request: { layer: LayerInput }; result: WinogradErrors };
  indirect: { request: { layer: LayerInput; precision: Precision }; result: IndirectRun };
}
export type KernelJob = keyof KernelJobs;
export type JobRequest<K extends KernelJob> = KernelJobs[K]['request'];
export type JobResult<K extends KernelJob> = KernelJobs[K]['result'];

export type KernelsRequest = { [K in KernelJob]: { kind: K; id: number; request: JobRequest<K> } }[KernelJob];

export type KernelsResponse =
  /** For the GEMM lab, `key` is the variant that just ran; for a convolution job, the stage starting. */
  | ({ kind: 'progress'; id: number } & JobProgress)
  | { [K in KernelJob]: { kind: K; id: number; result: JobResult<K> } }[KernelJob]
  /** id is null for a failure that belongs to no request (an uncaught error inside the worker). */
  | { kind: 'error'; id: number | null; error: SerializedError };
