// <Int8LayerKinds />: why int8 is slower on MobileNets in onnxruntime-web, measured live. Four chains of one
// kind of convolution layer (the engine's LAYER_KINDS) are quantized in a Worker and timed float vs int8
// by onnxruntime-web; the table and the chart show int8 ÷ float time per kind.
import { useState, type CSSProperties } from 'react';
import { channelPath, layerKind, reductionLength, type LayerKind } from '../../engine';
import { formatNumber, useLang, useStrings, type Lang } from '../../ui/i18n';
import { axisLimit, isNoisy, ratioBar, ticks } from './chart';
import type { KindTiming, LayerKindsResult } from './measure';
import { strings } from './strings';
import { useLayerKinds, type LayerKindsPhase } from './useLayerKinds';
import { WidgetFrame } from '../../ui/WidgetFrame';
import { StartCancel } from '../../ui/StartCancel';
import { NumberSelect } from '../../ui/NumberSelect';
import '../../ui/widget.css';
import './Int8LayerKinds.css';

const BATCHES = [1, 8];
const ROUNDS = [3, 5, 10];

type Strings = (typeof strings)['en'];

const formatMs = (lang: Lang, ms: number) => formatNumber(lang, ms, ms < 10 ? 2 : ms < 100 ? 1 : 0);
const kindName = (t: Strings, k: LayerKind) => t.name(t.kinds[k.kind], channelPath(k), k.size);
const shortName = (t: Strings, k: LayerKind) => t.short(t.kinds[k.kind], channelPath(k));

export default function Int8LayerKinds() {
  const t = useStrings(strings);
  const { phase, result, start, cancel } = useLayerKinds();
  const [batch, setBatch] = useState(1);
  const [rounds, setRounds] = useState(5);
  const busy = phase.kind === 'running';

  const p = phase.kind === 'running' ? phase.progress : null;
  const fraction = p
    ? (p.index +
        (p.stage === 'time' && p.total ? 0.3 + (0.7 * p.done) / p.total : p.stage === 'load' ? 0.2 : 0)) /
      p.count
    : phase.kind === 'done'
      ? 1
      : 0;

  return (
    <WidgetFrame
      kind="int8-kinds"
      title={t.title}
      subtitle={t.subtitle}
      data-testid="int8-layer-kinds"
      data-phase={phase.kind}
    >
      <div className="widget-controls">
        <label className="widget-field">
          <span className="widget-label">{t.batch}</span>
          <NumberSelect
            value={batch}
            choices={BATCHES}
            disabled={busy}
            onChange={setBatch}
            data-testid="lk-batch"
          />
        </label>
        <label className="widget-field">
          <span className="widget-label">{t.rounds}</span>
          <NumberSelect
            value={rounds}
            choices={ROUNDS}
            disabled={busy}
            onChange={setRounds}
            data-testid="lk-rounds"
          />
        </label>
        <div className="widget-actions">
          <StartCancel
            busy={busy}
            startLabel={result ? t.again : t.start}
            cancelLabel={t.cancel}
            onStart={() => void start({ batch, rounds })}
            onCancel={cancel}
            startTestId="lk-start"
            cancelTestId="lk-cancel"
          />
        </div>
      </div>

      <progress max={1} value={fraction} aria-label={t.progress} className="widget-progress" />
      <p
        className={phase.kind === 'error' ? 'widget-message error' : 'widget-message'}
        role="status"
        data-testid="lk-status"
      >
        {statusText(phase, t)}
      </p>

      {result && phase.kind === 'done' && <Results result={result} />}
      <p className="widget-caption">{t.note}</p>
    </WidgetFrame>
  );
}

function statusText(phase: LayerKindsPhase, t: Strings): string {
  switch (phase.kind) {
    case 'idle':
      return t.idle;
    case 'done':
      return t.done;
    case 'cancelled':
      return t.cancelled;
    case 'error':
      return t.failed(phase.message);
    case 'running': {
      const p = phase.progress;
      if (!p) return t.stage.quantize;
      const kind = t.kinds[layerKind(p.kind).kind];
      return t.running(kind, p.index, p.count, t.stage[p.stage], p.done, p.total);
    }
  }
}

