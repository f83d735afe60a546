// <ArchitectureExplorer view="system" | "engine" />: a diagram of an inference system or an inference engine.
// Clicking a box (or Enter/Space on it) opens a panel: what the box does, the problem it answers, and the
// lessons that cover it. Tab follows the reading order; the arrow keys move to the nearest box that way.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useStrings } from '../../ui/i18n';
import { LessonRef } from '../../ui/LessonRef';
import { useElementWidth } from '../../ui/useElementWidth';
import { diagrams, type ViewName } from './diagrams';
import { drawDiagram } from './draw';
import { edgeKinds, layoutDiagram, neighbour, type Direction } from './layout';
import { nodeStrings, strings, type NodeId } from './strings';
import { WidgetFrame } from '../../ui/WidgetFrame';
import '../../ui/widget.css';
import './ArchitectureExplorer.css';

const ARROWS: Record<string, Direction> = {
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ArrowUp: 'up',
  ArrowDown: 'down',
};

/** The root font size in px, so that the diagram grows with presenter mode. */
const remPx = () =>
  typeof window === 'undefined' ? 16 : parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;

export default function ArchitectureExplorer({ view }: { view: ViewName }) {
  if (!Object.hasOwn(diagrams, view))
    throw new Error(`ArchitectureExplorer: unknown view "${String(view)}" (expected "system" or "engine")`);
  return <Explorer view={view} />;
}

function Explorer({ view }: { view: ViewName }) {
  const diagram = diagrams[view];
  const t = useStrings(strings);
  const text = useStrings(nodeStrings);
  const uid = useId();
  const idPrefix = `ae${uid.replace(/[^a-zA-Z0-9]/g, '')}`;
  const panelId = `${idPrefix}-panel`;
  const [selected, setSelected] = useState<NodeId | null>(null);
  const stage = useRef<HTMLDivElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const width = useElementWidth(stage);
  const layout = width > 0 ? layoutDiagram(diagram, width, remPx()) : null;

  useEffect(() => {
    if (svg.current && layout)
      drawDiagram(svg.current, { layout, selected, groupLabels: t.groups, idPrefix });
  });

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>, id: string) {
    if (!layout) return;
    const ids = diagram.nodes.map((n) => n.id);
    const target =
      event.key in ARROWS
        ? neighbour(layout.nodes, id, ARROWS[event.key])
        : event.key === 'Home'
          ? ids[0]
          : event.key === 'End'
            ? ids[ids.length - 1]
            : undefined;
    if (event.key === 'Escape' && selected) {
      event.preventDefault();
      setSelected(null);
      return;
    }
    if (target === undefined) return;
    event.preventDefault();
    if (target) buttons.current.get(target)?.focus();
  }

  const info = selected ? text[selected] : null;
  const lessons = diagram.nodes.find((n) => n.id === selected)?.lessons ?? [];
  const name = (id: string) => text[id as NodeId].title;
  return (
    <WidgetFrame
      kind="architecture-explorer"
      title={t.title[view]}
      subtitle={t.hint}
      data-testid="architecture-explorer"
      data-view={view}
    >
      <div ref={stage} className={`ae-stage ${layout?.mode ?? ''}`} style={{ height: layout?.height }}>
        <svg ref={svg} className="ae-svg" aria-hidden="true" />
        {layout?.nodes.map((n) => {
          const node = text[n.id as NodeId];
          return (
            <button
              key={n.id}
              ref={(el) => {
                if (el) buttons.current.set(n.id, el);
                else buttons.current.delete(n.id);
              }}
              type="button"
              className={n.id === selected ? 'ae-box selected' : 'ae-box'}
              style={{ left: n.x, top: n.y, width: n.w, height: n.h }}
              aria-expanded={n.id === selected}
              aria-controls={panelId}
              data-node={n.id}
              onClick={() => setSelected(n.id as NodeId)}
              onKeyDown={(e) => onKeyDown(e, n.id)}
            >
              <span className="ae-title">{node.title}</span>
              <span className="ae-sub">{node.sub}</span>
            </button>
          );
        })}
      </div>

      <ul className="ae-legend">
        {edgeKinds(diagram).map((kind) => (
          <li key={kind}>
            <svg width="34" height="10" aria-hidden="true">
              <line className={`ae-edge ${kind}`} x1="1" y1="5" x2="33" y2="5" />
            </svg>
            {t.legend[kind][view]}
          </li>
        ))}
      </ul>
      {/* The arrows as text, for screen readers. */}
      <ul className="visually-hidden">
        {diagram.edges.map((e) => (
          <li key={`${e.from}-${e.to}`}>
            {name(e.from)} → {name(e.to)} ({t.legend[e.kind][view]})
          </li>
        ))}
      </ul>

      <div id={panelId} className="ae-panel" aria-live="polite" data-testid="explorer-panel">
        {info ? (
          <>
            <div className="ae-panel-head">
              <h4>
                {info.title} <span className="ae-panel-sub">{info.sub}</span>
              </h4>
              <button
                type="button"
                className="icon-button"
                aria-label={t.close}
                onClick={() => {
                  buttons.current.get(selected!)?.focus();
                  setSelected(null);
                }}
              >
                <span aria-hidden="true">×</span>
              </button>
            </div>
            <h5>{t.does}</h5>
            <p>{info.does}</p>
            <h5>{t.problem}</h5>
            <p>{info.problem}</p>
            <h5>{t.lessons}</h5>
            <ul className="ae-lessons">
              {lessons.map((to) => (
                <li key={to}>
                  <LessonRef to={to} />
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p className="ae-empty">{t.empty}</p>
        )}
      </div>
    </WidgetFrame>
  );
}
