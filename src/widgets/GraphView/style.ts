// Box geometry and type sizes, shared by sizing, canvas drawing and SVG export so all three agree.
import type { ViewNode } from './model';

export const BOX = {
  padX: 10,
  padY: 6,
  minWidth: 56,
  maxTextWidth: 220,
  radius: 6,
  /** Font size and line height of the title (op type) and of the smaller lines under it. */
  title: { size: 12, line: 16 },
  small: { size: 10, line: 13 },
};

export type LineKind = 'title' | 'detail' | 'weights';

export interface Line {
  kind: LineKind;
  text: string;
}

/** The text lines of a box: title, then key attributes and weights when present. */
export function linesOf(node: ViewNode): Line[] {
  const lines: Line[] = [{ kind: 'title', text: node.title }];
  if (node.detail) lines.push({ kind: 'detail', text: node.detail });
  if (node.weights) lines.push({ kind: 'weights', text: node.weights });
  return lines;
}

/** CSS font of a line for canvas and SVG; `family` is the page's sans-serif stack. */
export function fontOf(kind: LineKind, family: string): string {
  return kind === 'title' ? `600 ${BOX.title.size}px ${family}` : `${BOX.small.size}px ${family}`;
}

/** Width of a text line in CSS px (canvas measureText in the page, an estimate in tests). */
export type Measure = (text: string, kind: LineKind) => number;

/** Rough width for tests and for places without a canvas: average glyph ≈ 0.6 em, CJK ≈ 1 em. */
export const estimateWidth: Measure = (text, kind) => {
  const size = kind === 'title' ? BOX.title.size : BOX.small.size;
  let em = 0;
  for (const ch of text) em += ch.charCodeAt(0) > 0x2e80 ? 1 : 0.6;
  return em * size;
};

export function boxSize(node: ViewNode, measure: Measure): [number, number] {
  const lines = linesOf(node);
  let width = 0;
  for (const l of lines) width = Math.max(width, Math.min(BOX.maxTextWidth, measure(l.text, l.kind)));
  const height = BOX.padY * 2 + BOX.title.line + (lines.length - 1) * BOX.small.line;
  return [Math.max(BOX.minWidth, Math.ceil(width) + 2 * BOX.padX), height];
}
