// <FloatVsInt8 model="digits-cnn" />: a float model and its int8 twin, side by side. The engine quantizes
// the model in a Worker (calibrating with onnxruntime-web), then onnxruntime-web runs both: accuracy,
// confusion matrices, disagreements, size, latency at batch 1 and 32, per-layer SQNR on the graph.
import { useEffect, useState } from 'react';
import { CALIBRATION_METHODS, type CalibrationMethod } from '../../engine';
import { formatNumber, useLang, useStrings } from '../../ui/i18n';
import type { LabProgress } from './lab';
import { Results } from './Results';
import { strings } from './strings';
import { MAX_FILE_MB, useLab, type LabPhase } from './useLab';
import { WidgetFrame } from '../../ui/WidgetFrame';
import { StartCancel } from '../../ui/StartCancel';
import { NumberSelect } from '../../ui/NumberSelect';
import '../../ui/widget.css';
import './FloatVsInt8.css';

export const LAB_MODELS = ['digits-cnn', 'digits-mobilenet', 'mobilenetv2-224'] as const;
const OWN = 'own';
const RUN_CHOICES = [3, 5, 10, 20, 50];

export interface FloatVsInt8Props {
  model?: (typeof LAB_MODELS)[number];
  method?: CalibrationMethod;
  runs?: number;
}

/** Which of the three steps (quantize, evaluate, time) a progress report belongs to, and its fraction. */
function stepOf(p: LabProgress): { step: number; fraction: number } {
  if (p.phase === 'open') return { step: 0, fraction: 0 };
  if (p.phase === 'quantize') {
    const share = { calibrate: [0, 0.6], rewrite: [0.6, 0.7], analyze: [0.7, 1] }[p.stage];
    return { step: 0, fraction: share[0] + ((share[1] - share[0]) * p.done) / Math.max(1, p.total) };
  }
  if (p.stage === 'latency') return { step: 2, fraction: p.done / p.total };
  return { step: 1, fraction: p.stage === 'load' ? 0.2 : p.variant === 'float' ? 0.5 : 0.8 };
}

