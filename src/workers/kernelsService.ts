// The inside of the kernels Worker: runs a request with the engine and posts progress and the answer. It gets
// `post` and a clock, so the same code runs in the Worker (kernels.worker.ts) and in the unit tests.
import { ModelError, runGemmLab } from '../engine';
import type { KernelsRequest, KernelsResponse } from './kernelsProtocol';
import { serializeError } from './ortService';

export interface KernelsServiceEnv {
  post(message: KernelsResponse): void;
  now(): number;
}

/** Progress messages are sent at most this often (ms), plus once at the end. */
const PROGRESS_INTERVAL_MS = 50;

export function createKernelsService(env: KernelsServiceEnv) {
  function gemmLab(id: number, request: KernelsRequest['request']) {
    let last = -Infinity;
    const result = runGemmLab(request, {
      now: env.now,
      onProgress: (p) => {
        const t = env.now();
        if (t - last < PROGRESS_INTERVAL_MS && p.done < p.total) return;
        last = t;
        env.post({ kind: 'progress', id, ...p });
      },
    });
    env.post({ kind: 'gemm-lab', id, result });
  }

  /** Handles one message; never throws: a failure is posted back as the request's error. */
  function handle(message: KernelsRequest): void {
    const id = typeof message?.id === 'number' ? message.id : null;
    try {
      if (message?.kind === 'gemm-lab' && id !== null) gemmLab(id, message.request);
      else throw new ModelError('input', `unknown request kind "${String(message?.kind)}"`);
    } catch (e) {
      env.post({ kind: 'error', id, error: serializeError(e) });
    }
  }

  return { handle };
}
