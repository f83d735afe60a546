// The viewport: screen = world · k + (x, y), the same convention as d3-zoom's transform, so a d3 zoom
// behaviour can drive it and two panes can share one.

export interface Viewport {
  x: number;
  y: number;
  k: number;
}

export interface Size {
  width: number;
  height: number;
}

export const MAX_ZOOM = 4;
const MARGIN = 24;

/** Zoom limits: from a little below "whole graph fits" (however large the graph) to MAX_ZOOM. */
export function zoomExtent(world: Size, screen: Size): [number, number] {
  const fit = fitScale(world, screen);
  return [Math.min(fit / 2, 0.1), MAX_ZOOM];
}

function fitScale(world: Size, screen: Size): number {
  const w = Math.max(1, screen.width - 2 * MARGIN);
  const h = Math.max(1, screen.height - 2 * MARGIN);
  return Math.min(w / Math.max(world.width, 1), h / Math.max(world.height, 1));
}

/** The whole drawing centred on screen, never enlarged beyond 1.5×. */
export function fitViewport(world: Size, screen: Size): Viewport {
  const k = Math.min(1.5, fitScale(world, screen));
  return { k, x: (screen.width - world.width * k) / 2, y: (screen.height - world.height * k) / 2 };
}

/**
 * The first view of a graph: all of it when that is legible enough, else its top at a readable zoom
 * (a 100-layer network fitted whole is a thin line of dots; 0 still fits it whole).
 */
export function initialViewport(world: Size, screen: Size): Viewport {
  const fit = fitViewport(world, screen);
  if (fit.k >= OVERVIEW_ZOOM) return fit;
  const k = Math.max(fit.k, Math.min(1, (screen.width - 2 * MARGIN) / Math.max(world.width, 1)));
  return { k, x: (screen.width - world.width * k) / 2, y: MARGIN };
}

/**
 * Whether a newly laid-out drawing is fitted to the screen: always when there is no viewport yet or a refit
 * was asked for; for another graph unless the viewport is to be kept; never for a new layout of the same
 * graph (a block collapsed or expanded), which keeps the reader's view.
 */
export function fitsOnLayout(o: {
  viewport: Viewport | null;
  newGraph: boolean;
  keepViewport: boolean;
  refit: boolean;
}): boolean {
  return !o.viewport || o.refit || (o.newGraph && !o.keepViewport);
}

/** Below this zoom the whole-graph view is not a useful first view. */
export const OVERVIEW_ZOOM = 0.3;

export function clampZoom(k: number, extent: [number, number]): number {
  return Math.min(extent[1], Math.max(extent[0], k));
}

/** Zooms by `factor` keeping the screen point (sx, sy) fixed. */
export function zoomAt(
  v: Viewport,
  factor: number,
  sx: number,
  sy: number,
  extent: [number, number],
): Viewport {
  const k = clampZoom(v.k * factor, extent);
  const wx = (sx - v.x) / v.k;
  const wy = (sy - v.y) / v.k;
  return { k, x: sx - wx * k, y: sy - wy * k };
}

export const panBy = (v: Viewport, dx: number, dy: number): Viewport => ({
  k: v.k,
  x: v.x + dx,
  y: v.y + dy,
});

/** Puts world point (wx, wy) at the centre of the screen, at zoom k (default: the current zoom). */
export function centreOn(v: Viewport, wx: number, wy: number, screen: Size, k = v.k): Viewport {
  return { k, x: screen.width / 2 - wx * k, y: screen.height / 2 - wy * k };
}

/** The world rectangle visible on screen. */
export function visibleRect(v: Viewport, screen: Size): { x0: number; y0: number; x1: number; y1: number } {
  return { x0: -v.x / v.k, y0: -v.y / v.k, x1: (screen.width - v.x) / v.k, y1: (screen.height - v.y) / v.k };
}

export const sameViewport = (a: Viewport, b: Viewport) =>
  Math.abs(a.k - b.k) < 1e-9 && Math.abs(a.x - b.x) < 1e-6 && Math.abs(a.y - b.y) < 1e-6;
