// Messages between the page (kernelsClient.ts) and the kernels Worker (kernels.worker.ts): timed kernel runs
// that would freeze the page if they ran on it. Each request gets 'progress' messages, then one final answer.
import type { GemmLabProgress, GemmLabRequest, GemmLabResult } from '../engine';
import type { SerializedError } from './ortProtocol';

export type KernelsRequest = { kind: 'gemm-lab'; id: number; request: GemmLabRequest };

export type KernelsResponse =
  | ({ kind: 'progress'; id: number } & GemmLabProgress)
  | { kind: 'gemm-lab'; id: number; result: GemmLabResult }
  /** id is null for a failure that belongs to no request (an uncaught error inside the worker). */
  | { kind: 'error'; id: number | null; error: SerializedError };
