import { describe, expect, it } from 'vitest';
import { convShape } from '../../engine';
import { stepperGeometry } from './draw';
import { drawnRegion } from './model';

const shape = convShape([1, 16, 8, 8], [32, 16, 3, 3], { pads: [1, 1, 1, 1] });
const whole = drawnRegion(shape, { rows: 8, cols: 8 });

const inside = (outer: { width: number }, box: { x: number; w: number }) =>
  box.x >= 0 && box.x + box.w <= outer.width + 0.5;

describe('indirect stepper geometry', () => {
  it('puts the buffer beside the input on a wide screen, the output under it, inside the width', () => {
    const g = stepperGeometry(1000, 1, shape, whole);
    // Also at sizes where the cell is not capped, and in presenter mode.
    for (const [w, scale] of [
      [700, 1],
      [1250, 1.375],
    ]) {
      const h = stepperGeometry(w, scale, shape, whole);
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
    const g = stepperGeometry(343, 1, shape, whole);
    expect(g.buffer.y).toBeGreaterThan(g.zero.y + g.zero.h);
    expect(g.output.y).toBeGreaterThan(g.buffer.y + g.buffer.h);
    for (const box of [g.input, g.zero, g.buffer, g.output]) expect(inside(g, box)).toBe(true);
  });

  it('places entry k of pixel p in the block of p, tap (k / kW, k % kW)', () => {
    const g = stepperGeometry(1000, 1, shape, whole);
    const [x0, y0] = g.entryCell(9, 0); // pixel (1, 1)
    const [x4, y4] = g.entryCell(9, 4); // its centre tap
    expect(x4 - x0).toBeCloseTo(g.entry);
    expect(y4 - y0).toBeCloseTo(g.entry);
    const [xn] = g.entryCell(10, 0);
    expect(xn).toBeGreaterThan(x0 + 3 * g.entry - 0.01);
  });

  it('draws a corner of a large layer: the window’s blocks and the input it reads, at a readable size', () => {
    // MobileNetV2-224's first layer: 3×224×224, 3×3, stride 2 → 112×112; a 9×9 corner reads 19×19 inputs.
    const big = convShape([1, 3, 224, 224], [32, 3, 3, 3], { pads: [1, 1, 1, 1], strides: [2, 2] });
    const region = drawnRegion(big, { rows: 9, cols: 9 });
    const g = stepperGeometry(1000, 1, big, region);
    expect(g.input.w).toBeCloseTo(19 * g.cell);
    expect(g.buffer.w).toBeCloseTo(9 * (3 * g.entry + 4));
    expect(g.cell).toBeGreaterThan(16);
    for (const box of [g.input, g.zero, g.buffer, g.output]) expect(inside(g, box)).toBe(true);
    // Pixel (1, 0) is p = 112: its block starts one block row down.
    const [x, y] = g.entryCell(112, 0);
    expect(x).toBeCloseTo(g.buffer.x);
    expect(y).toBeCloseTo(g.buffer.y + 3 * g.entry + 4);
  });
});

describe('indirect stepper geometry of a 1×1 layer', () => {
  it('keeps the output under the buffer inside the drawing, and hides offsets too long for their cells', () => {
    // MobileNetV2-224's 16 → 96 expansion on 112×112: a 12×12 corner, offsets up to 5 digits.
    const s = convShape([1, 16, 112, 112], [96, 16, 1, 1], {});
    const region = drawnRegion(s, { rows: 12, cols: 12 });
    for (const width of [700, 1000]) {
      const g = stepperGeometry(width, 1, s, region);
      expect(g.output.x + g.output.w).toBeLessThanOrEqual(width + 0.5);
      if (g.labels) expect(g.cell).toBeGreaterThanOrEqual(6.6 * 5 + 6);
    }
  });
});
