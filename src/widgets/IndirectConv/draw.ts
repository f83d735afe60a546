// The indirect-convolution stepper's drawing, with d3 from props only: the padded input (each pixel labelled
// with its NHWC offset, the pointer an entry stores), the zero vector padding taps point at, the indirection
// buffer (one kH×kW block of entries per output pixel, placed like the output) and the output. Arrows go from
// the current pixel's entries to what they point at. A large layer is drawn in part: a corner of its output
// (the traced window) and the input that corner reads.
import { select } from 'd3';
import type { ConvShape } from '../../engine';
import type { DrawnRegion } from './model';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface StepperGeometry {
  width: number;
  height: number;
  /** Side of an input cell, of a buffer entry, of an output cell. */
  cell: number;
  entry: number;
  out: number;
  /** Input cells carry their offsets. */
  labels: boolean;
  input: Box;
  zero: Box;
  buffer: Box;
  output: Box;
  /** Top-left of input pixel (ih, iw); ih and iw may be on the padding (negative, or past H and W). */
  inputCell(ih: number, iw: number): [number, number];
  entryCell(p: number, k: number): [number, number];
  outputCell(p: number): [number, number];
}

const TITLE = 22;
const BLOCK_GAP = 4;
/** Side of a buffer entry relative to an input cell, when the panels sit side by side. */
const ENTRY = 0.4;

export function stepperGeometry(
  width: number,
  scale: number,
  s: ConvShape,
  region: DrawnRegion,
): StepperGeometry {
  const hp = region.ih1 - region.ih0 + 1;
  const wp = region.iw1 - region.iw0 + 1;
  const { rows, cols } = region;
  // Input cells are labelled with NHWC offsets; the longest is the last drawn pixel's.
  const lastPixel = Math.min(region.ih1, s.h - 1) * s.w + Math.min(region.iw1, s.w - 1);
  const labelChars = String(lastPixel * s.c).length;
  const gap = 36 * scale;
  const blockGap = BLOCK_GAP * scale;
  const title = TITLE * scale;
  // Input on the left, the buffer on the right with the output under it, when that fits at a readable size;
  // everything stacked on narrow screens.
  const units = wp + ENTRY * cols * s.kw;
  const room = width - 2 - gap - cols * blockGap;
  const sideBySide = room / units >= 16 * scale;
  const cell = Math.min(44 * scale, sideBySide ? room / units : (width - 2) / wp);
  const entry = sideBySide
    ? ENTRY * cell
    : Math.min(22 * scale, (width - 2 - cols * blockGap) / (cols * s.kw));
  const blockW = s.kw * entry + blockGap;
  const blockH = s.kh * entry + blockGap;
  const inputBox: Box = { x: 1, y: title, w: wp * cell, h: hp * cell };
  const zero: Box = {
    x: 1,
    y: inputBox.y + inputBox.h + 12 * scale,
    w: inputBox.w,
    h: 26 * scale,
  };
  const buffer: Box = sideBySide
    ? { x: inputBox.x + inputBox.w + gap, y: title, w: cols * blockW, h: rows * blockH }
    : { x: 1, y: zero.y + zero.h + gap + title, w: cols * blockW, h: rows * blockH };
  // Output cells as large as the buffer's column of the layout allows (never past the drawing's right edge).
  const out = Math.min(
    36 * scale,
    sideBySide ? Math.min(0.8 * cell, (width - 2 - buffer.x) / cols) : (width - 2) / cols,
  );
  const output: Box = { x: buffer.x, y: buffer.y + buffer.h + gap / 2 + title, w: cols * out, h: rows * out };
  const height = Math.max(zero.y + zero.h, buffer.y + buffer.h, output.y + output.h) + 6 * scale;
  return {
    width,
    height,
    cell,
    entry,
    out,
    labels: cell >= Math.max(28, 6.6 * labelChars + 6) * scale,
    input: inputBox,
    zero,
    buffer,
    output,
    inputCell: (ih, iw) => [inputBox.x + (iw - region.iw0) * cell, inputBox.y + (ih - region.ih0) * cell],
    entryCell: (p, k) => {
      const [oh, ow] = [Math.floor(p / s.ow), p % s.ow];
      return [
        buffer.x + ow * blockW + (k % s.kw) * entry,
        buffer.y + oh * blockH + Math.floor(k / s.kw) * entry,
      ];
    },
    outputCell: (p) => [output.x + (p % s.ow) * out, output.y + Math.floor(p / s.ow) * out],
  };
}

export interface Arrow {
  k: number;
  /** The input pixel pointed at, or null for the zero vector. */
  target: { h: number; w: number } | null;
  current: boolean;
}

export interface StepperProps {
  width: number;
  scale: number;
  shape: ConvShape;
  region: DrawnRegion;
  /** Entries written so far (the buffer is built pixel by pixel, tap by tap, in the window's row order). */
  built: number;
  /** Output pixels of the window computed so far. */
  computed: number;
  /** The output pixel whose entries are shown, and the entry being written (build phase). */
  pixel: number | null;
  entry: number | null;
  arrows: readonly Arrow[];
  inputLabel(h: number, w: number): string;
  entryTitle(p: number, k: number): string;
  titles: { input: string; zero: string; buffer: string; output: string };
}

