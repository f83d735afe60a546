// A hidden page for end-to-end tests and benchmarks of the graph view: /<lang>/dev/graph-view?…
//   model=<url>      an ONNX file (e.g. /models/mobilenetv2-224-raw.onnx)
//   nodes=<n>        a generated network of about n nodes (seed=<s>, flat=1 for unscoped names)
//   collapse=none|all|auto, view=fit (first view: the whole graph), panes=2 (two panes sharing viewport
//   and selection), overlay=params
// Not linked from the course; loaded lazily, so none of it is in a lesson's bundle. It exposes
// window.__playground.graphView for scripted pan/zoom and the timing marks the benchmark reads.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { decodeModel, numel, type Graph } from '../../engine';
import { defineStrings, useStrings } from '../../ui/i18n';
import {
  GraphView,
  type FrameInfo,
  type LayoutInfo,
  type NodeOverlay,
  type Viewport,
} from '../../widgets/GraphView/View';
import { nodeKeys } from '../../widgets/GraphView/model';
import { syntheticGraph } from '../../widgets/GraphView/synthetic';

const strings = defineStrings({
  en: {
    title: 'Graph view test page',
    intro: 'For tests and benchmarks; not part of the course.',
    loading: 'Loading the graph…',
    failed: (m: string) => `Could not load the graph: ${m}`,
    params: 'Parameters',
    before: 'Pane A',
    after: 'Pane B',
  },
  zh: {
    title: '计算图视图测试页',
    intro: '供测试与基准测试使用，不属于课程内容。',
    loading: '正在加载计算图…',
    failed: (m: string) => `无法加载计算图：${m}`,
    params: '参数量',
    before: '窗格 A',
    after: '窗格 B',
  },
});

interface FrameRecord {
  /** rAF timestamps and draw times seen while recording. */
  stamps: number[];
  draws: number[];
}

export interface GraphViewHook {
  /** Layout + first paint (ms) of the current graph, once painted. */
  firstPaintMs: number | null;
  /** The first frame drawn with the layout: boxes drawn, draw time. */
  firstFrame: FrameInfo | null;
  layouts: LayoutInfo[];
  decodeMs: number | null;
  nodes: number;
  viewport(): Viewport | null;
  setViewport(v: Viewport): void;
  /** Records rAF timestamps and draw times until stop() is called. */
  record(): { stop(): FrameRecord };
}

declare global {
  interface Window {
    __playground?: { graphView?: GraphViewHook };
  }
}

async function loadGraph(params: URLSearchParams): Promise<{ graph: Graph; decodeMs: number | null }> {
  const url = params.get('model');
  if (url) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    const start = performance.now();
    const graph = decodeModel(bytes).graph;
    return { graph, decodeMs: performance.now() - start };
  }
  const nodes = Math.min(20_000, Math.max(1, Number(params.get('nodes') ?? 300) || 300));
  return {
    graph: syntheticGraph({
      nodes,
      seed: Number(params.get('seed') ?? 1),
      scoped: params.get('flat') !== '1',
    }),
    decodeMs: null,
  };
}

/** Parameters per node: elements of the initializers it reads (a real figure for the overlay demo). */
function paramsOverlay(graph: Graph, title: string): NodeOverlay {
  const keys = nodeKeys(graph.nodes);
  const values = new Map<string, number>();
  graph.nodes.forEach((n, i) => {
    const count = n.inputs.reduce(
      (sum, v) => sum + (graph.initializers.has(v) ? numel(graph.initializers.get(v)!.dims) : 0),
      0,
    );
    if (count) values.set(keys[i], count);
  });
  return {
    title,
    values,
    format: (v) =>
      v >= 1e6 ? `${(v / 1e6).toFixed(1)}M` : v >= 1e3 ? `${(v / 1e3).toFixed(1)}k` : String(v),
  };
}

export function DevGraphView() {
  const t = useStrings(strings);
  const [params] = useSearchParams();
  const [graph, setGraph] = useState<Graph | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [viewport, setViewport] = useState<Viewport | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const recorders = useRef(new Set<FrameRecord>());
  const hook = useRef<GraphViewHook | null>(null);
  const viewportRef = useRef(viewport);
  useEffect(() => {
    viewportRef.current = viewport;
  }, [viewport]);

  useEffect(() => {
    let live = true;
    const h: GraphViewHook = {
      firstPaintMs: null,
      firstFrame: null,
      layouts: [],
      decodeMs: null,
      nodes: 0,
      viewport: () => viewportRef.current,
      setViewport: (v) => setViewport(v),
      record: () => {
        const r: FrameRecord = { stamps: [], draws: [] };
        recorders.current.add(r);
        let raf = requestAnimationFrame(function tick(time) {
          r.stamps.push(time);
          raf = requestAnimationFrame(tick);
        });
        return {
          stop: () => {
            cancelAnimationFrame(raf);
            recorders.current.delete(r);
            return r;
          },
        };
      },
    };
    hook.current = h;
    window.__playground = { ...window.__playground, graphView: h };
    loadGraph(params)
      .then(({ graph, decodeMs }) => {
        if (!live) return;
        h.decodeMs = decodeMs;
        h.nodes = graph.nodes.length;
        performance.clearMarks('gv:start');
        performance.mark('gv:start');
        setGraph(graph);
      })
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [params]);

  const onFrame = useCallback((info: FrameInfo) => {
    for (const r of recorders.current) r.draws.push(info.drawMs);
    const h = hook.current;
    if (info.first && h && h.firstFrame === null) h.firstFrame = info;
    if (info.first && h && h.firstPaintMs === null)
      // the frame is on screen once the next animation frame starts
      requestAnimationFrame(() => {
        performance.mark('gv:painted');
        h.firstPaintMs = performance.measure('gv:layout-and-paint', 'gv:start', 'gv:painted').duration;
      });
  }, []);
  const onLayout = useCallback((info: LayoutInfo) => hook.current?.layouts.push(info), []);

  const collapse = params.get('collapse');
  const initialCollapse = collapse === 'none' || collapse === 'all' ? collapse : 'auto';
  const overlay = useMemo(
    () => (graph && params.get('overlay') === 'params' ? paramsOverlay(graph, t.params) : undefined),
    [graph, params, t.params],
  );
  const panes = params.get('panes') === '2' ? 2 : 1;

  return (
    <article data-testid="dev-graph-view" style={{ display: 'grid', gap: '1rem' }}>
      <h1 style={{ margin: 0 }}>{t.title}</h1>
      <p style={{ margin: 0 }}>{t.intro}</p>
      {error && <p role="alert">{t.failed(error)}</p>}
      {!graph && !error && <p>{t.loading}</p>}
      {graph &&
        Array.from({ length: panes }, (_, p) => (
          <GraphView
            key={p}
            graph={graph}
            title={panes === 2 ? (p ? t.after : t.before) : undefined}
            initialCollapse={initialCollapse}
            initialView={params.get('view') === 'fit' ? 'fit' : 'auto'}
            overlay={overlay}
            viewport={viewport}
            onViewportChange={setViewport}
            selectedNode={selected}
            onSelect={setSelected}
            height={panes === 2 ? '24rem' : '36rem'}
            onFrame={p === 0 ? onFrame : undefined}
            onLayout={p === 0 ? onLayout : undefined}
          />
        ))}
    </article>
  );
}