function Results({ result }: { result: LayerKindsResult }) {
  const t = useStrings(strings);
  const lang = useLang();
  const limit = axisLimit(result.kinds.map((k) => k.ratio));
  const ratio = (r: number) => t.ratio(formatNumber(lang, r, 2));
  const noisy = result.kinds.filter((k) => isNoisy(k.roundRatios));
  return (
    <div className="lk-results" data-testid="lk-results">
      <div className="widget-table-wrap" tabIndex={0} role="region" aria-label={t.caption(result.batch)}>
        <table className="widget-table" data-testid="lk-table">
          <caption>{t.caption(result.batch)}</caption>
          <thead>
            <tr>
              <th scope="col">{t.colKind}</th>
              <th scope="col">{t.colProducts}</th>
              <th scope="col">{t.colFloat}</th>
              <th scope="col">{t.colInt8}</th>
              <th scope="col">{t.colRatio}</th>
              <th scope="col">{t.colRounds}</th>
            </tr>
          </thead>
          <tbody>
            {result.kinds.map((k) => (
              <tr key={k.kind.id} data-kind={k.kind.id} data-ratio={k.ratio}>
                <th scope="row">
                  {kindName(t, k.kind)}
                  <span className="lk-where">{t.where[k.kind.id]}</span>
                </th>
                <td>{[...new Set(k.kind.layers.map(reductionLength))].join(' / ')}</td>
                <td data-value={k.float.median}>{t.ms(formatMs(lang, k.float.median))}</td>
                <td data-value={k.int8.median}>{t.ms(formatMs(lang, k.int8.median))}</td>
                <td className={`lk-ratio ${ratioBar(k.ratio, limit).outcome}`}>{ratio(k.ratio)}</td>
                <td className="lk-rounds">
                  {k.roundRatios.map((r) => formatNumber(lang, r, 2)).join(' · ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <Chart kinds={result.kinds} limit={limit} />

      <ul className="lk-verdicts">
        {result.kinds.map((k) => {
          const outcome = ratioBar(k.ratio, limit).outcome;
          return (
            <li key={k.kind.id} data-testid={`lk-verdict-${k.kind.id}`} data-outcome={outcome}>
              {t.verdict[outcome](kindName(t, k.kind), ratio(k.ratio))}
            </li>
          );
        })}
      </ul>
      {noisy.length > 0 && (
        <p className="lk-note" data-testid="lk-noisy">
          {t.noisy(noisy.map((k) => shortName(t, k.kind)).join(lang === 'zh' ? '、' : ', '))}
        </p>
      )}
      <p className="lk-note">{t.threads(result.threads, result.crossOriginIsolated)}</p>
    </div>
  );
}

function Chart({ kinds, limit }: { kinds: KindTiming[]; limit: number }) {
  const t = useStrings(strings);
  const lang = useLang();
  return (
    <figure className="lk-chart" aria-label={t.chartLabel} role="img">
      {kinds.map((k) => {
        const bar = ratioBar(k.ratio, limit);
        const style = {
          '--left': `${100 * bar.left}%`,
          '--width': `${100 * (bar.right - bar.left)}%`,
        } as CSSProperties;
        return (
          <div key={k.kind.id} className="lk-chart-row">
            <span className="lk-chart-label">{shortName(t, k.kind)}</span>
            <span className="lk-track">
              <span className={`lk-bar ${bar.outcome}`} style={style} />
            </span>
            <span className="lk-chart-value">{formatNumber(lang, k.ratio, 2)}×</span>
          </div>
        );
      })}
      <div className="lk-chart-row lk-axis" aria-hidden="true">
        <span className="lk-chart-label" />
        <span className="lk-track">
          {ticks(limit).map((tick, i, all) => (
            <span
              key={tick}
              className={tick === 1 || i === 0 || i === all.length - 1 ? 'lk-tick major' : 'lk-tick'}
              style={{ left: `${(100 * i) / (all.length - 1)}%` }}
            >
              {tick >= 1 ? `${tick}×` : `1/${1 / tick}`}
            </span>
          ))}
        </span>
        <span className="lk-chart-value" />
      </div>
      <figcaption className="lk-legend">
        <span className="lk-swatch faster" /> {t.faster} <span className="lk-swatch slower" /> {t.slower}
      </figcaption>
    </figure>
  );
}
