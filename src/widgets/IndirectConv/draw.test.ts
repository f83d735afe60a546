import { describe, expect, it } from 'vitest';
import { convShape } from '../../engine';
import { stepperGeometry } from './draw';

const shape = convShape([1, 16, 8, 8], [32, 16, 3, 3], { pads: [1, 1, 1, 1] });

const inside = (outer: { width: number }, box: { x: number; w: number }) =>
  box.x >= 0 && box.x + box.w <= outer.width + 0.5;

describe('indirect stepper geometry', () => {
  it('puts the buffer beside the input on a wide screen, the output under it, inside the width', () => {
    const g = stepperGeometry(1000, 1, shape);
    // Also at sizes where the cell is not capped, and in presenter mode.
    for (const [w, scale] of [
      [700, 1],
      [1250, 1.375],
    ]) {
      const h = stepperGeometry(w, scale, shape);
      expect(h.buffer.x).toBeGreaterThan(h.input.x + h.input.w);
      for (const box of [h.input, h.buffer, h.output]) expect(inside(h, box)).toBe(true);
    }
    expect(g.buffer.x).toBeGreaterThan(g.input.x + g.input.w);
    expect(g.output.y).toBeGreaterThan(g.buffer.y + g.buffer.h);
    expect(g.labels).toBe(true);
    for (const box of [g.input, g.zero, g.buffer, g.output]) expect(inside(g, box)).toBe(true);
    // The padding ring is part of the input panel: (−1, −1) is its top-left cell.
    expect(g.inputCell(-1, -1)).toEqual([g.input.x, g.input.y]);
    expect(g.inputCell(0, 0)).toEqual([g.input.x + g.cell, g.input.y + g.cell]);
  });

  it('stacks the panels on a phone and keeps them inside 343 px', () => {
    const g = stepperGeometry(343, 1, shape);
    expect(g.buffer.y).toBeGreaterThan(g.zero.y + g.zero.h);
    expect(g.output.y).toBeGreaterThan(g.buffer.y + g.buffer.h);
    for (const box of [g.input, g.zero, g.buffer, g.output]) expect(inside(g, box)).toBe(true);
  });

  it('places entry k of pixel p in the block of p, tap (k / kW, k % kW)', () => {
    const g = stepperGeometry(1000, 1, shape);
    const [x0, y0] = g.entryCell(9, 0); // pixel (1, 1)
    const [x4, y4] = g.entryCell(9, 4); // its centre tap
    expect(x4 - x0).toBeCloseTo(g.entry);
    expect(y4 - y0).toBeCloseTo(g.entry);
    const [xn] = g.entryCell(10, 0);
    expect(xn).toBeGreaterThan(x0 + 3 * g.entry - 0.01);
  });
});
