// Per-node overlays (cost figures, per-layer SQNR …): a value per graph node key, drawn as the box's fill
// colour on a scale and as a small label. A collapsed block shows its members' values aggregated.
import { color as parseColor, interpolateViridis } from 'd3';
import { shortNumber } from './labels';
import type { GraphModel, ViewGraph } from './model';

export interface NodeOverlay {
  /** What the values are, e.g. "MACs" or "SQNR (dB)" (shown in the legend and inspector). */
  title: string;
  /** Values by graph node key (see nodeKeys). */
  values: ReadonlyMap<string, number>;
  format?: (value: number) => string;
  /** Colour scale domain; default: the range of the values shown. */
  domain?: [number, number];
  /** Colour for t in [0, 1] along the domain; default viridis. */
  color?: (t: number) => string;
  /** How a collapsed block combines its members' values; default 'sum'. */
  aggregate?: 'sum' | 'min' | 'max' | 'mean';
}

export interface OverlayView {
  fill: (string | null)[];
  /** Text colour legible on each fill. */
  text: (string | null)[];
  label: (string | null)[];
  value: (number | null)[];
  domain: [number, number];
}

/** Black or white, whichever is more legible on the given colour (WCAG relative luminance). */
export function textOn(fill: string): string {
  const c = parseColor(fill)?.rgb();
  if (!c) return '#000000';
  const channel = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
  // contrast with black (L + 0.05) / 0.05 vs with white 1.05 / (L + 0.05): equal at L ≈ 0.179
  return luminance > 0.179 ? '#000000' : '#ffffff';
}

const combine: Record<NonNullable<NodeOverlay['aggregate']>, (v: number[]) => number> = {
  sum: (v) => v.reduce((a, b) => a + b, 0),
  min: (v) => Math.min(...v),
  max: (v) => Math.max(...v),
  mean: (v) => v.reduce((a, b) => a + b, 0) / v.length,
};

export function overlayView(view: ViewGraph, model: GraphModel, overlay: NodeOverlay): OverlayView {
  const value = view.nodes.map((node) => {
    if (node.kind === 'op') return overlay.values.get(node.key) ?? null;
    if (node.kind !== 'block') return null;
    const members = model.blocks[node.ref].members
      .map((m) => overlay.values.get(model.keys[m]))
      .filter((v) => v !== undefined);
    return members.length ? combine[overlay.aggregate ?? 'sum'](members) : null;
  });
  const finite = value.filter((v): v is number => v !== null && Number.isFinite(v));
  const domain: [number, number] =
    overlay.domain ?? (finite.length ? [Math.min(...finite), Math.max(...finite)] : [0, 1]);
  const color = overlay.color ?? interpolateViridis;
  const format = overlay.format ?? shortNumber;
  const span = domain[1] - domain[0];
  const fill = value.map((v) =>
    v === null || !Number.isFinite(v)
      ? null
      : color(span > 0 ? Math.min(1, Math.max(0, (v - domain[0]) / span)) : 0.5),
  );
  return {
    value,
    domain,
    fill,
    text: fill.map((f) => (f === null ? null : textOn(f))),
    label: value.map((v) => (v === null ? null : format(v))),
  };
}

/** A CSS gradient of the overlay's colour scale, for the legend. */
export function overlayRamp(overlay: NodeOverlay): string {
  const color = overlay.color ?? interpolateViridis;
  return `linear-gradient(to right, ${[0, 0.25, 0.5, 0.75, 1].map((t) => color(t)).join(', ')})`;
}
