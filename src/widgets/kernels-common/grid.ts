// A numeric grid drawn with d3 from props only (a tensor plane, a kernel, a matrix): cells tinted by value,
// numbers printed when the cells are large enough, marks (current, source, done, dim, padding) as CSS
// classes styled in kernels-common.css, and row/column index labels. Used by every kernel widget.
import { select } from 'd3';
import { formatValue } from './format';

/** '' plain · current: being computed · source/hit: read or written now · todo: not computed yet (value hidden) ·
 * target: outlined but not computed yet · dim: not involved. */
export type CellMark = '' | 'current' | 'source' | 'done' | 'todo' | 'dim' | 'hit' | 'target';

export interface GridProps {
  /** Cells shown: rows r0 … r0 + rows − 1 and columns c0 … c0 + cols − 1 of a larger grid. */
  rows: number;
  cols: number;
  r0?: number;
  c0?: number;
  /** The value at (i, j) in full-grid coordinates; null is a padding cell (drawn dashed, printed as 0). */
  value(i: number, j: number): number | null;
  mark?(i: number, j: number): CellMark;
  /** Side of a cell in px. */
  cell: number;
  /** Text of a value; the default prints two decimals at most. */
  format?(v: number): string;
  /** Largest |value| for the tint (the colour scale is shared between grids that compare). */
  maxAbs: number;
  /** Print index labels of rows and columns (from r0/c0). */
  labels?: boolean;
  /** Root font size in px, so text grows in presenter mode. */
  rem: number;
}

/** Space on the left and top for index labels, in px. */
export const labelSpace = (p: Pick<GridProps, 'labels' | 'rem'>) => (p.labels ? Math.round(1.5 * p.rem) : 0);

/** The size in px a grid needs. */
export function gridSize(p: Pick<GridProps, 'rows' | 'cols' | 'cell' | 'labels' | 'rem'>) {
  const l = labelSpace(p);
  return { width: l + p.cols * p.cell + 2, height: l + p.rows * p.cell + 2 };
}

/** The font size that fits `text` into a cell: the base size, smaller for long numbers (monospace ≈ 0.6 em). */
const fontFor = (cell: number, text: string, base: number) =>
  Math.min(base, (cell - 4) / (0.6 * text.length));

/** Draws the grid into an SVG group (emptied first). */
export function drawGrid(group: SVGGElement, p: GridProps): void {
  const root = select(group);
  root.selectAll('*').remove();
  const { rows, cols, cell } = p;
  const r0 = p.r0 ?? 0;
  const c0 = p.c0 ?? 0;
  const l = labelSpace(p);
  const format = p.format ?? ((v: number) => formatValue(v));
  const font = Math.min(0.9 * p.rem, cell * 0.42);
  const cells = Array.from({ length: rows * cols }, (_, k) => {
    const i = r0 + Math.floor(k / cols);
    const j = c0 + (k % cols);
    const v = p.value(i, j);
    return { i, j, v, mark: p.mark?.(i, j) ?? '', x: l + 1 + (j - c0) * cell, y: l + 1 + (i - r0) * cell };
  });
  const g = root
    .selectAll('g.kg-cell')
    .data(cells)
    .join('g')
    .attr('class', (d) => `kg-cell ${d.v === null ? 'pad' : d.v >= 0 ? 'pos' : 'neg'} ${d.mark}`)
    .attr('transform', (d) => `translate(${d.x},${d.y})`);
  g.append('rect')
    .attr('class', 'kg-tint')
    .attr('width', cell)
    .attr('height', cell)
    .attr('fill-opacity', (d) =>
      d.v === null || p.maxAbs === 0 ? 0 : 0.08 + 0.5 * Math.min(1, Math.abs(d.v) / p.maxAbs),
    );
  g.append('rect').attr('class', 'kg-frame').attr('width', cell).attr('height', cell);
  // Outlined cells last, so that their thick frames are not covered by their neighbours.
  g.filter((d) => d.mark !== '' && d.mark !== 'dim' && d.mark !== 'todo').raise();
  // Numbers print in one size that fits the longest of them, or not at all when that would be below 0.6 rem.
  const longest = cells.reduce((a, d) => (format(d.v ?? 0).length > a.length ? format(d.v ?? 0) : a), '');
  const size = fontFor(cell, longest, font);
  if (size >= 0.6 * p.rem)
    g.append('text')
      .attr('x', cell / 2)
      .attr('y', cell / 2)
      .attr('dy', '0.35em')
      .attr('text-anchor', 'middle')
      .attr('font-size', size)
      .text((d) => format(d.v ?? 0));

  if (!p.labels) return;
  const labelFont = Math.min(0.7 * p.rem, cell * 0.5);
  const every = Math.max(1, Math.ceil((labelFont * 2.2) / cell));
  root
    .selectAll('text.kg-col')
    .data(Array.from({ length: cols }, (_, k) => c0 + k).filter((j) => j % every === 0))
    .join('text')
    .attr('class', 'kg-label kg-col')
    .attr('x', (j) => l + 1 + (j - c0 + 0.5) * cell)
    .attr('y', l - 4)
    .attr('text-anchor', 'middle')
    .attr('font-size', labelFont)
    .text((j) => j);
  root
    .selectAll('text.kg-row')
    .data(Array.from({ length: rows }, (_, k) => r0 + k).filter((i) => i % every === 0))
    .join('text')
    .attr('class', 'kg-label kg-row')
    .attr('x', l - 4)
    .attr('y', (i) => l + 1 + (i - r0 + 0.5) * cell)
    .attr('dy', '0.35em')
    .attr('text-anchor', 'end')
    .attr('font-size', labelFont)
    .text((i) => i);
}

/**
 * The first index of a window of `visible` cells out of `total` that shows the focus range [start, start + size),
 * as centred as the edges allow: how a widget follows the current position across a plane too large to show.
 */
export function followWindow(total: number, visible: number, start: number, size = 1): number {
  if (visible >= total) return 0;
  const centred = Math.round(start + size / 2 - visible / 2);
  return Math.max(0, Math.min(total - visible, centred));
}

/** A cell size in px that fits `cols` cells (plus labels) into `width`, between min and max rems. */
export function fitCell(
  width: number,
  cols: number,
  rem: number,
  minRem = 1.1,
  maxRem = 2.6,
  labels = true,
): number {
  const available = width - (labels ? 1.5 * rem : 0) - 4;
  return Math.max(minRem * rem, Math.min(maxRem * rem, Math.floor(available / Math.max(1, cols))));
}

/** How many cells of size `cell` fit into `width` (at least 1). */
export const cellsThatFit = (width: number, cell: number, rem: number, labels = true) =>
  Math.max(1, Math.floor((width - (labels ? 1.5 * rem : 0) - 4) / cell));

/** The largest magnitude in `a`: the bound of a grid's colour scale (0 for an empty array). */
export function maxAbs(a: ArrayLike<number>): number {
  let v = 0;
  for (let i = 0; i < a.length; i++) v = Math.max(v, Math.abs(a[i]));
  return v;
}
