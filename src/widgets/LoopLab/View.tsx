// <LoopLab />: the loop-optimization lab. The reader picks loop orders, tile sizes, unrolling and the packed
// micro-kernel for one GEMM; the kernels Worker times them (the engine's runGemmLab) and the chart and table
// show what was measured on this machine. Nothing runs until the reader presses Run; Cancel stops the worker.
import { useEffect, useId, useRef, useState } from 'react';
import {
  GEMM_LAB_LIMITS,
  LOOP_ORDERS,
  im2colGemmSize,
  UNROLL_FACTORS,
  variantKey,
  type GemmLabResult,
  type GemmSize,
  type GemmTiles,
  type GemmVariant,
  type LoopOrder,
  type UnrollFactor,
} from '../../engine';
import { formatNumber, locale, useLang, useStrings, type Lang } from '../../ui/i18n';
import { D3Drawing } from '../../ui/D3Drawing';
import { KernelsClient, isWorkerCancelled } from '../../workers/kernelsClient';
import { LayerPicker } from '../kernels-common/LayerPicker';
import {
  DEFAULT_LIMITS,
  type CustomShape,
  type LayerSource,
  type PickedLayer,
} from '../kernels-common/layerSpec';
import { drawChart, type Bar } from './draw';
import {
  DEFAULT_SELECTION,
  DEFAULT_TILES,
  sizeProblem,
  variantsOf,
  warmupFor,
  type LabSelection,
} from './selection';
import { strings } from './strings';
import { WidgetFrame } from '../../ui/WidgetFrame';
import { StartCancel } from '../../ui/StartCancel';
import { NumberSelect } from '../../ui/NumberSelect';
import '../../ui/widget.css';
import './LoopLab.css';
import { useErrorText } from '../../ui/errorText';

export interface LoopLabProps {
  /** The layer whose im2col GEMM is timed at first (the reader can pick another, or type m, n, k). */
  layer?: LayerSource;
  runs?: number;
}

/** A 64 → 64, 3×3 convolution on 28×28: its im2col GEMM is 64×576 · 576×784. */
const DEFAULT_SHAPE: CustomShape = {
  c: 64,
  h: 28,
  w: 28,
  k: 64,
  r: 3,
  s: 3,
  stride: 1,
  pad: 1,
  dilation: 1,
  groups: 1,
};
/** The whole layer may be larger than one GEMM (N · group calls); the lab times one call. */
const PICKER_LIMITS = { ...DEFAULT_LIMITS, maxMacs: GEMM_LAB_LIMITS.macs };

type Phase =
  | { kind: 'idle' }
  | { kind: 'measuring'; done: number; total: number; key: string }
  | { kind: 'done' }
  | { kind: 'cancelled' }
  | { kind: 'error'; message: string };

const RUN_CHOICES = [1, 3, 5, 9, 15] as const;
/** Seed of A and B: every reader multiplies the same matrices. */
const SEED = 58;

type Strings = (typeof strings)['en'];

const formatMs = (lang: Lang, ms: number) =>
  formatNumber(lang, ms, ms < 1 ? 3 : ms < 10 ? 2 : ms < 100 ? 1 : 0);
const formatCompact = (lang: Lang, v: number) =>
  new Intl.NumberFormat(locale(lang), { notation: 'compact' }).format(v);
const formatGflops = (lang: Lang, v: number) => formatNumber(lang, v, v < 1 ? 3 : 2);

function labelOf(t: Strings, v: GemmVariant): string {
  switch (v.kind) {
    case 'order':
      return t.order(v.order);
    case 'tiled':
      return t.tiledLabel(v.tiles);
    case 'unrolled':
      return t.unrolledLabel(v.factor);
    case 'blocked':
      return t.blockedLabel;
  }
}

const accessOf = (t: Strings, v: GemmVariant) => (v.kind === 'order' ? t.inner[v.order] : t.inner[v.kind]);

