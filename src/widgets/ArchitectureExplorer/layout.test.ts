import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCourse } from '../../../scripts/vite/course';
import { diagrams, type ViewName } from './diagrams';
import { connect, layoutDiagram, neighbour, type Rect } from './layout';
import { nodeStrings, strings } from './strings';

const views: ViewName[] = ['system', 'engine'];
const widths = [340, 390, 640, 736, 1100];
const inside = (r: Rect, x: number, y: number, margin = 0) =>
  x > r.x + margin && x < r.x + r.w - margin && y > r.y + margin && y < r.y + r.h - margin;
const overlaps = (a: Rect, b: Rect) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const onBorder = (r: Rect, x: number, y: number) =>
  x >= r.x - 0.5 && x <= r.x + r.w + 0.5 && y >= r.y - 0.5 && y <= r.y + r.h + 0.5 && !inside(r, x, y, 0.5);

describe.each(views)('the %s diagram', (view) => {
  const diagram = diagrams[view];

  it.each(widths)(
    'at %ipx: boxes fit, do not overlap, and arrows start and end on their boxes without crossing others',
    (width) => {
      const layout = layoutDiagram(diagram, width);
      for (const n of layout.nodes) {
        expect(n.x).toBeGreaterThanOrEqual(0);
        expect(n.x + n.w).toBeLessThanOrEqual(width);
        expect(n.w).toBeGreaterThan(60);
        for (const m of layout.nodes) if (m !== n) expect(overlaps(n, m), `${n.id} / ${m.id}`).toBe(false);
      }
      const byId = new Map(layout.nodes.map((n) => [n.id, n]));
      for (const e of layout.edges) {
        const [from, to] = [byId.get(e.from)!, byId.get(e.to)!];
        expect(onBorder(from, e.x1, e.y1), `${e.from}→${e.to} start`).toBe(true);
        expect(onBorder(to, e.x2, e.y2), `${e.from}→${e.to} end`).toBe(true);
        // Sample the segment: no point may fall inside a box other than its two ends.
        for (let k = 1; k < 50; k++) {
          const [x, y] = [e.x1 + ((e.x2 - e.x1) * k) / 50, e.y1 + ((e.y2 - e.y1) * k) / 50];
          for (const n of layout.nodes)
            if (n !== from && n !== to)
              expect(inside(n, x, y), `${e.from}→${e.to} crosses ${n.id}`).toBe(false);
        }
      }
      for (const g of layout.groups) {
        const members = diagram.groups.find((d) => d.id === g.id)!.nodes;
        for (const n of layout.nodes) {
          if (members.includes(n.id))
            expect(g.x <= n.x && g.y <= n.y && g.x + g.w >= n.x + n.w && g.y + g.h >= n.y + n.h).toBe(true);
          else expect(overlaps(g, n), `${g.id} covers ${n.id}`).toBe(false);
        }
        expect(g.x).toBeGreaterThanOrEqual(0);
        expect(g.x + g.w).toBeLessThanOrEqual(width);
        expect(g.y).toBeGreaterThanOrEqual(0);
        expect(g.y + g.h).toBeLessThanOrEqual(layout.height);
      }
    },
  );

  it('has bilingual text for every box and every group', () => {
    for (const lang of ['en', 'zh'] as const) {
      for (const n of diagram.nodes) {
        const s = nodeStrings[lang][n.id as keyof (typeof nodeStrings)['en']];
        expect(s, `${lang} ${n.id}`).toBeDefined();
        for (const field of ['title', 'sub', 'does', 'problem'] as const)
          expect(s[field].trim(), `${lang} ${n.id}.${field}`).not.toBe('');
      }
      for (const g of diagram.groups)
        expect(strings[lang].groups[g.id], `${lang} group ${g.id}`).toBeTruthy();
    }
  });

  it('links every box to lessons that exist in the course syllabus', () => {
    const course = readCourse(path.resolve(__dirname, '../../../content'));
    const known = new Set(course.flatMap((c) => c.lessons.map((l) => `${c.slug}/${l.slug}`)));
    for (const n of diagram.nodes) {
      expect(n.lessons.length).toBeGreaterThan(0);
      for (const ref of n.lessons) expect(known.has(ref), `${n.id} → ${ref}`).toBe(true);
    }
  });

  it('reaches every box from every other with the arrow keys', () => {
    for (const width of [390, 1100]) {
      const { nodes } = layoutDiagram(diagram, width);
      const seen = new Set([nodes[0].id]);
      const queue = [nodes[0].id];
      while (queue.length) {
        const id = queue.shift()!;
        for (const d of ['left', 'right', 'up', 'down'] as const) {
          const next = neighbour(nodes, id, d);
          if (next && !seen.has(next)) {
            seen.add(next);
            queue.push(next);
          }
        }
      }
      expect(seen.size).toBe(nodes.length);
    }
  });
});

describe('neighbour', () => {
  it('moves along the request path of the wide system diagram and stops at the edges', () => {
    const { nodes } = layoutDiagram(diagrams.system, 1000);
    expect(neighbour(nodes, 'client', 'right')).toBe('gateway');
    expect(neighbour(nodes, 'client', 'left')).toBeNull();
    expect(neighbour(nodes, 'client', 'up')).toBeNull();
    expect(neighbour(nodes, 'batcher', 'down')).toBe('scheduler');
    expect(neighbour(nodes, 'engines', 'down')).toBe('monitoring');
    expect(neighbour(nodes, 'engines', 'left')).toBe('postprocess');
  });

  it('goes from a full-width layer up to the box right above its centre', () => {
    const { nodes } = layoutDiagram(diagrams.engine, 1000);
    expect(neighbour(nodes, 'runtime', 'up')).toBe('optimizer');
    expect(neighbour(nodes, 'converter', 'down')).toBe('runtime');
    expect(neighbour(nodes, 'kernels', 'down')).toBe('devices');
  });
});

describe('connect', () => {
  const a = { x: 0, y: 0, w: 100, h: 50 };
  it('draws a horizontal arrow between boxes side by side, offset for the opposite direction', () => {
    expect(connect(a, { x: 150, y: 0, w: 100, h: 50 })).toEqual({ x1: 100, y1: 25, x2: 150, y2: 25 });
    expect(connect({ x: 150, y: 0, w: 100, h: 50 }, a, 5)).toEqual({ x1: 150, y1: 20, x2: 100, y2: 20 });
  });
  it('draws a vertical arrow through the middle of the horizontal overlap', () => {
    expect(connect(a, { x: 50, y: 100, w: 300, h: 50 })).toEqual({ x1: 75, y1: 50, x2: 75, y2: 100 });
  });
  it('cuts a diagonal at both borders', () => {
    const e = connect(a, { x: 200, y: 100, w: 100, h: 50 });
    expect(e.x1).toBeCloseTo(100);
    expect(e.y1).toBeCloseTo(50);
    expect(e.x2).toBeCloseTo(200);
    expect(e.y2).toBeCloseTo(100);
  });
});
