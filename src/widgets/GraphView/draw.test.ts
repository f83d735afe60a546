import { describe, expect, it } from 'vitest';
import { layeredLayout } from '../../workers/layout/layered';
import { drawScene, MARK, type Ctx, type Palette } from './draw';
import { FAMILIES, type OpFamily } from './families';
import { buildModel, buildView } from './model';
import { makeScene, hitTest, nextInReadingOrder } from './scene';
import { boxSize, estimateWidth } from './style';
import { sceneToSvg } from './svg';
import { syntheticGraph } from './synthetic';
import { centreOn, fitViewport, visibleRect, zoomAt, zoomExtent } from './viewport';

const colours = (prefix: string) =>
  Object.fromEntries(FAMILIES.map((f) => [f, `${prefix}-${f}`])) as Record<OpFamily, string>;
const palette: Palette = {
  background: 'bg',
  text: 'text',
  muted: 'muted',
  edge: 'edge',
  accent: 'accent',
  removed: 'removed',
  added: 'added',
  changed: 'changed',
  match: 'match',
  fill: colours('fill'),
  stroke: colours('stroke'),
  fontFamily: 'sans-serif',
};

/** Records what a drawing does: text drawn, boxes filled per colour, strokes per colour. */
function recorder() {
  const calls = {
    text: [] as string[],
    textColour: new Map<string, string>(),
    rects: new Map<string, number>(),
    strokes: [] as string[],
    curves: 0,
  };
  let pathRects = 0;
  const ctx = {
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
    font: '',
    textAlign: 'left',
    textBaseline: 'alphabetic',
    globalAlpha: 1,
    save() {},
    restore() {},
    setTransform() {},
    fillRect() {},
    beginPath() {
      pathRects = 0;
    },
    moveTo() {},
    lineTo() {},
    bezierCurveTo() {
      calls.curves++;
    },
    rect() {
      pathRects++;
    },
    roundRect() {
      pathRects++;
    },
    closePath() {},
    fill() {
      const key = String(ctx.fillStyle);
      if (pathRects) calls.rects.set(key, (calls.rects.get(key) ?? 0) + pathRects);
    },
    stroke() {
      calls.strokes.push(String(ctx.strokeStyle));
    },
    fillText(text: string) {
      calls.text.push(text);
      calls.textColour.set(text, String(ctx.fillStyle));
    },
    setLineDash() {},
  };
  return { ctx: ctx as unknown as Ctx, calls };
}

function sceneOf(nodes: number) {
  const model = buildModel(syntheticGraph({ nodes, seed: 3 }));
  const view = buildView(model);
  const sizes = view.nodes.map((n) => boxSize(n, estimateWidth));
  const widths = Float64Array.from(sizes, (s) => s[0]);
  const heights = Float64Array.from(sizes, (s) => s[1]);
  const edges = Int32Array.from(view.edges.flatMap((e) => [e.from, e.to]));
  return { model, scene: makeScene(view, widths, heights, layeredLayout({ widths, heights, edges })) };
}

const screen = { width: 800, height: 600 };
const noMarks = (n: number) => ({ selected: -1, marks: new Uint8Array(n) });

describe('drawScene', () => {
  const { scene } = sceneOf(300);
  const n = scene.x.length;

  it('draws every box but no text when the whole graph is in view', () => {
    const { ctx, calls } = recorder();
    const stats = drawScene(ctx, scene, fitViewport(scene, screen), screen, palette, noMarks(n));
    expect(stats.nodes).toBe(n);
    expect(stats.detail).toBe('overview');
    expect([...calls.rects.values()].reduce((a, b) => a + b, 0)).toBe(n);
    expect(calls.text).toEqual([]);
    expect(calls.curves).toBe(0);
    expect([...calls.rects.keys()].every((c) => c.startsWith('stroke-'))).toBe(true); // strong colours far out
  });

  it('draws only what is on screen up close, with titles, details and curved edges', () => {
    const { ctx, calls } = recorder();
    const i = scene.view.indexOf.get(scene.view.nodes.find((v) => v.title === 'Conv' && v.detail)!.key)!;
    const viewport = centreOn({ x: 0, y: 0, k: 1 }, scene.x[i], scene.y[i], screen, 1);
    const stats = drawScene(ctx, scene, viewport, screen, palette, noMarks(n));
    expect(stats.detail).toBe('text');
    expect(stats.nodes).toBeGreaterThan(0);
    expect(stats.nodes).toBeLessThan(n / 4);
    expect(calls.text).toContain('Conv');
    expect(calls.text).toContain(scene.view.nodes[i].detail);
    expect(calls.text.some((t) => /^\d+×\d+×\d+×\d+$/.test(t))).toBe(true); // a shape on an edge
    expect(calls.curves).toBeGreaterThan(0);
    // culling: every box drawn intersects the (slightly enlarged) visible rectangle
    const r = visibleRect(viewport, screen);
    let onScreen = 0;
    for (let v = 0; v < n; v++)
      if (
        scene.x[v] + scene.w[v] / 2 >= r.x0 - 20 &&
        scene.x[v] - scene.w[v] / 2 <= r.x1 + 20 &&
        scene.y[v] + scene.h[v] / 2 >= r.y0 - 20 &&
        scene.y[v] - scene.h[v] / 2 <= r.y1 + 20
      )
        onScreen++;
    expect(stats.nodes).toBe(onScreen);
  });

  it('rings highlighted and selected boxes in their colours, and fills overlays instead of families', () => {
    const { ctx, calls } = recorder();
    const marks = new Uint8Array(n);
    marks[1] = MARK.removed;
    marks[2] = MARK.added | MARK.match;
    const overlayFill = Array.from({ length: n }, (_, i) => (i < 5 ? 'overlay' : null));
    drawScene(ctx, scene, fitViewport(scene, screen), screen, palette, { selected: 3, marks, overlayFill });
    for (const colour of ['removed', 'added', 'match', 'accent']) expect(calls.strokes).toContain(colour);
    expect(calls.strokes).not.toContain('changed');
    expect(calls.rects.get('overlay')).toBe(5);
  });
});

