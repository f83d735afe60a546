// The inside of the kernels Worker: runs a request with the engine and posts progress and the answer. It gets
// `post` and a clock, so the same code runs in the Worker (kernels.worker.ts) and in the unit tests.
import { ModelError, runGemmLab } from '../engine';
import { runBasics } from './kernelRuns/basics';
import { runIm2col } from './kernelRuns/im2col';
import { runIndirect } from './kernelRuns/indirect';
import type { JobProgress } from './kernelRuns/stages';
import { runWinograd, winogradErrors } from './kernelRuns/winograd';
import type { JobRequest, JobResult, KernelJob, KernelsRequest, KernelsResponse } from './kernelsProtocol';
import { serializeError } from './ortService';

export interface KernelsServiceEnv {
  post(message: KernelsResponse): void;
  now(): number;
}

/** Progress messages are sent at most this often (ms), plus once at the end. */
const PROGRESS_INTERVAL_MS = 50;

type Job<K extends KernelJob> = (
  request: JobRequest<K>,
  env: KernelsServiceEnv,
  onProgress: (p: JobProgress) => void,
) => JobResult<K>;

const JOBS: { [K in KernelJob]: Job<K> } = {
  'gemm-lab': (request, env, onProgress) => runGemmLab(request, { now: env.now, onProgress }),
  'conv-basics': ({ layer }, _, onProgress) => runBasics(layer, onProgress),
  im2col: ({ layer }, _, onProgress) => runIm2col(layer, onProgress),
  winograd: ({ layer, variant, fp16 }, _, onProgress) => runWinograd(layer, variant, fp16, onProgress),
  'winograd-errors': ({ layer }, _, onProgress) => winogradErrors(layer, onProgress),
  indirect: ({ layer, precision }, _, onProgress) => runIndirect(layer, precision, onProgress),
};

const isJob = (kind: unknown): kind is KernelJob => typeof kind === 'string' && Object.hasOwn(JOBS, kind);

export function createKernelsService(env: KernelsServiceEnv) {
  function run<K extends KernelJob>(id: number, kind: K, request: JobRequest<K>) {
    let last = -Infinity;
    const result = (JOBS[kind] as Job<K>)(request, env, (p) => {
      const t = env.now();
      // The first and the last message always go; those between at most every PROGRESS_INTERVAL_MS.
      if (t - last < PROGRESS_INTERVAL_MS && p.done > 0 && p.done < p.total) return;
      last = t;
      env.post({ kind: 'progress', id, ...p });
    });
    env.post({ kind, id, result } as KernelsResponse);
  }

  /** Handles one message; never throws: a failure is posted back as the request's error. */
  function handle(message: KernelsRequest): void {
    const id = typeof message?.id === 'number' ? message.id : null;
    try {
      if (id !== null && isJob(message?.kind)) run(id, message.kind, message.request);
      else throw new ModelError('input', `unknown request kind "${String(message?.kind)}"`);
    } catch (e) {
      env.post({ kind: 'error', id, error: serializeError(e) });
    }
  }

  return { handle };
}
