// Geometry of a diagram for a given width: box rectangles from grid cells, arrow paths between box borders,
// group frames, and which box an arrow key moves to. Pure, so it is tested in Node.
import type { Diagram, DiagramEdge, EdgeKind } from './diagrams';

export type LayoutMode = 'wide' | 'narrow';

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface PlacedNode extends Rect {
  id: string;
}

export interface PlacedEdge extends DiagramEdge {
  /** Start and end points on the borders of the two boxes. */
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface PlacedGroup extends Rect {
  id: string;
}

export interface Layout {
  mode: LayoutMode;
  width: number;
  height: number;
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  groups: PlacedGroup[];
}

/** Below this width the narrow placement is used. */
export const WIDE_FROM = 640;

/** Spacing in rem, converted with the page's root font size so presenter mode scales the diagram too. */
const SPACING = {
  wide: { colGap: 2.25, rowGap: 2.5, rowHeight: 5 },
  narrow: { colGap: 0.75, rowGap: 2, rowHeight: 4.5 },
} as const;
/** Room around a group's boxes, and above them for its label (rem). */
const GROUP_PAD = 0.5;
const GROUP_LABEL = 1.25;
/** Two arrows between the same boxes in opposite directions are drawn this far apart (px). */
const PARALLEL_OFFSET = 5;

export const modeFor = (width: number): LayoutMode => (width >= WIDE_FROM ? 'wide' : 'narrow');

export function layoutDiagram(diagram: Diagram, width: number, rem = 16): Layout {
  const mode = modeFor(width);
  const s = SPACING[mode];
  const colGap = s.colGap * rem;
  const rowGap = s.rowGap * rem;
  const rowHeight = s.rowHeight * rem;
  const hasGroups = diagram.groups.length > 0;
  const side = hasGroups ? GROUP_PAD * rem + 1 : 1;
  const top = hasGroups ? (GROUP_PAD + GROUP_LABEL) * rem + 1 : 1;

  const cells = diagram.nodes.map((n) => n[mode]);
  const cols = Math.max(...cells.map((c) => c.col + (c.span ?? 1)));
  const colWidth = (width - 2 * side - (cols - 1) * colGap) / cols;

  const nodes: PlacedNode[] = diagram.nodes.map((n) => {
    const { col, row, span = 1 } = n[mode];
    return {
      id: n.id,
      x: side + col * (colWidth + colGap),
      y: top + row * (rowHeight + rowGap),
      w: span * colWidth + (span - 1) * colGap,
      h: rowHeight,
    };
  });
  const byId = new Map(nodes.map((n) => [n.id, n]));

  const groups: PlacedGroup[] = diagram.groups.map((g) => {
    const members = g.nodes.map((id) => byId.get(id)!);
    const x = Math.min(...members.map((m) => m.x)) - GROUP_PAD * rem;
    const y = Math.min(...members.map((m) => m.y)) - (GROUP_PAD + GROUP_LABEL) * rem;
    const right = Math.max(...members.map((m) => m.x + m.w)) + GROUP_PAD * rem;
    const bottom = Math.max(...members.map((m) => m.y + m.h)) + GROUP_PAD * rem;
    return { id: g.id, x, y, w: right - x, h: bottom - y };
  });

  const edges = diagram.edges.map((e) => {
    const antiparallel = diagram.edges.some((o) => o.from === e.to && o.to === e.from);
    return { ...e, ...connect(byId.get(e.from)!, byId.get(e.to)!, antiparallel ? PARALLEL_OFFSET : 0) };
  });

  const height =
    Math.max(...nodes.map((n) => n.y + n.h), ...groups.map((g) => g.y + g.h)) +
    (hasGroups ? GROUP_PAD * rem : 0) +
    1;
  return { mode, width, height, nodes, edges, groups };
}

/**
 * The segment from box a to box b. Boxes that overlap horizontally (or vertically) get a straight vertical
 * (horizontal) arrow in the middle of the overlap; others a diagonal between their centres, cut at the borders.
 * `offset` shifts the arrow to its right, so that a → b and b → a do not lie on top of each other.
 */
export function connect(a: Rect, b: Rect, offset = 0): { x1: number; y1: number; x2: number; y2: number } {
  const overlapX = [Math.max(a.x, b.x), Math.min(a.x + a.w, b.x + b.w)];
  const overlapY = [Math.max(a.y, b.y), Math.min(a.y + a.h, b.y + b.h)];
  if (overlapX[0] < overlapX[1]) {
    const down = b.y > a.y;
    const x = (overlapX[0] + overlapX[1]) / 2 + (down ? -offset : offset);
    return { x1: x, y1: down ? a.y + a.h : a.y, x2: x, y2: down ? b.y : b.y + b.h };
  }
  if (overlapY[0] < overlapY[1]) {
    const right = b.x > a.x;
    const y = (overlapY[0] + overlapY[1]) / 2 + (right ? offset : -offset);
    return { x1: right ? a.x + a.w : a.x, y1: y, x2: right ? b.x : b.x + b.w, y2: y };
  }
  const [ax, ay] = [a.x + a.w / 2, a.y + a.h / 2];
  const [bx, by] = [b.x + b.w / 2, b.y + b.h / 2];
  const [dx, dy] = [bx - ax, by - ay];
  const length = Math.hypot(dx, dy);
  const [nx, ny] = [(-dy / length) * offset, (dx / length) * offset];
  const exit = (r: Rect) => Math.min(r.w / 2 / Math.abs(dx || 1e-9), r.h / 2 / Math.abs(dy || 1e-9));
  const ta = exit(a);
  const tb = exit(b);
  return { x1: ax + dx * ta + nx, y1: ay + dy * ta + ny, x2: bx - dx * tb + nx, y2: by - dy * tb + ny };
}

export type Direction = 'left' | 'right' | 'up' | 'down';

/** The box an arrow key moves to: the nearest one whose centre lies in that direction (null at the edge). */
export function neighbour(nodes: readonly PlacedNode[], fromId: string, direction: Direction): string | null {
  const from = nodes.find((n) => n.id === fromId);
  if (!from) return null;
  const cx = from.x + from.w / 2;
  const cy = from.y + from.h / 2;
  let best: { id: string; score: number } | null = null;
  for (const n of nodes) {
    if (n.id === fromId) continue;
    const dx = n.x + n.w / 2 - cx;
    const dy = n.y + n.h / 2 - cy;
    const [along, across] =
      direction === 'left'
        ? [-dx, dy]
        : direction === 'right'
          ? [dx, dy]
          : direction === 'up'
            ? [-dy, dx]
            : [dy, dx];
    if (along <= 1) continue;
    // Prefer boxes straight ahead: sideways distance counts double.
    const score = along + 2 * Math.abs(across);
    if (!best || score < best.score) best = { id: n.id, score };
  }
  return best?.id ?? null;
}

/** The kinds of arrow a diagram uses, for its legend. */
export const edgeKinds = (diagram: Diagram): EdgeKind[] => [...new Set(diagram.edges.map((e) => e.kind))];