describe('drawScene far out', () => {
  it('draws boxes sharing a pixel once and skips sub-pixel edges, yet counts every box as drawn', () => {
    const { scene } = sceneOf(3000);
    const n = scene.x.length;
    const { ctx, calls } = recorder();
    let segments = 0;
    ctx.lineTo = () => void segments++;
    const fit = fitViewport(scene, screen);
    const stats = drawScene(ctx, scene, fit, screen, palette, noMarks(n));
    const rects = [...calls.rects.values()].reduce((a, b) => a + b, 0);
    expect(stats.nodes).toBe(n);
    expect(rects).toBeGreaterThan(0);
    expect(rects).toBeLessThan(n);
    // every pixel holding a box got one
    const pixels = new Set(
      Array.from(
        { length: n },
        (_, i) => `${Math.round(scene.x[i] * fit.k)},${Math.round(scene.y[i] * fit.k)}`,
      ),
    );
    expect(rects).toBeGreaterThanOrEqual(pixels.size);
    expect(stats.edges).toBeLessThan(scene.view.edges.length);
    expect(segments).toBeGreaterThan(0);
  });
});

describe('drawScene with an overlay', () => {
  it('writes box text in the colour chosen for the overlay fill', () => {
    const { scene } = sceneOf(40);
    const n = scene.x.length;
    const i = scene.view.nodes.findIndex((v) => v.title === 'Conv');
    scene.view.nodes[i].title = 'the one with an overlay';
    const overlayFill = Array.from({ length: n }, (_, j) => (j === i ? 'navy' : null));
    const overlayText = Array.from({ length: n }, (_, j) => (j === i ? 'white' : null));
    const overlayLabel = Array.from({ length: n }, (_, j) => (j === i ? '1.2M' : null));
    const { ctx, calls } = recorder();
    const viewport = centreOn({ x: 0, y: 0, k: 1 }, scene.x[i], scene.y[i], screen, 1);
    drawScene(ctx, scene, viewport, screen, palette, {
      selected: -1,
      marks: new Uint8Array(n),
      overlayFill,
      overlayText,
      overlayLabel,
    });
    expect(calls.textColour.get('the one with an overlay')).toBe('white');
    expect(calls.textColour.get('Relu')).toBe('text');
    expect(calls.textColour.get('1.2M')).toBe('text');
    expect(calls.rects.get('navy')).toBe(1);
  });
});

describe('scene queries', () => {
  const { scene } = sceneOf(120);

  it('finds the box under a point, and nothing between boxes', () => {
    for (const i of [0, 5, 17]) expect(hitTest(scene, scene.x[i], scene.y[i])).toBe(i);
    expect(hitTest(scene, -500, -500)).toBe(-1);
  });

  it('walks boxes in reading order, wrapping around', () => {
    const first = nextInReadingOrder(scene, -1, 1);
    expect(scene.y[first]).toBe(Math.min(...scene.y));
    const second = nextInReadingOrder(scene, first, 1);
    expect(scene.y[second]).toBeGreaterThanOrEqual(scene.y[first]);
    expect(nextInReadingOrder(scene, first, -1)).toBe(scene.readingOrder.at(-1));
  });
});

describe('viewport', () => {
  it('fits the drawing, zooms about a fixed point and keeps zoom within its extent', () => {
    const world = { width: 2000, height: 500 };
    const fit = fitViewport(world, screen);
    expect(fit.k).toBeCloseTo((800 - 48) / 2000);
    expect(fit.x + (world.width / 2) * fit.k).toBeCloseTo(400);
    const extent = zoomExtent(world, screen);
    const z = zoomAt(fit, 2, 100, 200, extent);
    // the world point under (100, 200) stays there
    expect(((100 - fit.x) / fit.k) * z.k + z.x).toBeCloseTo(100);
    expect(zoomAt(fit, 1000, 0, 0, extent).k).toBe(extent[1]);
    expect(zoomAt(fit, 1e-6, 0, 0, extent).k).toBe(extent[0]);
  });
});

describe('sceneToSvg', () => {
  it('writes every box, edge and title as a standalone SVG with escaped text', () => {
    const { scene } = sceneOf(60);
    scene.view.nodes[0].title = 'a<b & "c"';
    const svg = sceneToSvg(scene, palette, { selected: 1, marks: new Uint8Array(scene.x.length) }, 'graph');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<rect /g)!.length).toBe(scene.x.length + 1); // + background
    expect(svg.match(/<path d=/g)!.length).toBe(scene.view.edges.length + 1); // + the arrow marker
    expect(svg).toContain('a&lt;b &amp; &quot;c&quot;');
    expect(svg).not.toContain('var(--');
    expect(svg).toContain('stroke="accent"'); // the selected box
  });
});
