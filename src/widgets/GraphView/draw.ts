// Canvas drawing of a scene: a pure function of the context, scene, viewport and state, called once per frame.
// Only what is on screen is drawn (viewport culling), and how much depends on the zoom (level of detail):
// boxes with text and edge shapes up close, plain boxes further out, and single-path boxes and straight
// edges for the overview of a 5,000-node graph. Boxes are batched by colour into one path per fill.
import { FAMILIES, type OpFamily } from './families';
import { BOX, fontOf, linesOf } from './style';
import { boxVisible, edgeVisible, type Rect, type Scene } from './scene';
import { visibleRect, type Size, type Viewport } from './viewport';

export interface Palette {
  background: string;
  text: string;
  muted: string;
  edge: string;
  accent: string;
  removed: string;
  added: string;
  changed: string;
  match: string;
  fill: Record<OpFamily, string>;
  stroke: Record<OpFamily, string>;
  fontFamily: string;
}

/** Per-node highlight bits (a node may have several). */
export const MARK = { removed: 1, added: 2, changed: 4, related: 8, match: 16 } as const;

export interface DrawState {
  /** Selected view node, or -1. */
  selected: number;
  /** Per view node: MARK bits. */
  marks: Uint8Array;
  /** Per view node: overlay fill colour (replaces the family fill) and badge text, or null. */
  overlayFill?: readonly (string | null)[];
  /** Per view node: text colour legible on its overlay fill. */
  overlayText?: readonly (string | null)[];
  overlayLabel?: readonly (string | null)[];
}

export type Detail = 'text' | 'boxes' | 'overview';

export interface DrawStats {
  nodes: number;
  edges: number;
  detail: Detail;
}

/** The subset of CanvasRenderingContext2D used here (so tests can record calls without a DOM). */
export type Ctx = Pick<
  CanvasRenderingContext2D,
  | 'save'
  | 'restore'
  | 'setTransform'
  | 'fillRect'
  | 'beginPath'
  | 'moveTo'
  | 'lineTo'
  | 'bezierCurveTo'
  | 'rect'
  | 'roundRect'
  | 'fill'
  | 'stroke'
  | 'fillText'
  | 'setLineDash'
  | 'closePath'
> & {
  fillStyle: CanvasRenderingContext2D['fillStyle'];
  strokeStyle: CanvasRenderingContext2D['strokeStyle'];
  lineWidth: number;
  font: string;
  textAlign: CanvasTextAlign;
  textBaseline: CanvasTextBaseline;
  globalAlpha: number;
};

/** Zoom levels where text, then boxes with outlines, stop being legible. */
export const TEXT_ZOOM = 0.5;
export const BOX_ZOOM = 0.18;
export const EDGE_LABEL_ZOOM = 0.8;

export const detailAt = (k: number): Detail =>
  k >= TEXT_ZOOM ? 'text' : k >= BOX_ZOOM ? 'boxes' : 'overview';

/** Adds the route of edge e to the current path: vertical S-curves between route points (or straight lines). */
export function traceEdge(
  ctx: Pick<Ctx, 'moveTo' | 'lineTo' | 'bezierCurveTo'>,
  scene: Scene,
  e: number,
  curved: boolean,
) {
  const p = scene.edgePoints;
  const a = scene.edgeStart[e];
  const b = scene.edgeStart[e + 1];
  if (b - a < 2) return;
  ctx.moveTo(p[2 * a], p[2 * a + 1]);
  for (let i = a + 1; i < b; i++) {
    const x0 = p[2 * i - 2];
    const y0 = p[2 * i - 1];
    const x1 = p[2 * i];
    const y1 = p[2 * i + 1];
    if (!curved || x0 === x1) ctx.lineTo(x1, y1);
    else {
      const ym = (y0 + y1) / 2;
      ctx.bezierCurveTo(x0, ym, x1, ym, x1, y1);
    }
  }
}

function arrowHead(ctx: Ctx, scene: Scene, e: number) {
  const end = scene.edgeStart[e + 1] - 1;
  if (end <= scene.edgeStart[e]) return;
  const x = scene.edgePoints[2 * end];
  const y = scene.edgePoints[2 * end + 1];
  const up = scene.edgePoints[2 * end - 1] <= y ? -1 : 1;
  ctx.moveTo(x, y);
  ctx.lineTo(x - 3.5, y + up * 7);
  ctx.lineTo(x + 3.5, y + up * 7);
  ctx.closePath();
}

