// SVG export of a whole scene: the same boxes, routes, colours and text as the canvas, at full detail,
// as a standalone file (colours resolved, no CSS variables, no scripts).
import { type DrawState, MARK, type Palette } from './draw';
import { BOX, fontOf, linesOf } from './style';
import type { Scene } from './scene';

const escape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const n = (v: number) => (Math.round(v * 100) / 100).toString();

/** SVG path data of edge e (the same S-curves as the canvas). */
export function edgePath(scene: Scene, e: number): string {
  const p = scene.edgePoints;
  const a = scene.edgeStart[e];
  const b = scene.edgeStart[e + 1];
  if (b - a < 2) return '';
  let d = `M${n(p[2 * a])},${n(p[2 * a + 1])}`;
  for (let i = a + 1; i < b; i++) {
    const [x0, y0, x1, y1] = [p[2 * i - 2], p[2 * i - 1], p[2 * i], p[2 * i + 1]];
    if (x0 === x1) d += `L${n(x1)},${n(y1)}`;
    else {
      const ym = n((y0 + y1) / 2);
      d += `C${n(x0)},${ym} ${n(x1)},${ym} ${n(x1)},${n(y1)}`;
    }
  }
  return d;
}

/** Font shorthand as SVG attributes. */
const fontAttrs = (font: string) => {
  const [, weight, size, family] = /^(?:(\d+) )?([\d.]+)px (.*)$/.exec(font) ?? [];
  return `font-family="${escape(family ?? 'sans-serif')}" font-size="${size}"${weight ? ` font-weight="${weight}"` : ''}`;
};

export function sceneToSvg(scene: Scene, palette: Palette, state: DrawState, title: string): string {
  const margin = 16;
  const out: string[] = [];
  const width = scene.width + 2 * margin;
  const height = scene.height + 2 * margin;
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${n(width)}" height="${n(height)}" viewBox="${n(-margin)} ${n(-margin)} ${n(width)} ${n(height)}">`,
    `<title>${escape(title)}</title>`,
    `<rect x="${n(-margin)}" y="${n(-margin)}" width="${n(width)}" height="${n(height)}" fill="${palette.background}"/>`,
    `<defs><marker id="arrow" viewBox="0 0 8 8" refX="8" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L8,4L0,8z" fill="${palette.edge}"/></marker></defs>`,
    `<g fill="none" stroke="${palette.edge}" stroke-width="1.25" marker-end="url(#arrow)">`,
  );
  scene.view.edges.forEach((_, e) => {
    const d = edgePath(scene, e);
    if (d) out.push(`<path d="${d}"/>`);
  });
  out.push('</g>');

  const small = fontAttrs(fontOf('detail', palette.fontFamily));
  const labelled = new Set<string>();
  out.push(`<g ${small} fill="${palette.muted}">`);
  scene.view.edges.forEach((edge, e) => {
    const id = `${edge.from}>${edge.value}`;
    if (!edge.label || labelled.has(id)) return;
    labelled.add(id);
    const a = scene.edgeStart[e];
    out.push(
      `<text x="${n(scene.edgePoints[2 * a] + 5)}" y="${n(scene.edgePoints[2 * a + 1] + 10)}" dominant-baseline="middle">${escape(edge.label)}</text>`,
    );
  });
  out.push('</g>');

  const title12 = fontAttrs(fontOf('title', palette.fontFamily));
  scene.view.nodes.forEach((node, i) => {
    const x = scene.x[i] - scene.w[i] / 2;
    const y = scene.y[i] - scene.h[i] / 2;
    const fill = state.overlayFill?.[i] ?? palette.fill[node.family];
    const marks = state.marks[i];
    const stroke =
      i === state.selected
        ? palette.accent
        : marks & MARK.removed
          ? palette.removed
          : marks & MARK.added
            ? palette.added
            : marks & MARK.changed
              ? palette.changed
              : marks & MARK.related
                ? palette.accent
                : marks & MARK.match
                  ? palette.match
                  : palette.stroke[node.family];
    const strokeWidth = stroke === palette.stroke[node.family] ? 1.25 : 2.5;
    out.push(`<g data-key="${escape(node.key)}">`);
    out.push(`<title>${escape(node.key)}</title>`);
    out.push(
      `<rect x="${n(x)}" y="${n(y)}" width="${n(scene.w[i])}" height="${n(scene.h[i])}" rx="${BOX.radius}" fill="${fill}" stroke="${stroke}" stroke-width="${strokeWidth}"${marks & MARK.removed ? ' stroke-dasharray="5 3"' : ''}/>`,
    );
    const lines = linesOf(node);
    const cx = n(scene.x[i]);
    out.push(
      `<text x="${cx}" y="${n(y + BOX.padY + BOX.title.line / 2)}" text-anchor="middle" dominant-baseline="middle" ${title12} fill="${state.overlayText?.[i] ?? palette.text}">${escape(lines[0].text)}</text>`,
    );
    for (let l = 1; l < lines.length; l++) {
      const ly = y + BOX.padY + BOX.title.line + (l - 0.5) * BOX.small.line;
      out.push(
        `<text x="${cx}" y="${n(ly)}" text-anchor="middle" dominant-baseline="middle" ${small} fill="${state.overlayText?.[i] ?? palette.muted}">${escape(lines[l].text)}</text>`,
      );
    }
    const badge = state.overlayLabel?.[i];
    if (badge)
      out.push(
        `<text x="${n(x + scene.w[i])}" y="${n(y - 7)}" text-anchor="end" dominant-baseline="middle" ${small} fill="${palette.text}">${escape(badge)}</text>`,
      );
    out.push('</g>');
  });
  out.push('</svg>');
  return out.join('\n');
}
