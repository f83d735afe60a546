// Verify and download: runs the input and the shown graph in onnxruntime-web (verify.ts) and shows the
// largest output differences and the latencies measured; downloads the shown graph as an .onnx file.
import { useEffect, useId, useRef, useState } from 'react';
import type { Model } from '../../engine';
import { useLang, useStrings } from '../../ui/i18n';
import type { OptimizerClient } from '../../workers/optimizerClient';
import { OrtClient, isCancelled } from '../../workers/ortClient';
import { formatError, formatMs } from './format';
import { strings } from './strings';
import {
  CannotRunError,
  VERIFY_TOLERANCE,
  verifyModels,
  type VerifyResult,
  type VerifyStage,
} from './verify';
import { useErrorText } from '../../ui/errorText';

const RUNS = 20;

type Phase =
  | { kind: 'idle' }
  | { kind: 'busy'; stage: VerifyStage; fraction: number }
  | { kind: 'done'; result: VerifyResult }
  | { kind: 'cannot'; reason: string }
  | { kind: 'cancelled' }
  | { kind: 'error'; message: string };

export function VerifyPanel({
  optimizer,
  input,
  optimized,
  name,
  contribOps,
  blocked,
}: {
  optimizer: OptimizerClient;
  input: Model;
  optimized: Model;
  name: string;
  contribOps: boolean;
  /** Why onnxruntime-web cannot run the optimized graph, when known before trying (e.g. the NHWC layout). */
  blocked: string | null;
}) {
  const t = useStrings(strings);
  const lang = useLang();
  const describeError = useErrorText();
  const id = useId();
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const ort = useRef<OrtClient | null>(null);
  useEffect(() => () => ort.current?.dispose(), []);

  // A result belongs to the graphs it was measured on.
  const [measured, setMeasured] = useState({ input, optimized });
  if (measured.input !== input || measured.optimized !== optimized) {
    setMeasured({ input, optimized });
    if (phase.kind !== 'busy') setPhase({ kind: 'idle' });
  }

  const busy = phase.kind === 'busy';
  async function verify() {
    if (blocked) return setPhase({ kind: 'cannot', reason: blocked });
    const client = (ort.current ??= new OrtClient());
    setPhase({ kind: 'busy', stage: 'encode', fraction: 0 });
    try {
      const result = await verifyModels(optimizer, client, input, optimized, {
        runs: RUNS,
        onStage: (stage, done = 0, total = 1) => setPhase({ kind: 'busy', stage, fraction: done / total }),
      });
      setPhase({ kind: 'done', result });
    } catch (e) {
      if (isCancelled(e)) setPhase({ kind: 'cancelled' });
      else if (e instanceof CannotRunError) setPhase({ kind: 'cannot', reason: e.reason });
      else setPhase({ kind: 'error', message: describeError(e) });
    }
  }

  async function download() {
    setDownloadError(null);
    try {
      const bytes = await optimizer.encode(optimized);
      const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `${name.replace(/\.onnx$/i, '')}-optimized.onnx`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (e) {
      setDownloadError(describeError(e));
    }
  }

  const result = phase.kind === 'done' ? phase.result : null;
  return (
    <section className="go-verify" aria-labelledby={id} data-testid="verify" data-phase={phase.kind}>
      <h4 id={id}>{t.verifyTitle}</h4>
      <p className="go-note">{t.verifyIntro(RUNS)}</p>
      <div className="go-actions">
        <button
          type="button"
          className="button primary"
          onClick={() => void verify()}
          disabled={busy}
          data-testid="verify-button"
        >
          {t.verify}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => ort.current?.cancel(t.verifyCancelled)}
          disabled={!busy}
        >
          {t.cancel}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => void download()}
          disabled={!!blocked}
          aria-label={t.downloadLabel(contribOps)}
          data-testid="download"
        >
          {t.download}
        </button>
      </div>
      {busy && <progress max={1} value={phase.fraction} aria-label={t.progress} />}
      <p
        className={`go-message${phase.kind === 'error' || phase.kind === 'cannot' ? ' error' : ''}`}
        role="status"
        data-testid="verify-status"
      >
        {phase.kind === 'busy' && t.verifying(t.verifyStages[phase.stage])}
        {phase.kind === 'done' && t.verifyDone(phase.result.outputs.every((o) => o.ok))}
        {phase.kind === 'cannot' && t.cannotRun(phase.reason)}
        {phase.kind === 'cancelled' && t.verifyCancelled}
        {phase.kind === 'error' && t.verifyFailed(phase.message)}
        {blocked && phase.kind === 'idle' && t.cannotRun(blocked)}
      </p>
      {downloadError && (
        <p className="go-message error" role="alert">
          {t.downloadFailed(downloadError)}
        </p>
      )}
      {result && (
        <div className="go-verify-tables">
          <div className="go-table-wrap" tabIndex={0} role="region" aria-labelledby={`${id}-err`}>
            <table className="go-table" data-testid="errors-table">
              <caption id={`${id}-err`}>{t.errorsCaption}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.colOutput}</th>
                  <th scope="col">{t.colMaxAbs}</th>
                  <th scope="col">{t.colMaxRel}</th>
                  <th scope="col">{t.colTolerance}</th>
                </tr>
              </thead>
              <tbody>
                {result.outputs.map((o) => (
                  <tr key={o.name} data-output={o.name} data-max-abs={o.maxAbs} data-max-rel={o.maxRel}>
                    <th scope="row">{o.name}</th>
                    <td>{formatError(o.maxAbs)}</td>
                    <td>{formatError(o.maxRel)}</td>
                    <td>{o.ok ? t.yes : t.no}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="go-table-wrap" tabIndex={0} role="region" aria-labelledby={`${id}-lat`}>
            <table className="go-table" data-testid="latency-table">
              <caption id={`${id}-lat`}>{t.latencyCaption}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.colModel}</th>
                  <th scope="col">{t.colOrtOff}</th>
                  <th scope="col">{t.colOrtAll}</th>
                </tr>
              </thead>
              <tbody>
                {(['input', 'optimized'] as const).map((which) => (
                  <tr key={which} data-graph={which}>
                    <th scope="row">{which === 'input' ? t.rowInput : t.rowOptimized}</th>
                    <td data-level="disabled" data-ms={result.latency[which].disabled}>
                      {formatMs(lang, result.latency[which].disabled)}
                    </td>
                    <td data-level="all" data-ms={result.latency[which].all}>
                      {formatMs(lang, result.latency[which].all)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="go-note">{t.tolerance(String(VERIFY_TOLERANCE))}</p>
        </div>
      )}
    </section>
  );
}
