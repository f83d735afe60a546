// The stepper's text panels: what the current step did, the memory comparison with im2col, and the
// quantization parameters with the check against the integer reference.
import { requantizeSteps } from '../../engine';
import { formatNumber, useLang, useStrings } from '../../ui/i18n';
import type { IndirectRun, QuantView, Step } from '../../workers/kernelRuns/indirect';
import { strings } from './strings';

/** Rows of the per-channel table; a wide layer shows its first channels. */
const MAX_ROWS = 16;

export function StepReadout({ run, step }: { run: IndirectRun; step: Step }) {
  const t = useStrings(strings);
  const lang = useLang();
  const s = run.shape;
  if (step.kind === 'entry') {
    const e = step.data;
    return (
      <p className="ic-readout" data-testid="step-text" aria-live="polite">
        <strong>{t.entry(e.k, e.kh, e.kw, e.oh, e.ow)}</strong>{' '}
        {e.zero ? t.entryZero(e.ih, e.iw, e.offset) : t.entryPixel(e.ih, e.iw, s.c, e.offset)}
      </p>
    );
  }
  const px = step.data;
  const oh = Math.floor(px.p / s.ow);
  const ow = px.p % s.ow;
  const shown = Math.min(MAX_ROWS, px.values.length);
  const q = run.quant;
  const zy = q?.quant.y.zeroPoint ?? 0;
  return (
    <div className="ic-readout">
      <p data-testid="step-text" aria-live="polite">
        <strong>{t.pixel(oh, ow, s.kh * s.kw, s.cg, s.kh * s.kw * s.cg)}</strong>
      </p>
      <div
        className="widget-table-wrap ic-table-wrap"
        tabIndex={0}
        role="region"
        aria-label={t.valuesCaption(shown, px.values.length)}
      >
        <table className="widget-table ic-table" data-testid="pixel-table">
          <caption>{t.valuesCaption(shown, px.values.length)}</caption>
          <thead>
            <tr>
              <th scope="col">{t.colChannel}</th>
              {q ? (
                <>
                  <th scope="col">{t.colAcc}</th>
                  <th scope="col">{t.colMultiplier}</th>
                  <th scope="col">{t.colScaled}</th>
                  <th scope="col">{t.colShifted}</th>
                  <th scope="col">{t.colOutput}</th>
                  <th scope="col">{t.colReference}</th>
                </>
              ) : (
                <th scope="col">{t.colValue}</th>
              )}
            </tr>
          </thead>
          <tbody>
            {px.values.slice(0, shown).map((v, m) => {
              if (!q || !px.acc) {
                return (
                  <tr key={m}>
                    <th scope="row">{m}</th>
                    <td>{formatNumber(lang, v, 4)}</td>
                  </tr>
                );
              }
              const steps = requantizeSteps(px.acc[m], q.multipliers[m], zy, 'uint8');
              const reference = px.reference?.[m];
              return (
                <tr key={m} data-channel={m}>
                  <th scope="row">{m}</th>
                  <td>{formatNumber(lang, px.acc[m])}</td>
                  <td>{q.multipliers[m].toExponential(3)}</td>
                  <td>{formatNumber(lang, steps.scaled, 3)}</td>
                  <td>{formatNumber(lang, steps.shifted)}</td>
                  <td data-col="y">{v}</td>
                  <td data-col="reference" className={reference === v ? 'ok' : 'bad'}>
                    {reference} {reference === v ? '✓' : '✗'}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export function MemoryPanel({ run }: { run: IndirectRun }) {
  const t = useStrings(strings);
  const lang = useLang();
  const { indirection, im2col, zero, elementBytes } = run.memory;
  const im2colBytes = im2col.elements * elementBytes;
  const max = Math.max(indirection.bytes, im2colBytes, zero.bytes);
  const bar = (name: string, count: string, bytes: number, kind: string) => (
    <div className={`ic-bar ${kind}`} data-kind={kind} data-bytes={bytes}>
      <span className="ic-bar-name">{name}</span>
      <span className="ic-bar-track">
        <span className="ic-bar-fill" style={{ width: `${Math.max(0.4, (bytes / max) * 100)}%` }} />
      </span>
      <span className="ic-bar-value">
        {count} · {t.bytes(formatNumber(lang, bytes))}
      </span>
    </div>
  );
  const ratio = im2col.elements / indirection.elements;
  return (
    <div className="ic-memory" data-testid="memory">
      <p className="ic-panel-title">{t.memoryTitle}</p>
      {bar(
        t.indirection,
        t.entries(formatNumber(lang, indirection.elements)),
        indirection.bytes,
        'indirection',
      )}
      {bar(t.im2col, t.elements(formatNumber(lang, im2col.elements)), im2colBytes, 'im2col')}
      {bar(t.zeroVector, t.elements(formatNumber(lang, zero.elements)), zero.bytes, 'zero')}
      <p className="ic-note" data-testid="memory-ratio" data-ratio={ratio}>
        {t.ratio(formatNumber(lang, ratio, ratio % 1 ? 2 : 0), run.shape.cg)}
      </p>
      <p className="ic-note">
        {t.pointerNote}
        {elementBytes === 1 && <> {t.uint8Bytes}</>}
      </p>
    </div>
  );
}

export function QuantPanel({ quant }: { quant: QuantView }) {
  const t = useStrings(strings);
  const lang = useLang();
  const { x, w, y } = quant.quant;
  const scales = w.scale as number[];
  const all = quant.equal === quant.total;
  const n = (v: number) => v.toPrecision(4);
  return (
    <div className="ic-quant" data-testid="quant">
      <p className="ic-panel-title">{t.quantTitle}</p>
      <ul>
        <li>{t.quantInput(n(x.scale), x.zeroPoint)}</li>
        <li>{t.quantWeights(n(Math.min(...scales)), n(Math.max(...scales)), scales.length)}</li>
        <li>{t.quantBias}</li>
        <li>{t.quantOutput(n(y.scale), y.zeroPoint)}</li>
      </ul>
      <p
        className={all ? 'ic-agree ok' : 'ic-agree bad'}
        data-testid="agreement"
        data-equal={quant.equal}
        data-total={quant.total}
      >
        {(all ? t.agree : t.disagree)(formatNumber(lang, quant.equal), formatNumber(lang, quant.total))}
      </p>
    </div>
  );
}
