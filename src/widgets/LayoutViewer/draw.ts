// The layout viewer's two drawings, with d3 from props only: the logical tensor (one H×W grid per channel,
// each cell labelled with its address in the chosen layout) and linear memory (slots in address order, wrapped
// so that a row is a whole number of 64-byte cache lines, each slot labelled with the channel it holds).
import { select, type BaseType, type Selection } from 'd3';
import type { Dims4 } from '../../engine';
import { LINE_ELEMENTS, type Coord } from './model';

/** read: touched by the inner loop so far; current: the step shown; pending: a destination slot not yet written. */
export type CellState = 'none' | 'read' | 'current' | 'pending';

const CHANNEL_HUES = 8;
const LABEL_MIN = 20;
const MEMORY_LABEL_MIN = 16;

export interface Grid {
  cell: number;
  /** Whether cells are big enough for their labels. */
  labels: boolean;
}

export interface LogicalGeometry extends Grid {
  planesPerRow: number;
  planeWidth: number;
  planeHeight: number;
  height: number;
  /** Top-left of the cell of element i (NCHW order). */
  at(i: number): [number, number];
  /** Top-left of the plane of (n, c). */
  plane(n: number, c: number): [number, number];
}

const TITLE = 18;
const GAP = 12;

export function logicalGeometry(width: number, scale: number, dims: Dims4): LogicalGeometry {
  const [N, C, H, W] = dims;
  const count = N * C * H * W;
  const preferred = (count <= 160 ? 34 : count <= 512 ? 26 : 18) * scale;
  const gap = GAP * scale;
  const cell = Math.max(8, Math.min(preferred, Math.floor((width - 2) / W)));
  const planeWidth = W * cell;
  const planeHeight = TITLE * scale + H * cell;
  const planesPerRow = Math.max(1, Math.floor((width + gap) / (planeWidth + gap)));
  const planes = N * C;
  const rows = Math.ceil(planes / planesPerRow);
  const plane = (n: number, c: number): [number, number] => {
    const k = n * C + c;
    return [(k % planesPerRow) * (planeWidth + gap) + 1, Math.floor(k / planesPerRow) * (planeHeight + gap)];
  };
  return {
    cell,
    labels: cell >= LABEL_MIN * scale,
    planesPerRow,
    planeWidth,
    planeHeight,
    height: rows * (planeHeight + gap),
    plane,
    at(i) {
      const w = i % W;
      const h = Math.floor(i / W) % H;
      const nc = Math.floor(i / (W * H));
      const [x, y] = plane(Math.floor(nc / C), nc % C);
      return [x + w * cell, y + TITLE * scale + h * cell];
    },
  };
}

export interface MemoryGeometry extends Grid {
  perRow: number;
  gutter: number;
  rows: number;
  /** Height of the slots of one strip (without its title). */
  height: number;
  /** Top-left of slot `address`, relative to the strip's first slot. */
  at(address: number): [number, number];
}

/** Rows of 16, 32 or 64 slots: one, two or four cache lines of float32 per row. */
export function memoryGeometry(width: number, scale: number, size: number): MemoryGeometry {
  const perRow = size <= 256 ? LINE_ELEMENTS : size <= 1024 ? 2 * LINE_ELEMENTS : 4 * LINE_ELEMENTS;
  const gutter = 40 * scale;
  const cell = Math.max(4, Math.min(30 * scale, Math.floor((width - gutter - 2) / perRow)));
  const rows = Math.ceil(size / perRow);
  return {
    cell,
    // Slots carry one or two digits: they stay readable in smaller cells than the logical grid's addresses.
    labels: cell >= MEMORY_LABEL_MIN * scale,
    perRow,
    gutter,
    rows,
    height: rows * cell,
    at: (a) => [gutter + (a % perRow) * cell, Math.floor(a / perRow) * cell],
  };
}

