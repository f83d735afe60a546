// The status line of a kernel widget's run in the Worker: progress with Cancel while it runs, how long the
// whole layer took when done, Run again after a cancel or a failure. It keeps its place (one line), so that the
// widget does not jump as runs start and finish.
import type { ReactNode } from 'react';
import type { KernelJob } from '../../workers/kernelsProtocol';
import { formatNumber, useLang, useStrings } from '../../ui/i18n';
import { jobStrings } from './strings';
import type { Finished, JobState, KernelJobHandle } from './useKernelJob';

export function JobStatus({
  state,
  hasResult,
  onCancel,
  onRetry,
}: {
  state: JobState;
  /** Whether an earlier run is still on screen (said after a cancel or a failure). */
  hasResult: boolean;
  onCancel(): void;
  onRetry(): void;
}) {
  const t = useStrings(jobStrings);
  const lang = useLang();
  const running = state.status === 'running';
  const stopped = state.status === 'cancelled' || state.status === 'error';
  if (state.status === 'idle') return null;
  const progress = state.status === 'running' ? state.progress : null;
  return (
    <div className={`kj-status ${state.status}`} data-testid="job-status" data-status={state.status}>
      {running && <span className="lp-spinner" aria-hidden="true" />}
      <p role={state.status === 'error' ? 'alert' : 'status'} className="kj-message">
        {state.status === 'running' && (
          <>
            {t.running}
            {progress && progress.total > 1 && (
              <> ({t.stage(progress.done + 1, progress.total, t.stages[progress.key] ?? progress.key)})</>
            )}
          </>
        )}
        {state.status === 'done' && t.done(formatNumber(lang, state.ms, state.ms < 10 ? 1 : 0))}
        {state.status === 'cancelled' && `${t.cancelled} ${hasResult ? t.showingPrevious : ''}`}
        {state.status === 'error' && `${t.failed(state.message)} ${hasResult ? t.showingPrevious : ''}`}
      </p>
      {running && (
        <progress
          max={progress?.total ?? 1}
          value={progress ? progress.done : undefined}
          aria-label={t.progress}
        />
      )}
      {/* One button that turns from Cancel into Run again, so that keyboard focus stays on it. */}
      {(running || stopped) && (
        <button
          type="button"
          className="button"
          onClick={running ? onCancel : onRetry}
          data-testid={running ? 'job-cancel' : 'job-retry'}
        >
          {running ? t.cancel : t.retry}
        </button>
      )}
    </div>
  );
}

/**
 * A kernel widget's run area: the status line, then what `children` draws of the last finished run — dimmed
 * while a newer one computes — or `waiting` before the first.
 */
export function JobView<K extends KernelJob, I>({
  handle,
  currentKey,
  waiting,
  children,
}: {
  handle: KernelJobHandle<K, I>;
  /** The key of the job the widget wants now; a result of another key is stale. */
  currentKey: string | null;
  waiting: ReactNode;
  children(result: Finished<K, I>): ReactNode;
}) {
  const t = useStrings(jobStrings);
  const { state, result } = handle;
  const stale = result !== null && result.key !== currentKey;
  return (
    <>
      <JobStatus state={state} hasResult={result !== null} onCancel={handle.cancel} onRetry={handle.retry} />
      {result ? (
        <div
          className={stale ? 'kj-stale' : undefined}
          aria-busy={stale && state.status === 'running'}
          data-testid="job-result"
          data-stale={stale}
          title={stale ? t.stale : undefined}
        >
          {children(result)}
        </div>
      ) : (
        state.status !== 'cancelled' && state.status !== 'error' && waiting
      )}
    </>
  );
}