export default function FloatVsInt8({
  model = 'digits-cnn',
  method: initialMethod = 'minmax',
  runs: initialRuns,
}: FloatVsInt8Props) {
  const t = useStrings(strings);
  const lang = useLang();
  const { phase, run, start, cancel } = useLab();
  const [choice, setChoice] = useState<string>(model);
  const [file, setFile] = useState<File | null>(null);
  const [method, setMethod] = useState<CalibrationMethod>(initialMethod);
  const [perChannel, setPerChannel] = useState(true);
  const [runs, setRuns] = useState(initialRuns ?? (model === 'mobilenetv2-224' ? 3 : 20));
  const [download, setDownload] = useState<string | null>(null);
  const busy = phase.kind === 'loading' || phase.kind === 'running';

  useEffect(() => {
    if (!run) return setDownload(null);
    const url = URL.createObjectURL(new Blob([run.int8], { type: 'application/octet-stream' }));
    setDownload(url);
    return () => URL.revokeObjectURL(url);
  }, [run]);

  function go() {
    if (busy || (choice === OWN && !file)) return;
    void start(choice === OWN ? { kind: 'file', file: file! } : { kind: 'zoo', id: choice }, {
      method,
      perChannel,
      runs,
    });
  }

  const step = phase.kind === 'running' ? stepOf(phase.progress) : null;
  const fileName = (run?.label ?? 'model').replace(/\.onnx$/i, '');
  return (
    <WidgetFrame
      kind="float-int8"
      title={t.title}
      subtitle={t.subtitle}
      data-testid="float-vs-int8"
      data-phase={phase.kind}
    >
      <div className="widget-controls">
        <label className="widget-field">
          <span className="widget-label">{t.model}</span>
          <select
            value={choice}
            disabled={busy}
            onChange={(e) => setChoice(e.target.value)}
            data-testid="fv-model"
          >
            {LAB_MODELS.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
            <option value={OWN}>{t.ownModel}</option>
          </select>
        </label>
        {choice === OWN && (
          <label className="widget-field">
            <span className="widget-label">{t.chooseFile}</span>
            <input
              type="file"
              accept=".onnx,application/octet-stream"
              disabled={busy}
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              data-testid="fv-file"
            />
          </label>
        )}
        <label className="widget-field">
          <span className="widget-label">{t.method}</span>
          <select
            value={method}
            disabled={busy}
            onChange={(e) => setMethod(e.target.value as CalibrationMethod)}
            data-testid="fv-method"
          >
            {CALIBRATION_METHODS.map((m) => (
              <option key={m} value={m}>
                {t.methods[m]}
              </option>
            ))}
          </select>
        </label>
        <label className="widget-field">
          <span className="widget-label">{t.runs}</span>
          <NumberSelect
            value={runs}
            choices={RUN_CHOICES}
            disabled={busy}
            onChange={setRuns}
            data-testid="fv-runs"
          />
        </label>
        <label className="widget-field widget-check fv-check">
          <input
            type="checkbox"
            checked={perChannel}
            disabled={busy}
            onChange={(e) => setPerChannel(e.target.checked)}
          />
          <span>{t.perChannel}</span>
        </label>
        <div className="widget-actions">
          <StartCancel
            busy={busy}
            canStart={choice !== OWN || !!file}
            startLabel={run ? t.again : t.start}
            cancelLabel={t.cancel}
            onStart={go}
            onCancel={cancel}
            startTestId="fv-start"
            cancelTestId="fv-cancel"
          />
          {download && (
            <a
              className="button"
              href={download}
              download={`${fileName}-int8-${run!.options.method}.onnx`}
              data-testid="fv-download"
            >
              {t.download}
            </a>
          )}
        </div>
      </div>

      <div className="fv-status">
        <ol className="fv-steps" aria-hidden="true">
          {t.steps.map((s, k) => (
            <li
              key={s}
              className={
                step?.step === k
                  ? 'current'
                  : step && step.step > k
                    ? 'past'
                    : phase.kind === 'done'
                      ? 'past'
                      : ''
              }
            >
              {s}
            </li>
          ))}
        </ol>
        <progress
          max={1}
          value={step ? step.fraction : phase.kind === 'done' ? 1 : 0}
          aria-label={t.progress}
          className="widget-progress"
        />
        <p
          className={phase.kind === 'error' ? 'widget-message error' : 'widget-message'}
          role="status"
          data-testid="fv-status"
        >
          {statusText(phase, run, t, lang, choice === OWN && !file)}
        </p>
      </div>

      {run && phase.kind === 'done' && <Results run={run} />}
      <p className="widget-caption">{t.caption}</p>
    </WidgetFrame>
  );
}

function statusText(
  phase: LabPhase,
  run: ReturnType<typeof useLab>['run'],
  t: (typeof strings)['en'],
  lang: ReturnType<typeof useLang>,
  noFile: boolean,
): string {
  switch (phase.kind) {
    case 'idle':
      return noFile ? t.noFile : t.idle;
    case 'loading':
      return t.loading;
    case 'cancelled':
      return t.cancelled;
    case 'done':
      return t.done(formatNumber(lang, (run?.quantizeMs ?? 0) / 1000, 2));
    case 'error':
      if (phase.tooBigMb !== undefined) return t.tooBig(phase.tooBigMb, MAX_FILE_MB);
      return phase.badFile ? t.badFile(phase.message) : t.failed(phase.message);
    case 'running': {
      const p = phase.progress;
      const variant = (v: 'float' | 'int8') => (v === 'float' ? t.float : t.int8);
      if (p.phase === 'open') return t.open;
      if (p.phase === 'quantize') return t.stage[p.stage](p.done, p.total);
      if (p.stage === 'load') return t.compareLoad(variant(p.variant));
      if (p.stage === 'evaluate') return t.evaluate(variant(p.variant), p.images);
      return t.latency(variant(p.variant), p.batch, p.done, p.total);
    }
  }
}