/** Box i grown by `gap` world units (an outline ring for gap > 0); rounded when drawn up close. */
function ring(ctx: Ctx, scene: Scene, i: number, gap: number, rounded: boolean) {
  const x = scene.x[i] - scene.w[i] / 2 - gap;
  const y = scene.y[i] - scene.h[i] / 2 - gap;
  if (rounded) ctx.roundRect(x, y, scene.w[i] + 2 * gap, scene.h[i] + 2 * gap, BOX.radius + gap);
  else ctx.rect(x, y, scene.w[i] + 2 * gap, scene.h[i] + 2 * gap);
}

export interface DrawOptions {
  /** Device pixel ratio of the canvas. */
  dpr?: number;
  /** Draw text whatever the zoom (image export). */
  forceText?: boolean;
}

export function drawScene(
  ctx: Ctx,
  scene: Scene,
  viewport: Viewport,
  screen: Size,
  palette: Palette,
  state: DrawState,
  options: DrawOptions = {},
): DrawStats {
  const dpr = options.dpr ?? 1;
  const { k } = viewport;
  const detail: Detail = options.forceText ? 'text' : detailAt(k);
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.fillStyle = palette.background;
  ctx.fillRect(0, 0, screen.width, screen.height);
  ctx.setTransform(dpr * k, 0, 0, dpr * k, dpr * viewport.x, dpr * viewport.y);
  const px = 1 / k; // one screen pixel in world units
  const view = visibleRect(viewport, screen);
  const r: Rect = {
    x0: view.x0 - 20 * px,
    y0: view.y0 - 20 * px,
    x1: view.x1 + 20 * px,
    y1: view.y1 + 20 * px,
  };

  // Edges: one path for all, then the selected node's edges on top in the accent colour.
  const { edges } = scene.view;
  const curved = detail !== 'overview';
  const visibleEdges: number[] = [];
  const selectedEdges: number[] = [];
  // Far out, an edge shorter than a pixel is hidden by the specks of its boxes: skip it.
  const minExtent = detail === 'overview' ? px : 0;
  for (let e = 0; e < edges.length; e++) {
    if (!edgeVisible(scene, e, r)) continue;
    if (edges[e].from === state.selected || edges[e].to === state.selected) selectedEdges.push(e);
    else if (
      scene.edgeBox[4 * e + 2] - scene.edgeBox[4 * e] >= minExtent ||
      scene.edgeBox[4 * e + 3] - scene.edgeBox[4 * e + 1] >= minExtent
    )
      visibleEdges.push(e);
  }
  // below one device pixel, canvas draws strokes as fast anti-aliased hairlines
  ctx.lineWidth = (detail === 'overview' ? 0.9 / dpr : 1.25) * px;
  ctx.strokeStyle = palette.edge;
  ctx.beginPath();
  for (const e of visibleEdges) traceEdge(ctx, scene, e, curved);
  ctx.stroke();
  if (detail === 'text') {
    ctx.fillStyle = palette.edge;
    ctx.beginPath();
    for (const e of visibleEdges) arrowHead(ctx, scene, e);
    ctx.fill();
  }
  if (selectedEdges.length) {
    ctx.lineWidth = 2.5 * px;
    ctx.strokeStyle = palette.accent;
    ctx.beginPath();
    for (const e of selectedEdges) traceEdge(ctx, scene, e, curved);
    ctx.stroke();
    ctx.fillStyle = palette.accent;
    ctx.beginPath();
    for (const e of selectedEdges) arrowHead(ctx, scene, e);
    ctx.fill();
  }

  // Boxes, batched by fill colour.
  const visible: number[] = [];
  const byFill = new Map<string, number[]>();
  // far out, boxes are specks: the strong stroke colour shows their family, the pale fill would not
  const familyFill = detail === 'overview' ? palette.stroke : palette.fill;
  for (let i = 0; i < scene.x.length; i++) {
    if (!boxVisible(scene, i, r)) continue;
    visible.push(i);
    const fill = state.overlayFill?.[i] ?? familyFill[scene.view.nodes[i].family];
    let group = byFill.get(fill);
    if (!group) byFill.set(fill, (group = []));
    group.push(i);
  }
  const rounded = detail === 'text';
  for (const [fill, group] of byFill) {
    ctx.fillStyle = fill;
    ctx.beginPath();
    if (detail === 'overview') {
      // Keep far-away boxes at least a pixel; boxes that fall on the same pixel are drawn once.
      const specks = new Set<number>();
      for (const i of group) {
        const w = Math.max(scene.w[i], px);
        const h = Math.max(scene.h[i], px);
        if (w * k < 2 && h * k < 2) {
          const sx = Math.round(scene.x[i] * k);
          const sy = Math.round(scene.y[i] * k);
          const speck = sx * 1_000_003 + sy;
          if (specks.has(speck)) continue;
          specks.add(speck);
        }
        ctx.rect(scene.x[i] - w / 2, scene.y[i] - h / 2, w, h);
      }
    } else for (const i of group) ring(ctx, scene, i, 0, rounded);
    ctx.fill();
  }
  if (detail !== 'overview') {
    ctx.lineWidth = 1.25 * px;
    for (const family of FAMILIES) {
      ctx.strokeStyle = palette.stroke[family];
      ctx.beginPath();
      let any = false;
      for (const i of visible)
        if (scene.view.nodes[i].family === family) {
          ring(ctx, scene, i, 0, rounded);
          any = true;
        }
      if (any) ctx.stroke();
    }
  }

  // Highlights: rings outside the box, thick enough to see at any zoom.
  const rings: [number, string, boolean][] = [
    [MARK.changed, palette.changed, false],
    [MARK.added, palette.added, false],
    [MARK.removed, palette.removed, true],
    [MARK.related, palette.accent, true],
    [MARK.match, palette.match, false],
  ];
  let gap = 3 * px;
  for (const [bit, colour, dashed] of rings) {
    const marked = visible.filter((i) => state.marks[i] & bit);
    if (!marked.length) continue;
    ctx.strokeStyle = colour;
    ctx.lineWidth = 2.5 * px;
    ctx.setLineDash(dashed ? [5 * px, 3 * px] : []);
    ctx.beginPath();
    for (const i of marked) ring(ctx, scene, i, gap, rounded);
    ctx.stroke();
    gap += 1.5 * px;
  }
  ctx.setLineDash([]);
  if (state.selected >= 0 && state.selected < scene.x.length) {
    ctx.strokeStyle = palette.accent;
    ctx.lineWidth = 3 * px;
    ctx.beginPath();
    ring(ctx, scene, state.selected, 4 * px, rounded);
    ctx.stroke();
  }

  if (detail === 'text') drawText(ctx, scene, visible, palette, state, k, r);
  return { nodes: visible.length, edges: visibleEdges.length + selectedEdges.length, detail };
}

