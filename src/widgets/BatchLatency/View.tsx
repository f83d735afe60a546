// <BatchLatency model="digits-cnn" />: runs a model from the zoo in onnxruntime-web (in a Worker) at
// several batch sizes on the reader's machine and plots latency and throughput against batch size.
// Nothing loads until the reader presses Measure; every number shown comes from that run.
import { useEffect, useId, useRef, useState } from 'react';
import { formatNumber, locale, useLang, useStrings, type Lang } from '../../ui/i18n';
import { useElementWidth } from '../../ui/useElementWidth';
import { loadZooModel } from '../../workers/modelZoo';
import { OrtClient, isCancelled, type OrtSession } from '../../workers/ortClient';
import { drawPanel, type PanelProps } from './draw';
import {
  BATCH_SIZES,
  RUN_CHOICES,
  WARMUP_RUNS,
  measureSeries,
  type LatencyRow,
  type SeriesProgress,
} from './measure';
import { strings } from './strings';
import { WidgetFrame } from '../../ui/WidgetFrame';
import { StartCancel } from '../../ui/StartCancel';
import { NumberSelect } from '../../ui/NumberSelect';
import '../../ui/widget.css';
import './BatchLatency.css';
import { useErrorText } from '../../ui/errorText';

export interface BatchLatencyProps {
  /** A model id from public/models/manifest.json whose first input dimension is the batch. */
  model: string;
  /** Batch sizes selected at first (the reader can change them). */
  batches?: number[];
  runs?: number;
}

type Phase =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | ({ kind: 'measuring' } & SeriesProgress)
  | { kind: 'done'; count: number }
  | { kind: 'cancelled' }
  | { kind: 'error'; message: string };

/** Seed of the random inputs: fixed, so every reader's inputs are the same. */
const INPUT_SEED = 2024;
const PANEL_HEIGHT = 250;
const TWO_COLUMNS_FROM = 620;

/** Milliseconds with about three significant digits. */
const formatMs = (lang: Lang, ms: number) =>
  formatNumber(lang, ms, ms < 1 ? 3 : ms < 10 ? 2 : ms < 100 ? 1 : 0);
/** Axis labels in compact form (20K, 2万), so they stay narrow. */
const formatCompact = (lang: Lang, v: number) =>
  new Intl.NumberFormat(locale(lang), { notation: 'compact' }).format(v);

/** Thread counts the reader may choose: threads need cross-origin isolation (SharedArrayBuffer). */
function threadChoices(): number[] {
  if (typeof window === 'undefined' || !window.crossOriginIsolated) return [1];
  const cores = navigator.hardwareConcurrency || 1;
  return [1, 2, 4, 8, 16].filter((n) => n <= Math.max(cores, 1));
}
/** onnxruntime-web's own default: half the logical cores, at most 4. */
const defaultThreads = (choices: number[]) =>
  Math.min(Math.max(...choices), 4, Math.ceil((navigator.hardwareConcurrency || 1) / 2));