/** A run of consecutive addresses cut into the pieces that fall on each row. */
export function runSegments(run: { start: number; length: number }, perRow: number) {
  const segments: { row: number; from: number; to: number }[] = [];
  let a = run.start;
  const end = run.start + run.length;
  while (a < end) {
    const row = Math.floor(a / perRow);
    const rowEnd = Math.min(end, (row + 1) * perRow);
    segments.push({ row, from: a % perRow, to: (rowEnd - 1) % perRow });
    a = rowEnd;
  }
  return segments;
}

export interface LogicalProps {
  width: number;
  scale: number;
  dims: Dims4;
  /** Address of each element (NCHW order) in the layout shown. */
  addresses: Int32Array;
  states: readonly CellState[];
  planeTitle(n: number, c: number): string;
  cellTitle(i: number): string;
}

type Svg = Selection<SVGSVGElement, unknown, null, undefined>;

/** Square cells of side `size`: a rect, a tooltip, and (when `label` is given) a centred label. */
function cellParts<D>(
  cells: Selection<BaseType | SVGGElement, D, SVGGElement, unknown>,
  size: number,
  title: (d: D) => string,
  label: ((d: D) => string | number) | null,
): void {
  cells.append('rect').attr('width', size).attr('height', size);
  cells.append('title').text(title);
  if (label)
    cells
      .append('text')
      .attr('x', size / 2)
      .attr('y', size / 2)
      .attr('dy', '0.35em')
      .attr('text-anchor', 'middle')
      .text(label);
}

function reset(svg: SVGSVGElement, width: number, height: number): Svg {
  const root = select(svg);
  root.selectAll('*').remove();
  return root.attr('viewBox', `0 0 ${width} ${height}`).attr('width', width).attr('height', height);
}

export function drawLogical(svg: SVGSVGElement, p: LogicalProps): void {
  const g = logicalGeometry(p.width, p.scale, p.dims);
  const root = reset(svg, p.width, g.height);
  const [N, C, H, W] = p.dims;
  for (let n = 0; n < N; n++)
    for (let c = 0; c < C; c++) {
      const [x, y] = g.plane(n, c);
      root
        .append('text')
        .attr('class', 'lv-plane-title')
        .attr('x', x)
        .attr('y', y + 13 * p.scale)
        .text(p.planeTitle(n, c));
    }
  const cells = root
    .append('g')
    .selectAll('g')
    .data(Array.from(p.addresses, (address, i) => ({ address, i })))
    .join('g')
    .attr('class', ({ i }) => `lv-cell ch-${(Math.floor(i / (H * W)) % C) % CHANNEL_HUES} ${p.states[i]}`)
    .attr('transform', ({ i }) => `translate(${g.at(i).join(',')})`);
  cellParts(cells, g.cell, ({ i }) => p.cellTitle(i), g.labels ? ({ address }) => address : null);
}

export interface Strip {
  title: string;
  slots: readonly (Coord | null)[];
  /** State of each slot, by address. */
  states: readonly CellState[];
}

export interface MemoryProps {
  width: number;
  scale: number;
  strips: readonly Strip[];
  /** Runs of consecutive reads in strip 0, drawn as bars under the slots. */
  runs?: readonly { start: number; length: number }[];
  /** The element being moved: from an address of strip 0 to an address of strip 1. */
  arrow?: { from: number; to: number } | null;
  slotTitle(slot: Coord | null, address: number): string;
  rowLabel(address: number): string;
}

const STRIP_TITLE = 22;
const STRIP_GAP = 26;

export function memoryHeight(p: Pick<MemoryProps, 'width' | 'scale' | 'strips'>): number {
  return p.strips.reduce((h, s) => {
    const g = memoryGeometry(p.width, p.scale, s.slots.length);
    return h + (s.title ? STRIP_TITLE * p.scale : 4) + g.height + STRIP_GAP * p.scale;
  }, 0);
}