function drawText(
  ctx: Ctx,
  scene: Scene,
  visible: number[],
  palette: Palette,
  state: DrawState,
  k: number,
  r: Rect,
) {
  const { nodes, edges } = scene.view;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  const maxWidth = BOX.maxTextWidth;
  let colour = '';
  const textColour = (i: number, fallback: string) => {
    const c = state.overlayText?.[i] ?? fallback;
    if (c !== colour) ctx.fillStyle = colour = c;
  };
  ctx.font = fontOf('title', palette.fontFamily);
  for (const i of visible) {
    const top = scene.y[i] - scene.h[i] / 2 + BOX.padY;
    textColour(i, palette.text);
    ctx.fillText(
      nodes[i].title,
      scene.x[i],
      top + BOX.title.line / 2,
      Math.min(maxWidth, scene.w[i] - 2 * BOX.padX),
    );
  }
  ctx.font = fontOf('detail', palette.fontFamily);
  for (const i of visible) {
    const lines = linesOf(nodes[i]);
    const top = scene.y[i] - scene.h[i] / 2 + BOX.padY + BOX.title.line;
    textColour(i, palette.muted);
    for (let l = 1; l < lines.length; l++)
      ctx.fillText(
        lines[l].text,
        scene.x[i],
        top + (l - 0.5) * BOX.small.line,
        Math.min(maxWidth, scene.w[i] - 2 * BOX.padX),
      );
  }
  ctx.fillStyle = palette.muted;
  // Shapes on edges, once per value leaving a box (a value feeding three consumers is labelled once).
  if (k >= EDGE_LABEL_ZOOM) {
    ctx.textAlign = 'left';
    const labelled = new Set<string>();
    for (let e = 0; e < edges.length; e++) {
      const edge = edges[e];
      if (!edge.label || !edgeVisible(scene, e, r)) continue;
      const id = `${edge.from}>${edge.value}`;
      if (labelled.has(id)) continue;
      labelled.add(id);
      const a = scene.edgeStart[e];
      ctx.fillText(edge.label, scene.edgePoints[2 * a] + 5, scene.edgePoints[2 * a + 1] + 10);
    }
  }
  // Overlay badges above the top-right corner of each box.
  if (state.overlayLabel) {
    ctx.textAlign = 'right';
    ctx.fillStyle = palette.text;
    for (const i of visible) {
      const label = state.overlayLabel[i];
      if (label) ctx.fillText(label, scene.x[i] + scene.w[i] / 2, scene.y[i] - scene.h[i] / 2 - 7);
    }
  }
}