export default function LoopLab({
  layer: initialLayer = { kind: 'custom', shape: DEFAULT_SHAPE },
  runs: initialRuns = 5,
}: LoopLabProps) {
  const t = useStrings(strings);
  const lang = useLang();
  const describeError = useErrorText();
  const titleId = useId();
  const [sizeFrom, setSizeFrom] = useState<'layer' | 'custom'>('layer');
  const [layer, setLayer] = useState<PickedLayer | null>(null);
  const [typed, setTyped] = useState<GemmSize>({ m: 64, n: 784, k: 576 });
  const layerGemm = layer && im2colGemmSize(layer.shape);
  const size: GemmSize =
    sizeFrom === 'layer' && layerGemm ? { m: layerGemm.m, n: layerGemm.n, k: layerGemm.k } : typed;
  const [selection, setSelection] = useState<LabSelection>(DEFAULT_SELECTION);
  const [runs, setRuns] = useState(initialRuns);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [result, setResult] = useState<GemmLabResult | null>(null);
  const [lastTiles, setLastTiles] = useState<GemmTiles>(DEFAULT_TILES);
  const client = useRef<KernelsClient | null>(null);
  const busy = phase.kind === 'measuring';

  useEffect(() => () => client.current?.dispose(), []);

  const variants = variantsOf(selection);
  const problem = sizeProblem(size, selection.tiles);
  const problemText =
    problem &&
    (problem.kind === 'dim'
      ? t.badDim(problem.dim, problem.max)
      : t.tooBig(formatCompact(lang, problem.macs), formatCompact(lang, problem.max)));

  async function run() {
    if (busy || problem || variants.length === 0) return;
    const c = (client.current ??= new KernelsClient());
    setResult(null);
    setPhase({ kind: 'measuring', done: 0, total: 1, key: '' });
    try {
      const r = await c.gemmLab({ size, variants, runs, warmup: warmupFor(size), seed: SEED }, (p) =>
        setPhase({ kind: 'measuring', ...p }),
      );
      setResult(r);
      setPhase({ kind: 'done' });
    } catch (e) {
      if (isWorkerCancelled(e)) setPhase({ kind: 'cancelled' });
      else setPhase({ kind: 'error', message: describeError(e) });
    }
  }

  const toggleOrder = (o: LoopOrder) =>
    setSelection((s) => ({
      ...s,
      orders: s.orders.includes(o) ? s.orders.filter((x) => x !== o) : [...s.orders, o],
    }));
  const toggleUnroll = (f: UnrollFactor) =>
    setSelection((s) => ({
      ...s,
      unroll: s.unroll.includes(f) ? s.unroll.filter((x) => x !== f) : [...s.unroll, f],
    }));
  const toggleTiled = () =>
    setSelection((s) => {
      if (s.tiles) setLastTiles(s.tiles);
      return { ...s, tiles: s.tiles ? null : lastTiles };
    });
  const setTile = (dim: keyof GemmTiles, value: number) =>
    setSelection((s) => ({ ...s, tiles: s.tiles && { ...s.tiles, [dim]: value } }));

  const status = (() => {
    switch (phase.kind) {
      case 'idle':
        return variants.length ? t.idle : t.noVariant;
      case 'measuring':
        return t.measuring(phase.done, phase.total, phase.key);
      case 'done':
        return t.done(result?.rows.length ?? 0, result?.runs ?? runs);
      case 'cancelled':
        return t.cancelled;
      case 'error':
        return t.failed(phase.message);
    }
  })();

  const shown = result ? result.rows.map((r) => r.variant) : variants;
  const shownSize = result?.size ?? size;
  const rowOf = (v: GemmVariant) => result?.rows.find((r) => r.key === variantKey(v)) ?? null;
  const ijk = result?.rows.find((r) => r.key === 'ijk') ?? null;
  const bars: Bar[] = shown.map((v) => {
    const row = rowOf(v);
    const note = !row
      ? t.notYet
      : row.gflops === null
        ? t.tooFast
        : t.barNote(formatGflops(lang, row.gflops), formatMs(lang, row.summary.median));
    const shortNote = row?.gflops ? formatGflops(lang, row.gflops) : '';
    return {
      key: variantKey(v),
      shortNote,
      label: labelOf(t, v),
      kind: v.kind,
      gflops: row?.gflops ?? null,
      note,
      tooltip: `${labelOf(t, v)}: ${note}`,
    };
  });

  return (
    <WidgetFrame
      kind="loop-lab"
      title={t.title}
      subtitle={t.subtitle(shownSize.m, shownSize.k, shownSize.n)}
      data-testid="loop-lab"
      data-phase={phase.kind}
    >
      <fieldset className="ll-group" disabled={busy}>
        <legend>{t.size}</legend>
        <div className="ll-toggles" role="group" aria-label={t.sizeSource}>
          {(['layer', 'custom'] as const).map((from) => (
            <button
              key={from}
              type="button"
              className="button"
              aria-pressed={sizeFrom === from}
              data-size-from={from}
              onClick={() => setSizeFrom(from)}
            >
              {from === 'layer' ? t.fromLayer : t.custom}
            </button>
          ))}
        </div>
        {/* Hidden rather than unmounted, so that the picked layer survives a look at the other source. */}
        <div hidden={sizeFrom !== 'layer'}>
          <LayerPicker
            initial={initialLayer}
            defaultShape={DEFAULT_SHAPE}
            limits={PICKER_LIMITS}
            onChange={setLayer}
          />
          {layerGemm && (
            <p className="ll-note" data-testid="layer-gemm">
              {t.layerGemm(layerGemm.m, layerGemm.k, layerGemm.n, layerGemm.calls)}
            </p>
          )}
        </div>
        {sizeFrom === 'custom' && (
          <div className="ll-fields">
            {(['m', 'n', 'k'] as const).map((dim) => (
              <label key={dim} className="widget-field ll-field">
                <span>{t[dim]}</span>
                <input
                  type="number"
                  min={1}
                  step={1}
                  value={Number.isFinite(typed[dim]) ? typed[dim] : ''}
                  data-dim={dim}
                  onChange={(e) => setTyped((s) => ({ ...s, [dim]: e.target.valueAsNumber }))}
                />
              </label>
            ))}
          </div>
        )}
        <p className="ll-note">{problem ? '' : t.macs(formatNumber(lang, size.m * size.n * size.k))}</p>
      </fieldset>

      <fieldset className="ll-group" disabled={busy}>
        <legend>{t.orders}</legend>
        <div className="ll-toggles">
          {LOOP_ORDERS.map((o) => (
            <button
              key={o}
              type="button"
              className="button ll-toggle"
              aria-pressed={selection.orders.includes(o)}
              data-variant={o}
              onClick={() => toggleOrder(o)}
            >
              <code>{o}</code>
            </button>
          ))}
        </div>
      </fieldset>

      <fieldset className="ll-group" disabled={busy}>
        <legend>{t.transforms}</legend>
        <div className="ll-toggles">
          <button
            type="button"
            className="button ll-toggle"
            aria-pressed={!!selection.tiles}
            data-variant="tiled"
            onClick={toggleTiled}
          >
            {t.tiled}
          </button>
          {selection.tiles &&
            (['m', 'n', 'k'] as const).map((dim) => (
              <label key={dim} className="widget-field ll-field small">
                <span>{t[`tile${dim.toUpperCase() as 'M' | 'N' | 'K'}`]}</span>
                <input
                  type="number"
                  min={1}
                  step={1}
                  value={Number.isFinite(selection.tiles![dim]) ? selection.tiles![dim] : ''}
                  data-tile={dim}
                  onChange={(e) => setTile(dim, e.target.valueAsNumber)}
                />
              </label>
            ))}
        </div>
        <div className="ll-toggles" role="group" aria-label={t.unroll}>
          <span className="ll-inline-label" aria-hidden="true">
            {t.unroll}
          </span>
          {UNROLL_FACTORS.map((f) => (
            <button
              key={f}
              type="button"
              className="button ll-toggle"
              aria-pressed={selection.unroll.includes(f)}
              data-variant={`unrolled-${f}`}
              onClick={() => toggleUnroll(f)}
            >
              ×{f}
            </button>
          ))}
        </div>
        <div className="ll-toggles">
          <button
            type="button"
            className="button ll-toggle"
            aria-pressed={selection.blocked}
            data-variant="blocked"
            onClick={() => setSelection((s) => ({ ...s, blocked: !s.blocked }))}
          >
            {t.blocked}
          </button>
        </div>
      </fieldset>

      <div className="ll-actions">
        <label className="widget-field ll-field">
          <span>{t.runs}</span>
          <NumberSelect
            value={runs}
            choices={[...RUN_CHOICES, initialRuns]}
            disabled={busy}
            onChange={setRuns}
          />
        </label>
        <StartCancel
          busy={busy}
          canStart={!problem && variants.length > 0}
          startLabel={phase.kind === 'idle' ? t.run : t.runAgain}
          cancelLabel={t.cancel}
          onStart={() => void run()}
          onCancel={() => client.current?.cancel(t.cancelled)}
          startTestId="run"
          cancelTestId="cancel"
        />
      </div>

      <div className="ll-status">
        <progress
          max={1}
          value={phase.kind === 'measuring' ? phase.done / phase.total : phase.kind === 'done' ? 1 : 0}
          aria-label={t.progress}
        />
        <p
          className={phase.kind === 'error' || problem ? 'll-message error' : 'll-message'}
          role="status"
          data-testid="status"
        >
          {problemText ?? status}
        </p>
      </div>

      <Chart bars={bars} reference={ijk?.gflops ?? null} />

      <div className="widget-table-wrap" tabIndex={0} role="region" aria-labelledby={`${titleId}-table`}>
        <table className="widget-table ll-table" data-testid="loop-table">
          <caption id={`${titleId}-table`}>{t.tableCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.colVariant}</th>
              <th scope="col">{t.colAccess}</th>
              <th scope="col">{t.colMedian}</th>
              <th scope="col">{t.colMin}</th>
              <th scope="col">{t.colGflops}</th>
              <th scope="col">{t.colSpeedup}</th>
              <th scope="col">{t.colDiff}</th>
            </tr>
          </thead>
          <tbody>
            {(result?.rows ?? []).map((r) => (
              <tr key={r.key} data-key={r.key}>
                <th scope="row">{labelOf(t, r.variant)}</th>
                <td className="ll-access">{accessOf(t, r.variant)}</td>
                <td data-col="median" data-value={r.summary.median}>
                  {formatMs(lang, r.summary.median)}
                </td>
                <td data-col="min" data-value={r.summary.min}>
                  {formatMs(lang, r.summary.min)}
                </td>
                <td data-col="gflops" data-value={r.gflops ?? ''}>
                  {r.gflops === null ? '—' : formatGflops(lang, r.gflops)}
                </td>
                <td data-col="speedup">
                  {ijk && r.summary.median > 0
                    ? `${formatNumber(lang, ijk.summary.median / r.summary.median, 2)}×`
                    : '—'}
                </td>
                <td data-col="diff" data-value={r.maxAbsDiff}>
                  {r.maxAbsDiff === 0 ? '0' : r.maxAbsDiff.toExponential(1)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="widget-caption">{t.caption(result?.runs ?? runs)}</p>
    </WidgetFrame>
  );
}

function Chart({ bars, reference }: { bars: Bar[]; reference: number | null }) {
  const t = useStrings(strings);
  const lang = useLang();
  return (
    <div className="ll-chart">
      <p className="ll-chart-title">{t.chartTitle}</p>
      <D3Drawing
        label={`${t.chartTitle}. ${t.chartAlt}`}
        draw={(svg, frame) =>
          drawChart(svg, {
            ...frame,
            bars,
            reference,
            xLabel: t.chartAxis,
            referenceLabel: t.reference,
            formatTick: (v) => formatNumber(lang, v, v < 1 ? 2 : 1),
          })
        }
      />
    </div>
  );
}
