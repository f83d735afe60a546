// Stepping through the pipeline: one rewrite at a time (the shared StepControls), one pass at a time (the
// two pass buttons), or straight to the end of any pass run (the runs table). The summary line says what
// the rewrite at the current position did.
import { useId } from 'react';
import { StepButton, StepControls, stepperKeys } from '../../ui/StepControls';
import type { Playback } from '../../ui/usePlayback';
import { formatNumber, useLang, useStrings } from '../../ui/i18n';
import type { OptimizeResult } from '../../workers/optimizerProtocol';
import { formatMs } from './format';
import { describeRewrite } from './rewriteText';
import { strings } from './strings';
import { nextStop, previousStop } from './timeline';

export function Timeline({
  timeline,
  playback,
  stops,
}: {
  timeline: OptimizeResult;
  playback: Playback;
  stops: number[];
}) {
  const t = useStrings(strings);
  const lang = useLang();
  const position = playback.step;
  const step = position > 0 ? timeline.steps[position - 1] : null;
  const total = timeline.steps.length;
  return (
    <div className="go-timeline" data-own-keys onKeyDown={stepperKeys(playback)} data-testid="timeline">
      {total === 0 ? (
        <p className="go-note">{t.noRewrites}</p>
      ) : (
        <>
          <StepControls
            playback={playback}
            positionText={(i) => (i === 0 ? t.atInput(total) : t.rewriteOf(i, total))}
          />
          <div className="go-pass-steps">
            <StepButton
              className="button"
              onClick={() => playback.setStep(previousStop(stops, position))}
              disabled={position === 0}
              aria-label={t.prevPassLabel}
              data-testid="prev-pass"
            >
              {t.prevPass}
            </StepButton>
            <StepButton
              className="button"
              onClick={() => playback.setStep(nextStop(stops, position))}
              disabled={position >= total}
              aria-label={t.nextPassLabel}
              data-testid="next-pass"
            >
              {t.nextPass}
            </StepButton>
            <p
              className="go-step-summary"
              aria-live="polite"
              data-testid="step-summary"
              data-position={position}
            >
              <strong>{position > 0 ? t.rewriteOf(position, total) : ''}</strong>{' '}
              {step ? (
                <>
                  {t.stepSummary(step.pass, step.iteration)}
                  <span>{describeRewrite(step.message, lang)}</span>
                </>
              ) : (
                t.start
              )}
            </p>
          </div>
        </>
      )}
    </div>
  );
}

/** Every pass run of every sweep, with its rewrites, time and the node count after it. */
export function RunsTable({
  timeline,
  position,
  onJump,
}: {
  timeline: OptimizeResult;
  position: number;
  onJump: (position: number) => void;
}) {
  const t = useStrings(strings);
  const lang = useLang();
  const id = useId();
  return (
    <details className="go-runs">
      <summary id={id}>{t.runsCaption}</summary>
      <div className="go-table-wrap" tabIndex={0} role="region" aria-labelledby={id}>
        <table className="go-table" data-testid="runs-table">
          <thead>
            <tr>
              <th scope="col">{t.colSweep}</th>
              <th scope="col">{t.colPass}</th>
              <th scope="col">{t.colRewrites}</th>
              <th scope="col">{t.colMs}</th>
              <th scope="col">{t.colNodesAfter}</th>
            </tr>
          </thead>
          <tbody>
            {timeline.runs.map((run, i) => (
              <tr key={i} className={run.rewrites === 0 ? 'go-idle' : position === run.end ? 'go-here' : ''}>
                <td>{formatNumber(lang, run.iteration)}</td>
                <th scope="row" className="go-op">
                  {run.rewrites > 0 ? (
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => onJump(run.end)}
                      aria-label={t.jump(run.pass)}
                    >
                      {run.pass}
                    </button>
                  ) : (
                    run.pass
                  )}
                </th>
                <td>{formatNumber(lang, run.rewrites)}</td>
                <td>{formatMs(lang, run.ms)}</td>
                <td>{formatNumber(lang, run.stats.nodes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
