// <QuantExplorer model="digits-cnn" />: one real tensor of a zoo model — a layer's weights, or its
// activations on the calibration images — quantized by the engine under every calibration method, with
// the bits, mapping, per-tensor/per-channel and percentile as controls. The widget only draws what the
// engine computed in the quantization worker.
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { CALIBRATION_METHODS, isPerChannel, type CalibrationMethod, type QuantTarget } from '../../engine';
import { formatNumber, useLang, useStrings } from '../../ui/i18n';
import { useElementWidth } from '../../ui/useElementWidth';
import { QuantClient } from '../../workers/quantClient';
import type { ExploreSettings } from '../../workers/quantProtocol';
import { explorerChart, methodCurve, paramsOf } from './chart';
import { drawChannels, drawCurve, drawErrors, drawHistogram } from './draw';
import { formatSig } from './format';
import { targetLabel } from './labels';
import { strings } from './strings';
import { useExploration, useOpenedModel, type ExploreResult } from './useExploration';
import { WidgetFrame } from '../../ui/WidgetFrame';
import '../../ui/widget.css';
import './QuantExplorer.css';

export const EXPLORER_MODELS = ['digits-cnn', 'digits-mobilenet'] as const;
const PERCENTILES = [99, 99.9, 99.99, 99.999];

export interface QuantExplorerProps {
  model?: (typeof EXPLORER_MODELS)[number];
  /** A value name to show first (a weight initializer or an activation); default: the largest Conv weight. */
  tensor?: string;
  bits?: number;
}

/** The first tensor to show: the one asked for, else the Conv weight with the most values. */
function defaultTarget(targets: QuantTarget[], wanted?: string): string {
  if (wanted && targets.some((t) => t.value === wanted)) return wanted;
  const size = (t: QuantTarget) => (t.dims ?? []).reduce((a, b) => a * b, 1);
  const convs = targets.filter((t) => t.kind === 'weight' && t.opType === 'Conv');
  return (convs.sort((a, b) => size(b) - size(a))[0] ?? targets[0]).value;
}