export function drawStepper(svg: SVGSVGElement, p: StepperProps): void {
  const s = p.shape;
  const r = p.region;
  const g = stepperGeometry(p.width, p.scale, s, r);
  const root = select(svg);
  root.selectAll('*').remove();
  root.attr('viewBox', `0 0 ${g.width} ${g.height}`).attr('width', g.width).attr('height', g.height);
  const title = (box: Box, text: string) =>
    root
      .append('text')
      .attr('class', 'ic-title')
      .attr('x', box.x)
      .attr('y', box.y - 7 * p.scale)
      .text(text);
  title(g.input, p.titles.input);
  title(g.buffer, p.titles.buffer);
  title(g.output, p.titles.output);

  const targets = new Set(p.arrows.flatMap((a) => (a.target ? [`${a.target.h},${a.target.w}`] : [])));
  const current = p.arrows.find((a) => a.current)?.target;
  const inputs = root.append('g').attr('class', 'ic-input');
  for (let ih = r.ih0; ih <= r.ih1; ih++)
    for (let iw = r.iw0; iw <= r.iw1; iw++) {
      const inside = ih >= 0 && ih < s.h && iw >= 0 && iw < s.w;
      const [x, y] = g.inputCell(ih, iw);
      const read = inside && targets.has(`${ih},${iw}`);
      const isCurrent = inside && current?.h === ih && current.w === iw;
      const cell = inputs
        .append('g')
        .attr(
          'class',
          `ic-cell ${inside ? 'pixel' : 'pad'}${read ? ' read' : ''}${isCurrent ? ' current' : ''}`,
        )
        .attr('transform', `translate(${x},${y})`);
      cell.append('rect').attr('width', g.cell).attr('height', g.cell);
      if (inside && g.labels)
        cell
          .append('text')
          .attr('x', g.cell / 2)
          .attr('y', g.cell / 2)
          .attr('dy', '0.35em')
          .attr('text-anchor', 'middle')
          .text(p.inputLabel(ih, iw));
    }

  const zeroRead = p.arrows.some((a) => a.target === null);
  const zeroCurrent = p.arrows.some((a) => a.target === null && a.current);
  const zero = root
    .append('g')
    .attr('class', `ic-zero${zeroRead ? ' read' : ''}${zeroCurrent ? ' current' : ''}`)
    .attr('transform', `translate(${g.zero.x},${g.zero.y})`);
  zero.append('rect').attr('width', g.zero.w).attr('height', g.zero.h).attr('rx', 4);
  zero
    .append('text')
    .attr('x', g.zero.w / 2)
    .attr('y', g.zero.h / 2)
    .attr('dy', '0.35em')
    .attr('text-anchor', 'middle')
    .text(p.titles.zero);

  const kk = s.kh * s.kw;
  const entries = root.append('g').attr('class', 'ic-buffer');
  // Pixel px = oh·Wo + ow of the window is its `order`-th, row by row.
  const pixels = Array.from({ length: r.rows * r.cols }, (_, order) => ({
    order,
    px: Math.floor(order / r.cols) * s.ow + (order % r.cols),
  }));
  for (const { order, px } of pixels)
    for (let k = 0; k < kk; k++) {
      const index = order * kk + k;
      const [x, y] = g.entryCell(px, k);
      const state = px === p.pixel && k === p.entry ? ' current' : index < p.built ? ' built' : '';
      const rect = entries
        .append('rect')
        .attr('class', `ic-entry${state}${px === p.pixel ? ' mine' : ''}`)
        .attr('x', x)
        .attr('y', y)
        .attr('width', g.entry)
        .attr('height', g.entry);
      // Tooltips on the shown pixel's entries only: hundreds of <title> nodes would slow the page for little.
      if (px === p.pixel) rect.append('title').text(p.entryTitle(px, k));
    }

  const outputs = root.append('g').attr('class', 'ic-output');
  for (const { order, px } of pixels) {
    const [x, y] = g.outputCell(px);
    outputs
      .append('rect')
      .attr(
        'class',
        `ic-out${order < p.computed ? ' done' : ''}${px === p.pixel && p.entry === null ? ' current' : ''}`,
      )
      .attr('x', x)
      .attr('y', y)
      .attr('width', g.out)
      .attr('height', g.out);
  }

  if (p.pixel === null) return;
  const arrows = root.append('g').attr('class', 'ic-arrows');
  for (const a of p.arrows) {
    const [ex, ey] = g.entryCell(p.pixel, a.k);
    const from: [number, number] = [ex + g.entry / 2, ey + g.entry / 2];
    let to: [number, number];
    if (a.target) {
      const [ix, iy] = g.inputCell(a.target.h, a.target.w);
      to = [ix + g.cell / 2, iy + g.cell / 2];
    } else {
      // the zero vector's label fills the middle of its box: end on the edge facing the entry, near its right
      const below = from[1] > g.zero.y + g.zero.h;
      to = [g.zero.x + g.zero.w - 12 * p.scale, below ? g.zero.y + g.zero.h : g.zero.y];
    }
    const bend = (to[0] - from[0]) * 0.15;
    const mid: [number, number] = [
      (from[0] + to[0]) / 2,
      (from[1] + to[1]) / 2 - Math.abs(bend) - 10 * p.scale,
    ];
    arrows
      .append('path')
      .attr('class', `ic-arrow${a.current ? ' current' : ''}${a.target ? '' : ' to-zero'}`)
      .attr('d', `M${from[0]},${from[1]} Q${mid[0]},${mid[1]} ${to[0]},${to[1]}`);
    arrows
      .append('circle')
      .attr('class', `ic-arrow-head${a.current ? ' current' : ''}`)
      .attr('cx', to[0])
      .attr('cy', to[1])
      .attr('r', (a.current ? 4 : 2.5) * p.scale);
  }
}
