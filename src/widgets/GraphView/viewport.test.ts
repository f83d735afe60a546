import { describe, expect, it } from 'vitest';
import { fitViewport, fitsOnLayout } from './viewport';

describe('fitsOnLayout', () => {
  const zoomed = { x: -40, y: 10, k: 2.5 };
  it('fits a graph when there is no viewport yet, whatever else is asked', () => {
    expect(fitsOnLayout({ viewport: null, newGraph: true, keepViewport: true, refit: false })).toBe(true);
    expect(fitsOnLayout({ viewport: null, newGraph: false, keepViewport: false, refit: false })).toBe(true);
  });
  it("fits another graph by default, but keeps the reader's zoom when stepping between versions of one graph", () => {
    expect(fitsOnLayout({ viewport: zoomed, newGraph: true, keepViewport: false, refit: false })).toBe(true);
    expect(fitsOnLayout({ viewport: zoomed, newGraph: true, keepViewport: true, refit: false })).toBe(false);
  });
  it('keeps the view for a new layout of the same graph, and refits when asked (collapse all)', () => {
    expect(fitsOnLayout({ viewport: zoomed, newGraph: false, keepViewport: false, refit: false })).toBe(
      false,
    );
    expect(fitsOnLayout({ viewport: zoomed, newGraph: false, keepViewport: true, refit: true })).toBe(true);
  });
});

describe('fitViewport', () => {
  it('centres the drawing and never enlarges it beyond 1.5×', () => {
    expect(fitViewport({ width: 100, height: 50 }, { width: 600, height: 400 })).toEqual({
      k: 1.5,
      x: 225,
      y: 162.5,
    });
  });
});
