import { describe, expect, it } from 'vitest';
import { cellsThatFit, fitCell, followWindow, gridSize, maxAbs } from './grid';

describe('grid geometry', () => {
  it('follows a focus range across a plane too large to show, clamped at the edges', () => {
    expect(followWindow(8, 10, 5)).toBe(0);
    expect(followWindow(100, 10, 0, 3)).toBe(0);
    expect(followWindow(100, 10, 50, 3)).toBe(47);
    expect(followWindow(100, 10, 98, 3)).toBe(90);
  });

  it('fits cells into a width between the minimum and maximum size', () => {
    expect(fitCell(1000, 5, 16)).toBe(2.6 * 16);
    expect(fitCell(300, 64, 16)).toBe(1.1 * 16);
    expect(fitCell(300, 8, 16)).toBe(Math.floor((300 - 24 - 4) / 8));
    expect(cellsThatFit(300, 20, 16)).toBe(13);
    expect(gridSize({ rows: 3, cols: 4, cell: 20, labels: false, rem: 16 })).toEqual({
      width: 82,
      height: 62,
    });
  });

  it('bounds the colour scale by the largest magnitude', () => {
    expect(maxAbs(new Float32Array([0.5, -2, 1]))).toBe(2);
    expect(maxAbs([])).toBe(0);
  });
});
