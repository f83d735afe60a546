// Runs a kernel widget's job in the kernels Worker whenever its key changes, with progress, cancel and retry.
// Each widget owns its client (and so its Worker): a new job supersedes a pending one (the Worker is stopped
// and restarted, since a running kernel cannot be interrupted), and unmounting stops it. The last finished
// result stays available, with the input it was computed for, so that a widget keeps showing it while the
// next one runs or after a cancel.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobProgress } from '../../workers/kernelRuns/stages';
import { isWorkerCancelled, KernelsClient } from '../../workers/kernelsClient';
import type { JobRequest, JobResult, KernelJob } from '../../workers/kernelsProtocol';
import { useErrorText } from '../../ui/errorText';

export type JobState =
  | { status: 'idle' }
  | { status: 'running'; progress: JobProgress | null }
  | { status: 'done'; ms: number }
  | { status: 'cancelled' }
  | { status: 'error'; message: string };

/** A job: `key` names everything that changes its result; `input` is what the widget draws the result with. */
export interface KernelJobSpec<K extends KernelJob, I> {
  key: string;
  input: I;
  request: JobRequest<K>;
}

export interface Finished<K extends KernelJob, I> {
  key: string;
  input: I;
  value: JobResult<K>;
}

export interface KernelJobHandle<K extends KernelJob, I> {
  state: JobState;
  /** The last finished run (possibly of an earlier key: compare result.key with the job's). */
  result: Finished<K, I> | null;
  cancel(): void;
  retry(): void;
}

export function useKernelJob<K extends KernelJob, I>(
  kind: K,
  job: KernelJobSpec<K, I> | null,
): KernelJobHandle<K, I> {
  const client = useRef<KernelsClient | null>(null);
  const latest = useRef(job);
  latest.current = job;
  const [state, setState] = useState<JobState>({ status: 'idle' });
  const [result, setResult] = useState<Finished<K, I> | null>(null);
  const [attempt, setAttempt] = useState(0);
  const key = job?.key ?? null;
  const describeError = useErrorText();

  useEffect(() => () => client.current?.dispose(), []);
  useEffect(() => {
    const spec = latest.current;
    if (!spec) return;
    const c = (client.current ??= new KernelsClient());
    if (c.pendingCount > 0) c.cancel('superseded by a newer run');
    let live = true;
    const t0 = performance.now();
    setState({ status: 'running', progress: null });
    c.run(kind, spec.request, (progress) => live && setState({ status: 'running', progress }))
      .then((value) => {
        if (!live) return;
        setResult({ key: spec.key, input: spec.input, value });
        setState({ status: 'done', ms: performance.now() - t0 });
      })
      .catch((e: unknown) => {
        if (!live) return;
        setState(
          isWorkerCancelled(e) ? { status: 'cancelled' } : { status: 'error', message: describeError(e) },
        );
      });
    return () => {
      live = false;
    };
  }, [kind, key, attempt, describeError]);

  const cancel = useCallback(() => client.current?.cancel('cancelled by the reader'), []);
  const retry = useCallback(() => setAttempt((a) => a + 1), []);
  return { state, result, cancel, retry };
}