export default function QuantExplorer({
  model: initialModel = 'digits-cnn',
  tensor,
  bits = 8,
}: QuantExplorerProps) {
  const t = useStrings(strings);
  const lang = useLang();
  const id = useId();
  const [client] = useState(() => new QuantClient());
  useEffect(() => () => client.dispose(), [client]);

  const [modelId, setModelId] = useState<string>(initialModel);
  const load = useOpenedModel(client, modelId);
  const opened = load.kind === 'ready' ? load.opened : null;
  const [value, setValue] = useState<string | null>(null);
  const [settings, setSettings] = useState<ExploreSettings>({
    bits,
    symmetric: true,
    perChannel: false,
    percentile: 99.99,
  });
  const [method, setMethod] = useState<CalibrationMethod>('minmax');
  const [channel, setChannel] = useState(0);
  const [logY, setLogY] = useState(true);

  useEffect(() => {
    if (opened)
      setValue((v) =>
        v && opened.targets.some((x) => x.value === v) ? v : defaultTarget(opened.targets, tensor),
      );
  }, [opened, tensor]);

  const target = opened?.targets.find((x) => x.value === value) ?? null;
  const request = useMemo(() => (value ? { value, settings } : null), [value, settings]);
  const { result, busy, error } = useExploration(client, opened, request);
  const update = (patch: Partial<ExploreSettings>) => setSettings((s) => ({ ...s, ...patch }));
  const channels = result && result.exploration.results[0].choices.length;

  const status =
    load.kind === 'loading'
      ? t.loading
      : load.kind === 'error'
        ? t.failed(load.message)
        : error
          ? t.failed(error)
          : busy || !result
            ? t.computing
            : t.ready(formatNumber(lang, result.ms, 0));

  return (
    <WidgetFrame
      kind="quant-explorer"
      title={t.title}
      subtitle={
        result && target
          ? t.subtitle(modelId, targetLabel(target), formatNumber(lang, result.exploration.count))
          : modelId
      }
      data-testid="quant-explorer"
      aria-busy={busy || load.kind === 'loading'}
    >
      <div className="widget-controls qe-controls">
        <label className="widget-field">
          <span className="widget-label">{t.model}</span>
          <select value={modelId} onChange={(e) => setModelId(e.target.value)} data-testid="qe-model">
            {EXPLORER_MODELS.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
        <label className="widget-field qe-tensor">
          <span className="widget-label">{t.tensor}</span>
          <select
            value={value ?? ''}
            disabled={!opened}
            onChange={(e) => setValue(e.target.value)}
            data-testid="qe-tensor"
          >
            {opened && (
              <>
                <optgroup label={t.weights}>
                  {opened.targets
                    .filter((x) => x.kind === 'weight')
                    .map((x) => (
                      <option key={x.value} value={x.value}>
                        {targetLabel(x)}
                      </option>
                    ))}
                </optgroup>
                <optgroup label={t.activations}>
                  {opened.targets
                    .filter((x) => x.kind === 'activation')
                    .map((x) => (
                      <option key={x.value} value={x.value}>
                        {`${targetLabel(x)} ${t.output}`}
                      </option>
                    ))}
                </optgroup>
              </>
            )}
          </select>
        </label>
        <label className="widget-field qe-bits">
          <span className="widget-label">
            {t.bits}: <strong data-testid="qe-bits-value">{settings.bits}</strong> (
            {t.levels(2 ** settings.bits)})
          </span>
          <input
            type="range"
            min={2}
            max={8}
            step={1}
            value={settings.bits}
            onChange={(e) => update({ bits: Number(e.target.value) })}
            data-testid="qe-bits"
          />
        </label>
        <fieldset className="widget-field">
          <legend className="widget-label">{t.mapping}</legend>
          <Radio
            name={`${id}-map`}
            checked={settings.symmetric}
            onChange={() => update({ symmetric: true })}
            label={t.symmetric}
          />
          <Radio
            name={`${id}-map`}
            checked={!settings.symmetric}
            onChange={() => update({ symmetric: false })}
            label={t.asymmetric}
          />
        </fieldset>
        <fieldset className="widget-field" disabled={target?.kind !== 'weight'}>
          <legend className="widget-label">{t.granularity}</legend>
          <Radio
            name={`${id}-gran`}
            checked={!settings.perChannel}
            onChange={() => update({ perChannel: false })}
            label={t.perTensor}
          />
          <Radio
            name={`${id}-gran`}
            checked={settings.perChannel}
            onChange={() => update({ perChannel: true })}
            label={t.perChannel}
          />
          {target?.kind === 'activation' && <span className="qe-hint">{t.perChannelWeightsOnly}</span>}
        </fieldset>
        <fieldset className="widget-field qe-methods">
          <legend className="widget-label">{t.method}</legend>
          {CALIBRATION_METHODS.map((m) => (
            <Radio
              key={m}
              name={`${id}-method`}
              checked={method === m}
              onChange={() => setMethod(m)}
              label={t.methods[m]}
              className={`qe-swatch qe-m-${m}`}
            />
          ))}
        </fieldset>
        <label className="widget-field">
          <span className="widget-label">{t.percentile}</span>
          <select
            value={settings.percentile}
            onChange={(e) => update({ percentile: Number(e.target.value) })}
          >
            {PERCENTILES.map((p) => (
              <option key={p} value={p}>
                {formatNumber(lang, p, 3).replace(/0+$/, '').replace(/[.,]$/, '')} %
              </option>
            ))}
          </select>
        </label>
        <label className="widget-field widget-check qe-check">
          <input type="checkbox" checked={logY} onChange={(e) => setLogY(e.target.checked)} />
          <span>{t.logScale}</span>
        </label>
        {channels !== null && channels > 1 && (
          <label className="widget-field">
            <span className="widget-label">
              {t.channel}: {t.channelOf(Math.min(channel, channels - 1), channels)}
            </span>
            <input
              type="range"
              min={0}
              max={channels - 1}
              value={Math.min(channel, channels - 1)}
              onChange={(e) => setChannel(Number(e.target.value))}
              data-testid="qe-channel"
            />
          </label>
        )}
      </div>

      <p
        className={load.kind === 'error' || error ? 'qe-status error' : 'qe-status'}
        role="status"
        data-testid="qe-status"
      >
        {status}
      </p>

      {result && (
        <Panels
          result={result}
          method={method}
          channel={Math.min(channel, (channels ?? 1) - 1)}
          logY={logY}
        />
      )}
      <p className="widget-caption">{t.caption}</p>
    </WidgetFrame>
  );
}

function Radio(props: {
  name: string;
  checked: boolean;
  onChange(): void;
  label: string;
  className?: string;
}) {
  return (
    <label className={`qe-radio ${props.className ?? ''}`}>
      <input type="radio" name={props.name} checked={props.checked} onChange={props.onChange} />
      <span>{props.label}</span>
    </label>
  );
}

function Panels({
  result,
  method,
  channel,
  logY,
}: {
  result: ExploreResult;
  method: CalibrationMethod;
  channel: number;
  logY: boolean;
}) {
  const t = useStrings(strings);
  const lang = useLang();
  const box = useRef<HTMLDivElement>(null);
  const width = useElementWidth(box);
  const histogram = useRef<SVGSVGElement>(null);
  const errors = useRef<SVGSVGElement>(null);
  const channelsSvg = useRef<SVGSVGElement>(null);
  const curveSvg = useRef<SVGSVGElement>(null);
  const { exploration } = result;
  const chart = useMemo(() => explorerChart(exploration, method, channel), [exploration, method, channel]);
  const shown = exploration.results.find((r) => r.method === method)!;
  const curve = useMemo(() => methodCurve(shown, channel), [shown, channel]);
  const scale = parseFloat(getComputedStyle(document.documentElement).fontSize) / 16 || 1;
  const fmt = (v: number) => formatSig(lang, v);
  const thresholds = chart.thresholds.find((x) => x.method === method)!;

  useEffect(() => {
    if (!width) return;
    if (histogram.current)
      drawHistogram(histogram.current, {
        width,
        height: Math.round(260 * scale),
        scale,
        chart,
        selected: method,
        logY,
        xLabel: t.xAxis,
        yLabel: t.yAxis,
        rangeLabel: t.floatRange,
        formatX: (v) => formatSig(lang, v, 2),
      });
    if (errors.current)
      drawErrors(errors.current, {
        width,
        height: Math.round(120 * scale),
        scale,
        selected: method,
        rows: exploration.results.map((r) => ({
          method: r.method,
          label: t.methods[r.method],
          rounding: r.error.rounding.mse,
          clipping: r.error.clipping.mse,
          note: t.sqnrNote(formatSig(lang, r.sqnrDb, 3)),
        })),
      });
    if (curveSvg.current && curve)
      drawCurve(curveSvg.current, {
        width,
        height: Math.round(170 * scale),
        scale,
        curve,
        xLabel: t.curveX,
        yLabel: t.curveY[curve.method],
        formatX: (v) => formatSig(lang, v, 2),
      });
    if (channelsSvg.current && chart.channelRanges)
      drawChannels(channelsSvg.current, {
        width,
        height: Math.min(180, Math.max(40, chart.channelRanges.length * 5)) * scale,
        scale,
        chart,
        channel,
        method,
      });
  });

  return (
    <div className="qe-panels" ref={box}>
      <p className="qe-panel-title">{t.histogramTitle}</p>
      <svg
        ref={histogram}
        role="img"
        aria-label={t.histogramAlt(
          t.methods[method],
          fmt(thresholds.min),
          fmt(thresholds.max),
          chart.levels.length,
        )}
        data-testid="qe-histogram"
      />
      <ul className="qe-legend">
        {CALIBRATION_METHODS.map((m) => (
          <li key={m} className={`qe-swatch qe-m-${m}`}>
            {t.methods[m]}
          </li>
        ))}
        <li className="qe-swatch-grid">{t.legendGrid}</li>
        <li className="qe-swatch-clip">{t.clipped}</li>
      </ul>
      {curve && (
        <>
          <p className="qe-panel-title">{t.curveTitle[curve.method]}</p>
          <svg
            ref={curveSvg}
            role="img"
            aria-label={t.curveAlt(t.methods[curve.method])}
            data-testid="qe-curve"
          />
          <ul className="qe-legend">
            {curve.series.map((s) => (
              <li key={s.key} className={`qe-curve-key qe-curve-${s.key}`}>
                {t.curveKeys[s.key]}
              </li>
            ))}
          </ul>
        </>
      )}
      {chart.channelRanges && (
        <>
          <p className="qe-panel-title">{t.channelsTitle}</p>
          <svg
            ref={channelsSvg}
            role="img"
            aria-label={t.channelsAlt(chart.channelRanges.length)}
            data-testid="qe-channels"
          />
        </>
      )}
      <p className="qe-panel-title">
        {t.errorsTitle} <span className="qe-swatch qe-round-key">{t.rounding}</span>{' '}
        <span className="qe-swatch qe-clip-key">{t.clipping}</span>
      </p>
      <svg ref={errors} role="img" aria-label={t.errorsAlt} />
      <div className="widget-table-wrap qe-table-wrap" tabIndex={0} role="region" aria-label={t.tableCaption}>
        <table className="widget-table qe-table" data-testid="qe-table">
          <caption>{t.tableCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.colMethod}</th>
              <th scope="col">{chart.channelRanges ? t.colRangeChannel(channel) : t.colRange}</th>
              <th scope="col">{t.colScale}</th>
              <th scope="col">{t.colZero}</th>
              <th scope="col">{t.colClipped}</th>
              <th scope="col">{t.colRoundMse}</th>
              <th scope="col">{t.colClipMse}</th>
              <th scope="col">{t.colSqnr}</th>
              <th scope="col">{t.colCosine}</th>
            </tr>
          </thead>
          <tbody>
            {exploration.results.map((r) => {
              const th = chart.thresholds.find((x) => x.method === r.method)!;
              const p = paramsOf(r, channel);
              const scales = isPerChannel(r.params) ? r.params.channels.map((c) => c.scale) : null;
              return (
                <tr
                  key={r.method}
                  data-method={r.method}
                  className={r.method === shown.method ? 'selected' : ''}
                >
                  <th scope="row">{t.methods[r.method]}</th>
                  <td>
                    [{fmt(th.min)}, {fmt(th.max)}]
                  </td>
                  <td>
                    {scales
                      ? t.perChannelParams(scales.length, fmt(Math.min(...scales)), fmt(Math.max(...scales)))
                      : fmt(p.scale)}
                  </td>
                  <td>{p.zeroPoint}</td>
                  <td data-key="clipped" data-value={r.error.clipping.count}>
                    {formatNumber(lang, r.error.clipping.count)}
                  </td>
                  <td>{fmt(r.error.rounding.mse)}</td>
                  <td>{fmt(r.error.clipping.mse)}</td>
                  <td data-key="sqnr" data-value={r.sqnrDb}>
                    {formatSig(lang, r.sqnrDb, 3)}
                  </td>
                  <td>{formatSig(lang, r.cosine, 5)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
