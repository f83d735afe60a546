// A laid-out view: boxes and edge routes in world coordinates, plus the queries the view needs on them
// (what is under the pointer, what is on screen, the reading order for keyboard navigation).
import type { LayoutResult } from '../../workers/layoutClient';
import type { ViewGraph } from './model';

export interface Scene {
  view: ViewGraph;
  /** Box centres and sizes, per view node. */
  x: Float64Array;
  y: Float64Array;
  w: Float64Array;
  h: Float64Array;
  /** Edge routes, per view edge (see LayoutResult). */
  edgePoints: Float64Array;
  edgeStart: Int32Array;
  /** Bounding box of each route: minX, minY, maxX, maxY. */
  edgeBox: Float64Array;
  width: number;
  height: number;
  /** View nodes top to bottom, left to right: the order Tab walks. */
  readingOrder: Int32Array;
}

export function makeScene(
  view: ViewGraph,
  widths: Float64Array,
  heights: Float64Array,
  layout: LayoutResult,
): Scene {
  const edgeCount = view.edges.length;
  const edgeBox = new Float64Array(4 * edgeCount);
  for (let e = 0; e < edgeCount; e++) {
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    for (let p = layout.edgeStart[e]; p < layout.edgeStart[e + 1]; p++) {
      const px = layout.edgePoints[2 * p];
      const py = layout.edgePoints[2 * p + 1];
      x0 = Math.min(x0, px);
      y0 = Math.min(y0, py);
      x1 = Math.max(x1, px);
      y1 = Math.max(y1, py);
    }
    edgeBox.set([x0, y0, x1, y1], 4 * e);
  }
  const readingOrder = Int32Array.from(view.nodes.keys()).sort(
    (a, b) => layout.y[a] - layout.y[b] || layout.x[a] - layout.x[b],
  );
  return {
    view,
    x: layout.x,
    y: layout.y,
    w: widths,
    h: heights,
    edgePoints: layout.edgePoints,
    edgeStart: layout.edgeStart,
    edgeBox,
    width: layout.width,
    height: layout.height,
    readingOrder,
  };
}

/** The box under world point (wx, wy), or -1. A slack (world units) makes tiny boxes clickable. */
export function hitTest(scene: Scene, wx: number, wy: number, slack = 0): number {
  let best = -1;
  let bestDistance = Infinity;
  for (let i = 0; i < scene.x.length; i++) {
    const dx = Math.abs(wx - scene.x[i]) - scene.w[i] / 2;
    const dy = Math.abs(wy - scene.y[i]) - scene.h[i] / 2;
    if (dx > slack || dy > slack) continue;
    const d = Math.max(dx, dy, 0);
    if (d < bestDistance) {
      bestDistance = d;
      best = i;
    }
  }
  return best;
}

export interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export const boxVisible = (scene: Scene, i: number, r: Rect) =>
  scene.x[i] + scene.w[i] / 2 >= r.x0 &&
  scene.x[i] - scene.w[i] / 2 <= r.x1 &&
  scene.y[i] + scene.h[i] / 2 >= r.y0 &&
  scene.y[i] - scene.h[i] / 2 <= r.y1;

export const edgeVisible = (scene: Scene, e: number, r: Rect) =>
  scene.edgeBox[4 * e + 2] >= r.x0 &&
  scene.edgeBox[4 * e] <= r.x1 &&
  scene.edgeBox[4 * e + 3] >= r.y0 &&
  scene.edgeBox[4 * e + 1] <= r.y1;

/** The next (step 1) or previous (−1) box in reading order after `current`; wraps; -1 if empty. */
export function nextInReadingOrder(scene: Scene, current: number, step: 1 | -1): number {
  const n = scene.readingOrder.length;
  if (!n) return -1;
  const at = scene.readingOrder.indexOf(current);
  if (at < 0) return scene.readingOrder[step === 1 ? 0 : n - 1];
  return scene.readingOrder[(at + step + n) % n];
}
