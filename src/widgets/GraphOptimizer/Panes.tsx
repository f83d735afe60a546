// Before and after, side by side: two GraphViews sharing one viewport and one selection. Removed nodes
// are ringed on the left, added and changed ones on the right; selecting a fused node rings, in the other
// pane, the nodes it stands for (and the other way round).
import { useMemo, useState } from 'react';
import type { Graph } from '../../engine';
import { useLang, useStrings } from '../../ui/i18n';
import type { Analysis } from '../../workers/optimizerProtocol';
import { GraphView, type Highlights, type NodeOverlay, type Viewport } from '../GraphView/View';
import { INPUT_PREFIX, OUTPUT_PREFIX, nodeKeys } from '../GraphView/model';
import { formatBytes, formatCompact } from './format';
import { strings } from './strings';
import type { Diff } from './timeline';

export type OverlayKind = 'none' | 'macs' | 'params' | 'bytes';
type Side = 'left' | 'right';

export interface PaneGraph {
  graph: Graph;
  analysis: Analysis | undefined;
  title: string;
}

interface Keyed {
  keys: string[];
  keyOf: Map<string, string>;
  nameOf: Map<string, string>;
}

function keyed(graph: Graph): Keyed {
  const keys = nodeKeys(graph.nodes);
  const keyOf = new Map<string, string>();
  const nameOf = new Map<string, string>();
  graph.nodes.forEach((n, i) => {
    if (!keyOf.has(n.name)) keyOf.set(n.name, keys[i]);
    nameOf.set(keys[i], n.name);
  });
  return { keys, keyOf, nameOf };
}

const toKeys = (names: Iterable<string> | undefined, k: Keyed) =>
  new Set([...(names ?? [])].flatMap((n) => (k.keyOf.has(n) ? [k.keyOf.get(n)!] : [])));

/** A selection key in one pane → the same thing in the other (a node of the same name, an input, an output). */
function counterpart(key: string, from: Keyed, to: Keyed): string | null {
  if (key.startsWith(INPUT_PREFIX) || key.startsWith(OUTPUT_PREFIX)) return key;
  const name = from.nameOf.get(key);
  return name !== undefined ? (to.keyOf.get(name) ?? null) : null;
}

function useOverlay(pane: PaneGraph, k: Keyed, kind: OverlayKind, title: string): NodeOverlay | undefined {
  const lang = useLang();
  const nodes = pane.analysis?.nodes;
  return useMemo(() => {
    if (kind === 'none' || !nodes) return undefined;
    const values = new Map<string, number>();
    nodes.forEach((figures, i) => {
      if (figures[kind] > 0 && k.keys[i] !== undefined) values.set(k.keys[i], figures[kind]);
    });
    const format =
      kind === 'bytes' ? (v: number) => formatBytes(lang, v) : (v: number) => formatCompact(lang, v);
    return { title, values, format };
  }, [kind, nodes, k, title, lang]);
}

/**
 * The graph to draw: the newest one once its analysis (edge shapes) is in, else the last analysed one, so
 * that a pane is laid out once per step rather than once without and once with shapes.
 */
function useSettled(p: PaneGraph): PaneGraph {
  const [shown, setShown] = useState(p);
  const fresh = shown.graph !== p.graph || shown.analysis !== p.analysis;
  if (fresh && (p.analysis || !shown.analysis)) {
    setShown(p);
    return p;
  }
  return { ...shown, title: p.title };
}

/** Keyed by the input model by its parent: a new model starts with a fitted view and no selection. */
export function Panes(props: { left: PaneGraph; right: PaneGraph; diff: Diff; overlay: OverlayKind }) {
  const { diff, overlay } = props;
  const left = useSettled(props.left);
  const right = useSettled(props.right);
  const t = useStrings(strings);
  const [viewport, setViewport] = useState<Viewport | null>(null);
  const [selection, setSelection] = useState<{ side: Side; key: string } | null>(null);
  const L = useMemo(() => keyed(left.graph), [left.graph]);
  const R = useMemo(() => keyed(right.graph), [right.graph]);

  const selected = useMemo(() => {
    if (!selection) return { left: null, right: null };
    const [own, other] = selection.side === 'left' ? [L, R] : [R, L];
    const there = counterpart(selection.key, own, other);
    return selection.side === 'left'
      ? { left: selection.key, right: there }
      : { left: there, right: selection.key };
  }, [selection, L, R]);

  const highlights = useMemo(() => {
    const name = selection ? (selection.side === 'left' ? L : R).nameOf.get(selection.key) : undefined;
    const leftRelated = selection?.side === 'right' && name ? diff.origins.get(name) : undefined;
    const rightRelated = selection?.side === 'left' && name ? diff.successors.get(name) : undefined;
    const l: Highlights = {
      removed: toKeys(diff.removed, L),
      changed: toKeys(diff.changed, L),
      related: toKeys(leftRelated, L),
    };
    const r: Highlights = {
      added: toKeys(diff.added, R),
      changed: toKeys(diff.changed, R),
      related: toKeys(rightRelated, R),
    };
    return { left: l, right: r };
  }, [diff, selection, L, R]);

  const title = t.overlays[overlay];
  const leftOverlay = useOverlay(left, L, overlay, title);
  const rightOverlay = useOverlay(right, R, overlay, title);

  const pane = (side: Side, p: PaneGraph, o: NodeOverlay | undefined) => (
    <div
      className="go-pane"
      data-testid={`pane-${side}`}
      data-nodes={p.graph.nodes.length}
      data-selected={selected[side] ?? ''}
      data-related={highlights[side].related?.size ?? 0}
    >
      {(p.graph !== (side === 'left' ? props.left : props.right).graph || !p.analysis) && (
        <p className="go-pane-badge" role="status">
          {t.analysing}
        </p>
      )}
      <GraphView
        graph={p.graph}
        valueTypes={p.analysis?.valueTypes}
        title={p.title}
        highlights={highlights[side]}
        overlay={o}
        selectedNode={selected[side]}
        onSelect={(key) => setSelection(key === null ? null : { side, key })}
        viewport={viewport}
        onViewportChange={setViewport}
        height="26rem"
        initialView="auto"
        keepViewport
        showInspector
      />
    </div>
  );

  return (
    <div className="go-panes">
      {pane('left', left, leftOverlay)}
      {pane('right', right, rightOverlay)}
    </div>
  );
}
