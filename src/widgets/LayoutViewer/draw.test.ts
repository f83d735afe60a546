import { describe, expect, it } from 'vitest';
import { logicalGeometry, memoryGeometry, memoryHeight, runSegments } from './draw';

describe('layout viewer geometry', () => {
  it('wraps memory in rows of whole cache lines and places every slot once', () => {
    const g = memoryGeometry(700, 1, 128);
    expect(g.perRow).toBe(16);
    expect(g.rows).toBe(8);
    const seen = new Set(Array.from({ length: 128 }, (_, a) => g.at(a).join(',')));
    expect(seen.size).toBe(128);
    expect(g.at(17)).toEqual([g.gutter + g.cell, g.cell]);
    expect(memoryGeometry(700, 1, 1024).perRow).toBe(32);
    // Fits a phone: all slots of a row inside 375 px.
    const phone = memoryGeometry(375, 1, 128);
    expect(phone.gutter + phone.perRow * phone.cell).toBeLessThanOrEqual(375);
  });

  it('cuts a run that wraps a row into one segment per row', () => {
    expect(runSegments({ start: 14, length: 20 }, 16)).toEqual([
      { row: 0, from: 14, to: 15 },
      { row: 1, from: 0, to: 15 },
      { row: 2, from: 0, to: 1 },
    ]);
    expect(runSegments({ start: 3, length: 1 }, 16)).toEqual([{ row: 0, from: 3, to: 3 }]);
  });

  it('lays channel planes side by side and wraps them; cells keep their plane', () => {
    const g = logicalGeometry(700, 1, [1, 6, 3, 4]);
    expect(g.planesPerRow).toBeGreaterThan(1);
    const [px, py] = g.plane(0, 1);
    // Element (c=1, h=2, w=3) is NCHW index 1·12 + 2·4 + 3 = 23.
    const [x, y] = g.at(23);
    expect(x - px).toBe(3 * g.cell);
    expect(y - py).toBeGreaterThan(2 * g.cell - 1);
    expect(g.labels).toBe(true);
    // 16 planes of 8×8 on a phone: smaller cells, still inside the width.
    const phone = logicalGeometry(343, 1, [1, 16, 8, 8]);
    expect(phone.planeWidth).toBeLessThanOrEqual(343);
  });

  it('stacks strips', () => {
    const strip = (n: number) => ({ title: '', slots: new Array(n).fill(null), states: [] });
    expect(memoryHeight({ width: 600, scale: 1, strips: [strip(64), strip(64)] })).toBeCloseTo(
      2 * memoryHeight({ width: 600, scale: 1, strips: [strip(64)] }),
    );
  });
});