export function drawMemory(svg: SVGSVGElement, p: MemoryProps): void {
  const root = reset(svg, p.width, memoryHeight(p));
  const origins: { top: number; g: MemoryGeometry }[] = [];
  let top = 0;
  p.strips.forEach((strip, s) => {
    const g = memoryGeometry(p.width, p.scale, strip.slots.length);
    const y0 = top + (strip.title ? STRIP_TITLE * p.scale : 4);
    origins.push({ top: y0, g });
    root
      .append('text')
      .attr('class', 'lv-strip-title')
      .attr('x', 0)
      .attr('y', top + 15 * p.scale)
      .text(strip.title);
    const rows = root.append('g').attr('class', 'lv-row-labels');
    for (let r = 0; r < g.rows; r++)
      rows
        .append('text')
        .attr('x', g.gutter - 6 * p.scale)
        .attr('y', y0 + r * g.cell + g.cell / 2)
        .attr('dy', '0.35em')
        .attr('text-anchor', 'end')
        .text(p.rowLabel(r * g.perRow));
    const cells = root
      .append('g')
      .attr('data-strip', s)
      .selectAll('g')
      .data(strip.slots.map((slot, address) => ({ slot, address })))
      .join('g')
      .attr('class', ({ slot, address }) =>
        slot
          ? `lv-cell ch-${slot.c % CHANNEL_HUES} ${strip.states[address]}`
          : `lv-cell pad ${strip.states[address]}`,
      )
      .attr('data-address', ({ address }) => address)
      .attr('transform', ({ address }) => {
        const [x, y] = g.at(address);
        return `translate(${x},${y0 + y})`;
      });
    cellParts(
      cells,
      g.cell,
      ({ slot, address }) => p.slotTitle(slot, address),
      g.labels ? ({ slot }) => (slot ? slot.c : '0') : null,
    );
    // Cache-line boundaries inside a row (a row is 1, 2 or 4 lines).
    const lines = root.append('g').attr('class', 'lv-line-bounds');
    for (let r = 0; r < g.rows; r++)
      for (let k = LINE_ELEMENTS; k < g.perRow; k += LINE_ELEMENTS)
        lines
          .append('line')
          .attr('x1', g.gutter + k * g.cell)
          .attr('x2', g.gutter + k * g.cell)
          .attr('y1', y0 + r * g.cell - 2)
          .attr('y2', y0 + (r + 1) * g.cell + 2);
    if (s === 0 && p.runs)
      root
        .append('g')
        .attr('class', 'lv-runs')
        .selectAll('rect')
        .data(p.runs.flatMap((run) => runSegments(run, g.perRow)))
        .join('rect')
        .attr('x', (d) => g.gutter + d.from * g.cell + 2)
        .attr('y', (d) => y0 + (d.row + 1) * g.cell - 4 * p.scale)
        .attr('width', (d) => (d.to - d.from + 1) * g.cell - 4)
        .attr('height', 3 * p.scale);
    top = y0 + g.height + STRIP_GAP * p.scale;
  });

  if (p.arrow && origins.length >= 2) {
    const [a, b] = origins;
    const [x1, y1] = a.g.at(p.arrow.from);
    const [x2, y2] = b.g.at(p.arrow.to);
    const from = [x1 + a.g.cell / 2, a.top + y1 + a.g.cell];
    const to = [x2 + b.g.cell / 2, b.top + y2];
    const mid = (from[1] + to[1]) / 2;
    // under the cells: the line shows between them and between the strips, never over a cell's label
    root
      .insert('path', ':first-child')
      .attr('class', 'lv-arrow')
      .attr('d', `M${from[0]},${from[1]} C${from[0]},${mid} ${to[0]},${mid} ${to[0]},${to[1] - 2}`);
    root
      .append('circle')
      .attr('class', 'lv-arrow-head')
      .attr('cx', to[0])
      .attr('cy', to[1] - 2)
      .attr('r', 3.5 * p.scale);
  }
}