export default function BatchLatency({
  model,
  batches = [...BATCH_SIZES],
  runs: initialRuns = 20,
}: BatchLatencyProps) {
  const t = useStrings(strings);
  const lang = useLang();
  const describeError = useErrorText();
  const tableId = useId();
  const [selected, setSelected] = useState<number[]>(() => BATCH_SIZES.filter((b) => batches.includes(b)));
  const [runs, setRuns] = useState(initialRuns);
  const [rows, setRows] = useState<LatencyRow[]>([]);
  const [series, setSeries] = useState<number[]>(selected);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [runtime, setRuntime] = useState<{ threads: number; crossOriginIsolated: boolean } | null>(null);
  const [threadOptions] = useState(threadChoices);
  const [threads, setThreads] = useState(() => defaultThreads(threadOptions));

  const client = useRef<OrtClient | null>(null);
  const clientThreads = useRef(0);
  const session = useRef<OrtSession | null>(null);
  const modelBytes = useRef<ArrayBuffer | null>(null);
  const abort = useRef<AbortController | null>(null);
  const busy = phase.kind === 'loading' || phase.kind === 'measuring';

  useEffect(
    () => () => {
      abort.current?.abort();
      client.current?.dispose();
    },
    [],
  );

  async function measure() {
    const chosen = [...selected];
    if (chosen.length === 0 || busy) return;
    const controller = new AbortController();
    abort.current = controller;
    setRows([]);
    setSeries(chosen);
    setPhase({ kind: 'loading' });
    // The thread pool of onnxruntime-web is fixed per worker: another thread count needs a fresh one.
    if (client.current && clientThreads.current !== threads) {
      client.current.dispose();
      client.current = null;
      session.current = null;
    }
    const ort = (client.current ??= new OrtClient());
    clientThreads.current = threads;
    try {
      modelBytes.current ??= (await loadZooModel(model, import.meta.env.BASE_URL, controller.signal)).bytes;
      if (!session.current || !ort.isLive(session.current)) {
        // A copy: the bytes are transferred to the worker, and kept here for a new worker after a cancel.
        session.current = await ort.createSession(modelBytes.current.slice(0), {
          graphOptimizationLevel: 'all',
          numThreads: threads,
        });
        setRuntime({
          threads: session.current.threads,
          crossOriginIsolated: session.current.crossOriginIsolated,
        });
      }
      await measureSeries(ort, session.current, {
        batches: chosen,
        runs,
        seed: INPUT_SEED,
        onRow: (row) => setRows((previous) => [...previous, row]),
        onProgress: (progress) => setPhase({ kind: 'measuring', ...progress }),
      });
      setPhase({ kind: 'done', count: chosen.length });
    } catch (e) {
      if (isCancelled(e) || controller.signal.aborted) setPhase({ kind: 'cancelled' });
      else setPhase({ kind: 'error', message: describeError(e) });
    }
  }

  function cancel() {
    abort.current?.abort();
    client.current?.cancel(t.cancelled);
  }

  const toggle = (batch: number) =>
    setSelected((s) =>
      s.includes(batch)
        ? s.filter((b) => b !== batch)
        : BATCH_SIZES.filter((b) => b === batch || s.includes(b)),
    );

  const status = (() => {
    switch (phase.kind) {
      case 'idle':
        return selected.length ? t.idle : t.noBatch;
      case 'loading':
        return t.loading;
      case 'measuring':
        return t.measuring(phase.batch, phase.done, phase.total);
      case 'done':
        return t.done(phase.count, runtime?.threads ?? 1);
      case 'cancelled':
        return t.cancelled;
      case 'error':
        return t.failed(phase.message);
    }
  })();

  const sorted = [...rows].sort((a, b) => a.batch - b.batch);
  return (
    <WidgetFrame
      kind="batch-latency"
      title={t.title}
      subtitle={t.model(model)}
      data-testid="batch-latency"
      data-phase={phase.kind}
    >
      <div className="bl-controls">
        <div className="bl-batches" role="group" aria-label={t.batchSizes}>
          <span className="bl-label" aria-hidden="true">
            {t.batchSizes}
          </span>
          {BATCH_SIZES.map((b) => (
            <button
              key={b}
              type="button"
              className="button bl-batch"
              aria-pressed={selected.includes(b)}
              disabled={busy}
              onClick={() => toggle(b)}
            >
              {b}
            </button>
          ))}
        </div>
        <label className="bl-runs">
          <span className="bl-label">{t.runs}</span>
          <NumberSelect
            value={runs}
            choices={[...RUN_CHOICES, initialRuns]}
            disabled={busy}
            onChange={setRuns}
          />
        </label>
        <label className="bl-runs">
          <span className="bl-label">{t.threads}</span>
          <NumberSelect
            value={threads}
            choices={threadOptions}
            disabled={busy || threadOptions.length < 2}
            onChange={setThreads}
          />
        </label>
        <div className="bl-actions">
          <StartCancel
            busy={busy}
            canStart={selected.length > 0}
            startLabel={phase.kind === 'idle' ? t.measure : t.measureAgain}
            cancelLabel={t.cancel}
            onStart={() => void measure()}
            onCancel={cancel}
            startTestId="measure"
            cancelTestId="cancel"
          />
        </div>
      </div>

      <div className="bl-status">
        <progress
          max={1}
          value={phase.kind === 'measuring' ? phase.overall : phase.kind === 'done' ? 1 : 0}
          aria-label={t.progress}
          className={busy ? 'active' : ''}
        />
        <p
          className={phase.kind === 'error' ? 'bl-message error' : 'bl-message'}
          role="status"
          data-testid="status"
        >
          {status}
        </p>
        {runtime && !runtime.crossOriginIsolated && <p className="bl-message">{t.singleThread}</p>}
      </div>

      <Charts batches={series} rows={rows} />

      {/* Focusable, so that keyboard users can scroll the table on narrow screens; shown once it has rows. */}
      {sorted.length > 0 && (
        <div className="bl-table-wrap" tabIndex={0} role="region" aria-labelledby={tableId}>
          <table className="bl-table" data-testid="latency-table">
            <caption id={tableId}>{t.tableCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.colBatch}</th>
                <th scope="col">{t.colMedian}</th>
                <th scope="col">{t.colP90}</th>
                <th scope="col">{t.colMin}</th>
                <th scope="col">{t.colPerSample}</th>
                <th scope="col">{t.colThroughput}</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((r) => (
                <tr key={r.batch} data-batch={r.batch}>
                  <th scope="row">{r.batch}</th>
                  <td data-key="median" data-value={r.median}>
                    {formatMs(lang, r.median)}
                  </td>
                  <td data-key="p90" data-value={r.p90}>
                    {formatMs(lang, r.p90)}
                  </td>
                  <td data-key="min" data-value={r.min}>
                    {formatMs(lang, r.min)}
                  </td>
                  <td data-key="per-sample" data-value={r.median / r.batch}>
                    {formatMs(lang, r.median / r.batch)}
                  </td>
                  <td data-key="throughput" data-value={r.throughput}>
                    {formatNumber(lang, r.throughput)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="widget-caption">{t.caption(WARMUP_RUNS)}</p>
    </WidgetFrame>
  );
}

function Charts({ batches, rows }: { batches: number[]; rows: LatencyRow[] }) {
  const t = useStrings(strings);
  const lang = useLang();
  const box = useRef<HTMLDivElement>(null);
  const width = useElementWidth(box);
  const panelWidth = width >= TWO_COLUMNS_FROM ? Math.floor((width - 16) / 2) : width;
  const scale = parseFloat(getComputedStyle(document.documentElement).fontSize) / 16 || 1;
  const common = {
    width: panelWidth,
    height: PANEL_HEIGHT * scale,
    scale,
    batches,
    rows,
    xLabel: t.batchAxis,
  };
  return (
    <div className="bl-charts" ref={box}>
      <Panel
        title={t.latencyTitle}
        note={t.legend}
        props={{
          ...common,
          kind: 'latency',
          yLabel: t.latencyAxis,
          formatY: (v) => formatNumber(lang, v, v < 1 ? 2 : 0),
          pointLabel: (r) => t.point(r.batch, `${formatMs(lang, r.median)} ms`),
        }}
      />
      <Panel
        title={t.throughputTitle}
        props={{
          ...common,
          kind: 'throughput',
          yLabel: t.throughputAxis,
          formatY: (v) => formatCompact(lang, v),
          pointLabel: (r) => t.point(r.batch, formatNumber(lang, r.throughput)),
        }}
      />
    </div>
  );
}

function Panel({ title, note, props }: { title: string; note?: string; props: PanelProps }) {
  const t = useStrings(strings);
  const svg = useRef<SVGSVGElement>(null);
  useEffect(() => {
    if (svg.current) drawPanel(svg.current, props);
  });
  return (
    <div className="bl-panel">
      <p className="bl-panel-title">
        {title}
        {note && <span className="bl-note"> · {note}</span>}
      </p>
      <svg ref={svg} role="img" aria-label={`${title}. ${t.chartAlt}`} />
    </div>
  );
}
