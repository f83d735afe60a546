// GraphView: an ONNX computation graph, laid out in a Worker and drawn on a canvas, with search, block
// collapsing, a node inspector, keyboard/mouse/touch navigation and PNG/SVG export.
//
// Built to be shared: the graph-optimization playground shows two of these side by side (before/after) and
// the quantization lab colours nodes by per-layer SQNR. Hence the API:
// - highlights {removed, added, changed, related}: sets of node keys drawn as coloured rings
// - overlay: a value per node key, drawn as fill colour + label (see overlay.ts)
// - selectedNode + onSelect: controlled selection by key (nodeKeys() in model.ts gives the keys)
// - viewport + onViewportChange: controlled pan/zoom, so two panes can share one viewport
import './graphView.css';
import {
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import { select as d3select, zoom as d3zoom, zoomIdentity, zoomTransform, type ZoomBehavior } from 'd3';
import type { Graph, TypeInfo } from '../../engine';
import { LayoutClient, type LayoutResult } from '../../workers/layoutClient';
import { useStrings } from '../../ui/i18n';
import { drawScene, MARK, TEXT_ZOOM, type Detail, type DrawState, type Palette } from './draw';
import { exportPng, exportSvg } from './exportImage';
import { Inspector } from './Inspector';
import { Legend, type MarkName } from './Legend';
import { BLOCK_PREFIX, INPUT_PREFIX, OUTPUT_PREFIX, buildModel, buildView, type GraphModel } from './model';
import { NodeList } from './NodeList';
import { overlayRamp, overlayView, type NodeOverlay } from './overlay';
import { readPalette } from './palette';
import { hitTest, nextInReadingOrder, type Scene } from './scene';
import { searchNodes, stepMatch, type Searchable } from './search';
import { graphViewStrings } from './strings';
import { canvasMeasure, useLayout } from './useLayout';
import {
  centreOn,
  fitViewport,
  fitsOnLayout,
  initialViewport,
  panBy,
  sameViewport,
  zoomAt,
  zoomExtent,
  type Size,
  type Viewport,
} from './viewport';

export type { NodeOverlay, Viewport };

export interface Highlights {
  removed?: ReadonlySet<string>;
  added?: ReadonlySet<string>;
  changed?: ReadonlySet<string>;
  /** E.g. the original nodes a selected fused node replaced. */
  related?: ReadonlySet<string>;
}

export interface FrameInfo {
  /** Time spent in drawScene for this frame (ms). */
  drawMs: number;
  nodes: number;
  edges: number;
  detail: Detail;
  /** The first frame drawn with a new layout. */
  first: boolean;
}

export interface LayoutInfo {
  boxes: number;
  edges: number;
  /** Size of the drawing in world units (CSS px at zoom 1). */
  width: number;
  height: number;
  /** Request to scene, including the worker round trip (ms). */
  ms: number;
  stats: LayoutResult['stats'];
}

export interface GraphViewProps {
  graph: Graph;
  /** Value types (e.g. from shape inference) for edge labels; the graph's own value_info otherwise. */
  valueTypes?: ReadonlyMap<string, TypeInfo>;
  /** Accessible name and export file name, e.g. "Before" / "After". */
  title?: string;
  highlights?: Highlights;
  overlay?: NodeOverlay;
  /** Controlled selection (a node key, "input:x", "output:y" or "block:<id>"); leave undefined to let the view own it. */
  selectedNode?: string | null;
  onSelect?: (key: string | null) => void;
  /** Controlled viewport; null until the parent has one (the view then fits and reports it). */
  viewport?: Viewport | null;
  onViewportChange?: (viewport: Viewport) => void;
  /** Blocks collapsed at first: none, all, or all when the graph has more than 1,500 nodes (default). */
  initialCollapse?: 'none' | 'all' | 'auto';
  /** First view: the whole graph ('fit'), or its top at a readable zoom when the whole would be specks ('auto'). */
  initialView?: 'auto' | 'fit';
  /**
   * Keep the viewport when `graph` changes instead of fitting the new graph: for stepping through versions of
   * one graph (the optimizer's timeline), where a reader's zoom must survive a step. The view still fits when
   * it has no viewport yet (a controlled viewport of null) and on "collapse all" / "expand all".
   */
  keepViewport?: boolean;
  /** CSS height of the drawing area. */
  height?: string;
  showInspector?: boolean;
  onLayout?: (info: LayoutInfo) => void;
  onFrame?: (info: FrameInfo) => void;
}

const AUTO_COLLAPSE_NODES = 1500;
const PAN_STEP = 80;

function initialCollapsed(model: GraphModel, mode: GraphViewProps['initialCollapse']): ReadonlySet<string> {
  if (mode === 'none' || (mode !== 'all' && model.graph.nodes.length <= AUTO_COLLAPSE_NODES))
    return new Set();
  return new Set(model.blocks.map((b) => b.id));
}

function searchableOf(model: GraphModel): Searchable[] {
  const { graph } = model;
  return [
    ...graph.inputs.map((v) => ({ key: INPUT_PREFIX + v.name, name: v.name, opType: '' })),
    ...graph.nodes.map((n, i) => ({ key: model.keys[i], name: n.name, opType: n.opType })),
    ...graph.outputs.map((v) => ({ key: OUTPUT_PREFIX + v.name, name: v.name, opType: '' })),
  ];
}

export function GraphView(props: GraphViewProps) {
  const {
    graph,
    valueTypes,
    highlights,
    overlay,
    initialCollapse = 'auto',
    initialView = 'auto',
    height = '32rem',
    showInspector = true,
  } = props;
  const t = useStrings(graphViewStrings);
  const title = props.title ?? (graph.name || t.defaultTitle);
  const model = useMemo(() => buildModel(graph, valueTypes), [graph, valueTypes]);

  // Collapsed blocks belong to one graph: a new graph starts from its own initial state.
  const [collapse, setCollapse] = useState(() => ({ model, set: initialCollapsed(model, initialCollapse) }));
  let collapsed = collapse.set;
  if (collapse.model !== model) {
    collapsed = initialCollapsed(model, initialCollapse);
    setCollapse({ model, set: collapsed });
  }
  const viewText = useMemo(() => ({ blockSize: t.blockSize }), [t]);
  const view = useMemo(() => buildView(model, collapsed, viewText), [model, collapsed, viewText]);

  const rootRef = useRef<HTMLDivElement>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const helpId = useId();

  // Colours follow the page theme (data-theme on <html>).
  const [palette, setPalette] = useState<Palette | null>(null);
  useLayoutEffect(() => {
    const read = () => rootRef.current && setPalette(readPalette(rootRef.current));
    read();
    const observer = new MutationObserver(read);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => observer.disconnect();
  }, []);
  const fontFamily = palette?.fontFamily ?? null;
  const measure = useMemo(() => (fontFamily ? canvasMeasure(fontFamily) : null), [fontFamily]);

  const [client] = useState(() => new LayoutClient());
  useEffect(() => () => client.dispose(), [client]);
  const [attempt, setAttempt] = useState(0);
  const layout = useLayout(view, measure, client, attempt);
  // The last layout stays on screen while the next one runs, unless it is of another graph.
  const scene = layout.scene?.view.model === model ? layout.scene : null;

  const [size, setSize] = useState<Size>({ width: 0, height: 0 });
  useLayoutEffect(() => {
    const el = wrapRef.current!;
    const update = () =>
      setSize((s) =>
        s.width === el.clientWidth && s.height === el.clientHeight
          ? s
          : { width: el.clientWidth, height: el.clientHeight },
      );
    update();
    const observer = new ResizeObserver(update);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // Viewport: the parent's when given, else our own.
  const controlledViewport = props.viewport !== undefined;
  const [ownViewport, setOwnViewport] = useState<Viewport | null>(null);
  const viewport = (controlledViewport ? props.viewport : ownViewport) ?? null;
  const { onViewportChange } = props;
  const setViewport = useCallback(
    (v: Viewport) => {
      if (!controlledViewport) setOwnViewport(v);
      onViewportChange?.(v);
    },
    [controlledViewport, onViewportChange],
  );

  // Selection: the parent's when given, else our own.
  const controlledSelection = props.selectedNode !== undefined;
  const [ownSelection, setOwnSelection] = useState<string | null>(null);
  const selectedKey = (controlledSelection ? props.selectedNode : ownSelection) ?? null;
  const { onSelect } = props;
  const select = useCallback(
    (key: string | null) => {
      if (!controlledSelection) setOwnSelection(key);
      onSelect?.(key);
    },
    [controlledSelection, onSelect],
  );
  const selectedIndex = scene && selectedKey !== null ? (scene.view.indexOf.get(selectedKey) ?? -1) : -1;

  // Search.
  const [query, setQuery] = useState('');
  const [matchAt, setMatchAt] = useState(-1);
  const searchable = useMemo(() => searchableOf(model), [model]);
  const matches = useMemo(() => searchNodes(searchable, query), [searchable, query]);

  const marks = useMemo(() => {
    const m = new Uint8Array(scene?.view.nodes.length ?? 0);
    if (!scene) return m;
    const mark = (keys: Iterable<string> | undefined, bit: number) => {
      if (keys)
        for (const k of keys) {
          const i = scene.view.indexOf.get(k);
          if (i !== undefined) m[i] |= bit;
        }
    };
    mark(highlights?.removed, MARK.removed);
    mark(highlights?.added, MARK.added);
    mark(highlights?.changed, MARK.changed);
    mark(highlights?.related, MARK.related);
    mark(
      matches.map((i) => searchable[i].key),
      MARK.match,
    );
    return m;
  }, [scene, highlights, matches, searchable]);
  const overlayState = useMemo(
    () => (scene && overlay ? overlayView(scene.view, model, overlay) : null),
    [scene, overlay, model],
  );
  const drawState = useMemo<DrawState>(
    () => ({
      selected: selectedIndex,
      marks,
      overlayFill: overlayState?.fill,
      overlayText: overlayState?.text,
      overlayLabel: overlayState?.label,
    }),
    [selectedIndex, marks, overlayState],
  );

  // Fit when a graph is first laid out (or, with keepViewport, only when there is no viewport yet); keep a
  // toggled block in place when its layout changes.
  const fittedModel = useRef<GraphModel | null>(null);
  const refit = useRef(false);
  const anchor = useRef<{ key: string; sx: number; sy: number } | null>(null);
  const reveal = useRef<string | null>(null);
  useEffect(() => {
    if (!scene || scene.view !== view || !size.width) return;
    const newGraph = fittedModel.current !== model;
    fittedModel.current = model;
    if (newGraph) anchor.current = null;
    if (
      fitsOnLayout({ viewport, newGraph, keepViewport: props.keepViewport ?? false, refit: refit.current })
    ) {
      refit.current = false;
      anchor.current = null;
      setViewport(initialView === 'fit' ? fitViewport(scene, size) : initialViewport(scene, size));
      return;
    }
    if (!viewport) return;
    if (anchor.current) {
      const { key, sx, sy } = anchor.current;
      anchor.current = null;
      const i = scene.view.indexOf.get(key);
      if (i !== undefined)
        setViewport({ k: viewport.k, x: sx - scene.x[i] * viewport.k, y: sy - scene.y[i] * viewport.k });
    }
    if (reveal.current) {
      const i = scene.view.indexOf.get(reveal.current);
      reveal.current = null;
      if (i !== undefined)
        setViewport(centreOn(viewport, scene.x[i], scene.y[i], size, Math.max(viewport.k, 1)));
    }
    // viewport is read, not followed: this runs when a new layout arrives
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scene, view, model, size.width > 0]);

  // Report layouts and frames (benchmarks, a performance HUD).
  const callbacks = useRef({ onLayout: props.onLayout, onFrame: props.onFrame });
  useLayoutEffect(() => {
    callbacks.current = { onLayout: props.onLayout, onFrame: props.onFrame };
  });
  useEffect(() => {
    if (scene && layout.stats)
      callbacks.current.onLayout?.({
        boxes: scene.x.length,
        edges: scene.view.edges.length,
        width: scene.width,
        height: scene.height,
        ms: layout.ms,
        stats: layout.stats,
      });
  }, [scene, layout.stats, layout.ms]);

  // Drawing: at most once per animation frame, with the latest state.
  const frame = useRef({ raf: 0, drawn: null as Scene | null, paint: () => {} });
  useLayoutEffect(() => {
    frame.current.paint = () => {
      const canvas = canvasRef.current;
      if (!canvas || !scene || !viewport || !palette || !size.width || !size.height) return;
      const dpr = window.devicePixelRatio || 1;
      const w = Math.round(size.width * dpr);
      const h = Math.round(size.height * dpr);
      if (canvas.width !== w) canvas.width = w;
      if (canvas.height !== h) canvas.height = h;
      const ctx = canvas.getContext('2d', { alpha: false });
      if (!ctx) return;
      const start = performance.now();
      const stats = drawScene(ctx, scene, viewport, size, palette, drawState, { dpr });
      const first = frame.current.drawn !== scene;
      frame.current.drawn = scene;
      callbacks.current.onFrame?.({ ...stats, drawMs: performance.now() - start, first });
    };
    if (!frame.current.raf)
      frame.current.raf = requestAnimationFrame(() => {
        frame.current.raf = 0;
        frame.current.paint();
      });
  });
  // Reset the handle too: under StrictMode the effect is cleaned up and run again, and a stale handle
  // would keep the guard above from ever scheduling another frame.
  useEffect(
    () => () => {
      cancelAnimationFrame(frame.current.raf);
      frame.current.raf = 0;
    },
    [],
  );

  // Mouse, wheel and touch pan/zoom through d3-zoom, kept in step with the viewport state.
  const zoomRef = useRef<ZoomBehavior<HTMLCanvasElement, unknown> | null>(null);
  const syncing = useRef(false);
  const setViewportRef = useRef(setViewport);
  useLayoutEffect(() => {
    setViewportRef.current = setViewport;
  });
  useEffect(() => {
    const canvas = canvasRef.current!;
    const behaviour = d3zoom<HTMLCanvasElement, unknown>().on('zoom', (event: { transform: Viewport }) => {
      if (!syncing.current)
        setViewportRef.current({ x: event.transform.x, y: event.transform.y, k: event.transform.k });
    });
    d3select(canvas).call(behaviour).on('dblclick.zoom', null);
    zoomRef.current = behaviour;
    return () => {
      d3select(canvas).on('.zoom', null);
    };
  }, []);
  const extent = useMemo<[number, number]>(
    () => (scene && size.width ? zoomExtent(scene, size) : [0.01, 4]),
    [scene, size],
  );
  useEffect(() => {
    zoomRef.current?.scaleExtent(extent);
  }, [extent]);
  useEffect(() => {
    const canvas = canvasRef.current;
    const behaviour = zoomRef.current;
    if (!canvas || !behaviour || !viewport || sameViewport(zoomTransform(canvas), viewport)) return;
    syncing.current = true;
    behaviour.transform(d3select(canvas), zoomIdentity.translate(viewport.x, viewport.y).scale(viewport.k));
    syncing.current = false;
  }, [viewport]);

  /** Selects a view box and brings it into view (zooming in to legible size if needed). */
  const focusBox = (i: number) => {
    if (!scene || !viewport) return;
    select(scene.view.nodes[i].key);
    const sx = scene.x[i] * viewport.k + viewport.x;
    const sy = scene.y[i] * viewport.k + viewport.y;
    const margin = 40;
    const inside = sx > margin && sx < size.width - margin && sy > margin && sy < size.height - margin;
    if (!inside || viewport.k < TEXT_ZOOM)
      setViewport(centreOn(viewport, scene.x[i], scene.y[i], size, Math.max(viewport.k, 1)));
  };

  /** Selects a key, expanding the collapsed blocks that hide it. */
  const focusKey = (key: string) => {
    const i = model.keyIndex.get(key);
    const hiding =
      i === undefined ? [] : model.chains[i].map((b) => model.blocks[b].id).filter((id) => collapsed.has(id));
    if (hiding.length) {
      const next = new Set(collapsed);
      for (const id of hiding) next.delete(id);
      setCollapse({ model, set: next });
      select(key);
      reveal.current = key;
      return;
    }
    const box = scene?.view.indexOf.get(key);
    if (box !== undefined) focusBox(box);
  };

  const toggleBlock = (blockId: string) => {
    const b = model.blocks.findIndex((x) => x.id === blockId);
    if (b < 0) return;
    const block = model.blocks[b];
    const expanding = collapsed.has(blockId);
    const key = expanding ? model.keys[block.members[0]] : BLOCK_PREFIX + blockId;
    const before = scene?.view.indexOf.get(expanding ? BLOCK_PREFIX + blockId : model.keys[block.members[0]]);
    if (scene && viewport && before !== undefined)
      anchor.current = {
        key,
        sx: scene.x[before] * viewport.k + viewport.x,
        sy: scene.y[before] * viewport.k + viewport.y,
      };
    const next = new Set(collapsed);
    if (expanding) next.delete(blockId);
    else next.add(blockId);
    setCollapse({ model, set: next });
    if (selectedKey && !expanding && block.members.some((m) => model.keys[m] === selectedKey))
      select(BLOCK_PREFIX + blockId);
  };

  const setAllCollapsed = (all: boolean) => {
    anchor.current = null;
    setCollapse({ model, set: all ? new Set(model.blocks.map((b) => b.id)) : new Set() });
    refit.current = true; // the drawing changes completely
  };

  const goToMatch = (step: 1 | -1) => {
    const next = stepMatch(matches.length, matchAt, step);
    setMatchAt(next);
    if (next >= 0) focusKey(searchable[matches[next]].key);
  };

  const zoomBy = (factor: number) =>
    viewport && setViewport(zoomAt(viewport, factor, size.width / 2, size.height / 2, extent));
  const fit = () => scene && setViewport(fitViewport(scene, size));

  const tabReleased = useRef(false);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    // keys belong to the canvas itself, not to the buttons shown over it (Cancel, Retry)
    if (e.target !== e.currentTarget || e.ctrlKey || e.metaKey || e.altKey || !scene || !viewport) return;
    const step = e.shiftKey ? 4 * PAN_STEP : PAN_STEP;
    const key = e.key;
    if (key !== 'Tab') tabReleased.current = false;
    const handled = () => e.preventDefault();
    if (key === '+' || key === '=') zoomBy(1.25);
    else if (key === '-' || key === '_') zoomBy(0.8);
    else if (key === '0') fit();
    else if (key === 'ArrowLeft') setViewport(panBy(viewport, step, 0));
    else if (key === 'ArrowRight') setViewport(panBy(viewport, -step, 0));
    else if (key === 'ArrowUp') setViewport(panBy(viewport, 0, step));
    else if (key === 'ArrowDown') setViewport(panBy(viewport, 0, -step));
    else if (key === 'Tab') {
      // Tab walks the boxes in reading order; past the last one (or after Esc) it leaves the graph.
      const order = scene.readingOrder;
      const atEnd = selectedIndex === order[e.shiftKey ? 0 : order.length - 1];
      if (tabReleased.current || order.length === 0 || (selectedIndex >= 0 && atEnd)) return;
      focusBox(nextInReadingOrder(scene, selectedIndex, e.shiftKey ? -1 : 1));
    } else if (key === 'Enter') {
      if (selectedIndex < 0) return;
      headingRef.current?.focus();
    } else if (key === 'Escape') {
      select(null);
      tabReleased.current = true;
    } else if (key === '/') searchRef.current?.focus();
    else if (key === 'c' || key === 'C') {
      const node = selectedIndex >= 0 ? scene.view.nodes[selectedIndex] : null;
      if (node?.kind === 'block') toggleBlock(model.blocks[node.ref].id);
      else if (node?.kind === 'op' && model.chains[node.ref].length)
        toggleBlock(model.blocks[model.chains[node.ref].at(-1)!].id);
      else return;
    } else return;
    handled();
  };

  const pointToBox = (e: MouseEvent<HTMLCanvasElement>) => {
    if (!scene || !viewport) return -1;
    const r = e.currentTarget.getBoundingClientRect();
    return hitTest(
      scene,
      (e.clientX - r.left - viewport.x) / viewport.k,
      (e.clientY - r.top - viewport.y) / viewport.k,
      4 / viewport.k,
    );
  };
  const onClick = (e: MouseEvent<HTMLCanvasElement>) => {
    const i = pointToBox(e);
    select(i >= 0 && scene ? scene.view.nodes[i].key : null);
    wrapRef.current?.focus({ preventScroll: true });
  };
  const onDoubleClick = (e: MouseEvent<HTMLCanvasElement>) => {
    const i = pointToBox(e);
    const node = i >= 0 && scene ? scene.view.nodes[i] : null;
    if (node?.kind === 'block') toggleBlock(model.blocks[node.ref].id);
  };

  const exportAs = (format: 'png' | 'svg') => {
    if (!scene || !palette) return;
    if (format === 'svg') exportSvg(scene, palette, drawState, title);
    else void exportPng(scene, palette, drawState, title);
  };

  const selectedNode = scene && selectedIndex >= 0 ? scene.view.nodes[selectedIndex] : null;
  const announcement = selectedNode
    ? t.selected(
        [selectedNode.title, selectedNode.detail, selectedNode.weights].filter(Boolean).join(', '),
        scene!.readingOrder.indexOf(selectedIndex) + 1,
        scene!.readingOrder.length,
      )
    : '';
  const markNames = (['removed', 'added', 'changed', 'related'] as const).filter(
    (m) => highlights?.[m]?.size,
  );
  const legendMarks: MarkName[] = matches.length ? [...markNames, 'match'] : [...markNames];
  const percent = Math.round(layout.progress * 100);
  const domain = overlayState?.domain;
  const format = overlay?.format ?? ((v: number) => String(Number(v.toPrecision(3))));

  return (
    <div
      ref={rootRef}
      className="graph-view"
      style={{ ['--gv-height' as string]: height }}
      data-testid="graph-view"
      data-zoom={viewport ? viewport.k.toFixed(4) : ''}
    >
      <div className="gv-toolbar">
        <form
          className="gv-search"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            goToMatch(1);
          }}
        >
          <input
            ref={searchRef}
            type="search"
            value={query}
            placeholder={t.searchPlaceholder}
            aria-label={t.search}
            onChange={(e) => {
              setQuery(e.target.value);
              setMatchAt(-1);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && e.shiftKey) {
                e.preventDefault();
                goToMatch(-1);
              } else if (e.key === 'Escape') wrapRef.current?.focus();
            }}
          />
          <span className="gv-count" aria-live="polite" data-testid="match-count">
            {query.trim()
              ? matches.length
                ? matchAt >= 0
                  ? t.matchOf(matchAt + 1, matches.length)
                  : t.matchCount(matches.length)
                : t.noMatches
              : ''}
          </span>
          <button
            type="button"
            className="icon-button"
            aria-label={t.previousMatch}
            disabled={!matches.length}
            onClick={() => goToMatch(-1)}
          >
            ↑
          </button>
          <button type="submit" className="icon-button" aria-label={t.nextMatch} disabled={!matches.length}>
            ↓
          </button>
        </form>
        <button type="button" className="button" onClick={fit} title={t.fitLabel}>
          {t.fit}
        </button>
        <button type="button" className="icon-button" onClick={() => zoomBy(1.25)} aria-label={t.zoomIn}>
          +
        </button>
        <button type="button" className="icon-button" onClick={() => zoomBy(0.8)} aria-label={t.zoomOut}>
          −
        </button>
        {model.blocks.length > 0 &&
          (collapsed.size ? (
            <button type="button" className="button" onClick={() => setAllCollapsed(false)}>
              {t.expandAll}
            </button>
          ) : (
            <button type="button" className="button" onClick={() => setAllCollapsed(true)}>
              {t.collapseAll}
            </button>
          ))}
        <button
          type="button"
          className="button"
          onClick={() => exportAs('png')}
          aria-label={t.exportLabel('PNG')}
          disabled={!scene}
        >
          {t.exportPng}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => exportAs('svg')}
          aria-label={t.exportLabel('SVG')}
          disabled={!scene}
        >
          {t.exportSvg}
        </button>
      </div>
      <div className={showInspector ? 'gv-body' : 'gv-body no-inspector'}>
        <div
          ref={wrapRef}
          className="gv-canvas-wrap"
          tabIndex={0}
          role="application"
          aria-roledescription="graph"
          aria-label={t.graphLabel(title, view.nodes.length, view.edges.length)}
          aria-describedby={helpId}
          data-own-keys
          data-testid="graph-canvas"
          onKeyDown={onKeyDown}
          onFocus={(e) => {
            if (e.target === e.currentTarget) tabReleased.current = false;
          }}
        >
          <canvas ref={canvasRef} aria-hidden="true" onClick={onClick} onDoubleClick={onDoubleClick} />
          <p id={helpId} className="visually-hidden">
            {t.keysHelp}
          </p>
          <p className="visually-hidden" aria-live="polite" data-testid="announcement">
            {announcement}
          </p>
          {layout.status === 'running' && (
            <div className="gv-progress" role="status">
              <progress max={100} value={percent} aria-label={t.layingOut(percent)} />
              <span>{t.layingOut(percent)}</span>
              <button type="button" className="button" onClick={() => client.cancel()}>
                {t.cancel}
              </button>
            </div>
          )}
          {(layout.status === 'cancelled' || layout.status === 'failed') && (
            <div className="gv-message" role="alert">
              <p>{layout.status === 'cancelled' ? t.cancelled : t.layoutFailed(layout.error ?? '')}</p>
              <button type="button" className="button" onClick={() => setAttempt((a) => a + 1)}>
                {t.retry}
              </button>
            </div>
          )}
        </div>
        {showInspector && (
          <Inspector
            model={model}
            node={selectedNode}
            overlay={
              overlay && overlayState?.label[selectedIndex]
                ? { title: overlay.title, label: overlayState.label[selectedIndex]! }
                : null
            }
            onToggleBlock={toggleBlock}
            onClose={() => {
              select(null);
              wrapRef.current?.focus();
            }}
            headingRef={headingRef}
          />
        )}
      </div>
      <div className="gv-footer">
        <Legend
          marks={legendMarks}
          overlay={
            overlay && domain
              ? {
                  title: overlay.title,
                  min: format(domain[0]),
                  max: format(domain[1]),
                  ramp: overlayRamp(overlay),
                }
              : null
          }
        />
        {scene && layout.status === 'done' && (
          <span data-testid="graph-status">
            {t.status(scene.x.length, scene.view.edges.length, Math.round(layout.ms))}
          </span>
        )}
      </div>
      {scene && <NodeList scene={scene} onChoose={(key) => focusKey(key)} />}
    </div>
  );
}
