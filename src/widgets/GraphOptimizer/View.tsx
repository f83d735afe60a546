// <GraphOptimizer model="digits-cnn-raw" passes={[…]} tab="graph" />: the graph-optimization playground.
// Load a model (zoo, example, your own .onnx, or the text editor), run the engine's passes on it in a
// Worker, step through every rewrite with the graph before and after side by side, see the stats and the
// memory plan change, verify the result in onnxruntime-web and download it. Every figure comes from a run.
import { useEffect, useId, useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import type { Model, PassLevel, PassName, ZooModel } from '../../engine';
import { formatNumber, useLang, useStrings } from '../../ui/i18n';
import { usePlayback } from '../../ui/usePlayback';
import { ModelPicker } from './ModelPicker';
import { MemoryView } from './MemoryView';
import { Panes, type OverlayKind } from './Panes';
import { PassPicker } from './PassPicker';
import { StatsTable } from './StatsTable';
import { TextPanel } from './TextPanel';
import { RunsTable, Timeline } from './Timeline';
import { VerifyPanel } from './VerifyPanel';
import { formatMs } from './format';
import { strings } from './strings';
import { diffPositions, passStops } from './timeline';
import { EXAMPLE_PREFIX } from './examples';
import { loadManifest } from '../../workers/modelZoo';
import { useOptimizer, type PipelineChoice } from './useOptimizer';
import { WidgetFrame } from '../../ui/WidgetFrame';
import '../../ui/widget.css';
import './graphOptimizer.css';
import { useErrorText } from '../../ui/errorText';

export type Tab = 'graph' | 'memory' | 'text';
const TABS: Tab[] = ['graph', 'memory', 'text'];

export interface GraphOptimizerProps {
  /** A zoo id (public/models/manifest.json) or `example:<id>` (examples.ts). */
  model?: string;
  /** Passes of this level and below (default 'extended'), unless `passes` lists them exactly. */
  level?: PassLevel;
  passes?: PassName[];
  contribOps?: boolean;
  tab?: Tab;
  overlay?: OverlayKind;
  /** Where the timeline starts: on the input graph, or after the last rewrite (default). */
  position?: 'start' | 'end';
  /** What the left pane shows: the input graph (default) or the graph just before the current rewrite. */
  compare?: 'original' | 'previous';
}

/** Zoo models larger than this load only when the reader asks (bytes). */
const AUTO_LOAD_BYTES = 4 * 2 ** 20;

export default function GraphOptimizer({
  model: initialModel = 'digits-cnn-raw',
  level = 'extended',
  passes,
  contribOps = true,
  tab: initialTab = 'graph',
  overlay: initialOverlay = 'none',
  position = 'end',
  compare: initialCompare = 'original',
}: GraphOptimizerProps) {
  const t = useStrings(strings);
  const lang = useLang();
  const describeError = useErrorText();
  const tabsId = useId();
  const [choice, setChoice] = useState<PipelineChoice>({ level, passes: passes ?? null, contribOps });
  const [tab, setTab] = useState<Tab>(initialTab);
  const [overlay, setOverlay] = useState<OverlayKind>(initialOverlay);
  const [compare, setCompare] = useState(initialCompare);
  const [picked, setPicked] = useState(initialModel);
  const [waiting, setWaiting] = useState<ZooModel | null>(null);
  const [dragging, setDragging] = useState(false);
  const opt = useOptimizer(choice, t);
  const { result, loadModel } = opt;

  // The zoo's list, and the first model: examples and small zoo models at once, large ones when asked.
  const [zoo, setZoo] = useState<{ models: ZooModel[] | null; failure: string | null }>({
    models: null,
    failure: null,
  });
  useEffect(() => {
    const controller = new AbortController();
    loadManifest(import.meta.env.BASE_URL, controller.signal)
      .then((m) => setZoo({ models: m.models, failure: null }))
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setZoo({ models: null, failure: describeError(e) });
      });
    return () => controller.abort();
  }, [describeError]);
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    const entry = zoo.models?.find((m) => m.id === initialModel);
    if (!initialModel.startsWith(EXAMPLE_PREFIX) && !zoo.models && !zoo.failure) return; // wait for the sizes
    started.current = true;
    if (entry && entry.bytes > AUTO_LOAD_BYTES) setWaiting(entry);
    else void loadModel({ zoo: initialModel });
  }, [initialModel, loadModel, zoo]);

  const pick = (id: string, entry: ZooModel | null) => {
    setPicked(id);
    if (entry && entry.bytes > AUTO_LOAD_BYTES) return setWaiting(entry);
    setWaiting(null);
    void loadModel({ zoo: id });
  };
  const openFile = (file: File) => {
    setPicked('');
    setWaiting(null);
    void loadModel({ file });
  };

  // The timeline.
  const timeline = result?.timeline ?? null;
  const total = timeline?.graphs.length ?? 1;
  // a new timeline starts at its end (or start); later steps are the reader's
  const playback = usePlayback(total, position === 'start' ? 0 : total - 1, timeline);
  const { setStep } = playback;
  const to = Math.min(playback.step, total - 1);
  const from = compare === 'original' ? 0 : Math.max(0, to - 1);
  const stops = useMemo(() => (timeline ? passStops(timeline) : [0]), [timeline]);
  const diff = useMemo(
    () => (timeline ? diffPositions(timeline.graphs, timeline.steps, from, to) : null),
    [timeline, from, to],
  );

  // Analyses (shapes, costs, memory) of the two graphs shown.
  const { requestAnalysis, analysisOf } = opt;
  const leftGraph = timeline?.graphs[from];
  const rightGraph = timeline?.graphs[to];
  useEffect(() => {
    if (!result) return;
    if (leftGraph) requestAnalysis(result.model, leftGraph);
    if (rightGraph) requestAnalysis(result.model, rightGraph);
  }, [result, leftGraph, rightGraph, requestAnalysis]);
  const leftAnalysis = analysisOf(leftGraph);
  const rightAnalysis = analysisOf(rightGraph);

  const optimized = useMemo<Model | null>(
    () => (result && rightGraph ? { ...result.model, graph: rightGraph } : null),
    [result, rightGraph],
  );
  // Panes start afresh (fitted, nothing selected) for each input model.
  const [panes, setPanes] = useState<{ model: Model | null; key: number }>({ model: null, key: 0 });
  if (result && result.model !== panes.model) setPanes({ model: result.model, key: panes.key + 1 });

  const busy = opt.load.kind === 'loading' || opt.run.kind === 'running';
  const status = (() => {
    const { load, run } = opt;
    if (load.kind === 'loading') return { text: t.loadingModel(load.name), error: false };
    if (load.kind === 'error')
      return {
        text: [t.loadFailed(load.name, load.message), opt.current ? t.keptModel(opt.current.name) : '']
          .filter(Boolean)
          .join(lang === 'zh' ? '' : ' '),
        error: true,
      };
    if (run.kind === 'running')
      return {
        text: run.progress
          ? t.optimizing(run.progress.pass, run.progress.iteration, run.progress.rewrites)
          : t.optimizingStart,
        error: false,
      };
    if (run.kind === 'error') return { text: t.optimizeFailed(run.message), error: true };
    if (run.kind === 'cancelled') return { text: t.cancelled, error: false };
    if (run.kind === 'done' && timeline)
      return {
        text: t.optimized(
          timeline.steps.length,
          timeline.iterations,
          formatMs(lang, timeline.ms),
          timeline.converged,
        ),
        error: false,
      };
    return { text: opt.current ? '' : t.noModel, error: false };
  })();

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files?.[0];
    if (file) openFile(file);
  };
  const onTabKey = (e: KeyboardEvent) => {
    const i = TABS.indexOf(tab);
    const next =
      e.key === 'ArrowRight'
        ? (i + 1) % TABS.length
        : e.key === 'ArrowLeft'
          ? (i + TABS.length - 1) % TABS.length
          : -1;
    if (next < 0) return;
    e.preventDefault();
    setTab(TABS[next]);
    document.getElementById(`${tabsId}-${TABS[next]}`)?.focus();
  };
  const tabLabel: Record<Tab, string> = { graph: t.tabGraph, memory: t.tabMemory, text: t.tabText };

  return (
    <WidgetFrame
      kind={`graph-optimizer${dragging ? ' dragging' : ''}`}
      title={t.title}
      subtitle={t.subtitle}
      data-testid="graph-optimizer"
      data-load={opt.load.kind}
      data-run={opt.run.kind}
      data-model={opt.current?.name ?? ''}
      data-positions={total}
      onDragOver={(e) => {
        if (![...e.dataTransfer.types].includes('Files')) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={onDrop}
    >
      {dragging && (
        <div className="go-drop" aria-hidden="true">
          {t.dropHere}
        </div>
      )}

      <div className="go-controls">
        <ModelPicker value={picked} zoo={zoo.models} failure={zoo.failure} onPick={pick} onFile={openFile} />
        {waiting && (
          <p className="go-note">
            {t.bigHint}{' '}
            <button
              type="button"
              className="button primary"
              onClick={() => {
                setWaiting(null);
                void loadModel({ zoo: waiting.id });
              }}
              data-testid="load-big"
            >
              {t.loadBig(waiting.id, formatNumber(lang, waiting.bytes / 2 ** 20, 1))}
            </button>
          </p>
        )}
        <PassPicker choice={choice} onChange={setChoice} />
      </div>

      <div className="go-status">
        <progress className={busy ? 'active' : ''} aria-label={t.progress} />
        <p className={`go-message${status.error ? ' error' : ''}`} role="status" data-testid="status">
          {status.text}
        </p>
        <button type="button" className="button" onClick={opt.cancel} disabled={!busy} data-testid="cancel">
          {t.cancel}
        </button>
      </div>

      <div role="tablist" aria-label={t.tabs} className="go-tabs" onKeyDown={onTabKey}>
        {TABS.map((k) => (
          <button
            key={k}
            id={`${tabsId}-${k}`}
            type="button"
            role="tab"
            aria-selected={tab === k}
            aria-controls={`${tabsId}-${k}-panel`}
            tabIndex={tab === k ? 0 : -1}
            className="go-tab"
            onClick={() => setTab(k)}
            data-tab={k}
          >
            {tabLabel[k]}
          </button>
        ))}
      </div>

      <div
        role="tabpanel"
        id={`${tabsId}-${tab}-panel`}
        aria-labelledby={`${tabsId}-${tab}`}
        className="go-panel"
      >
        {tab === 'text' && (
          <TextPanel text={opt.text} onNeedText={opt.needText} onEdit={(s) => void opt.editText(s)} />
        )}
        {timeline && tab !== 'text' && <Timeline timeline={timeline} playback={playback} stops={stops} />}
        {timeline && diff && tab === 'graph' && leftGraph && rightGraph && (
          <>
            <div className="go-view-options">
              <label className="go-field">
                <span>{t.compareWith}</span>
                <select
                  value={compare}
                  onChange={(e) => setCompare(e.target.value as 'original' | 'previous')}
                >
                  <option value="original">{t.compareOriginal}</option>
                  <option value="previous">{t.comparePrevious}</option>
                </select>
              </label>
              <label className="go-field">
                <span>{t.overlay}</span>
                <select
                  value={overlay}
                  onChange={(e) => setOverlay(e.target.value as OverlayKind)}
                  data-testid="overlay"
                >
                  {(['none', 'macs', 'params', 'bytes'] as const).map((k) => (
                    <option key={k} value={k}>
                      {t.overlays[k]}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <Panes
              key={panes.key}
              left={{ graph: leftGraph, analysis: leftAnalysis, title: t.beforeAt(from) }}
              right={{ graph: rightGraph, analysis: rightAnalysis, title: t.afterAt(to) }}
              diff={diff}
              overlay={overlay}
            />
            <StatsTable before={leftAnalysis?.stats} after={rightAnalysis?.stats} />
            {[...(leftAnalysis?.problems ?? []), ...(rightAnalysis?.problems ?? [])].length > 0 && (
              <details className="go-problems">
                <summary>{t.problems}</summary>
                <ul>
                  {[...new Set([...(leftAnalysis?.problems ?? []), ...(rightAnalysis?.problems ?? [])])].map(
                    (p) => (
                      <li key={p}>{p}</li>
                    ),
                  )}
                </ul>
              </details>
            )}
            <RunsTable timeline={timeline} position={to} onJump={setStep} />
          </>
        )}
        {timeline && tab === 'memory' && <MemoryView before={leftAnalysis} after={rightAnalysis} />}
      </div>

      {result && optimized && opt.current && (
        <VerifyPanel
          optimizer={opt.client}
          input={result.model}
          optimized={optimized}
          name={opt.current.name}
          contribOps={choice.contribOps}
          blocked={
            rightAnalysis?.ortBlockers.length
              ? t.blockers(
                  rightAnalysis.ortBlockers.length,
                  rightAnalysis.ortBlockers
                    .slice(0, 3)
                    .map((b) => `${b.node} (${b.opType}): ${b.reason}`)
                    .join('; '),
                )
              : null
          }
        />
      )}
      <p className="widget-caption">{t.caption}</p>
    </WidgetFrame>
  );
}
