// Draws a diagram's SVG layer with d3 from props: group frames with their labels and the arrows, those
// touching the selected box highlighted. The boxes themselves are HTML buttons placed by View.tsx on top,
// so that they wrap text, take focus and work with the keyboard and screen readers.
import { select } from 'd3';
import type { EdgeKind } from './diagrams';
import type { Layout } from './layout';

export interface DrawProps {
  layout: Layout;
  selected: string | null;
  groupLabels: Record<string, string>;
  /** Unique per widget instance: arrowhead markers are referenced by id. */
  idPrefix: string;
}

const KINDS: EdgeKind[] = ['data', 'control', 'optional'];

export function drawDiagram(
  svg: SVGSVGElement,
  { layout, selected, groupLabels, idPrefix }: DrawProps,
): void {
  const root = select(svg);
  root.selectAll('*').remove();
  root
    .attr('viewBox', `0 0 ${layout.width} ${layout.height}`)
    .attr('width', layout.width)
    .attr('height', layout.height);

  const defs = root.append('defs');
  for (const kind of KINDS)
    for (const state of ['', '-active'])
      defs
        .append('marker')
        .attr('id', `${idPrefix}-${kind}${state}`)
        .attr('class', `ae-marker ${kind}${state ? ' active' : ''}`)
        .attr('viewBox', '0 0 10 10')
        .attr('refX', 9)
        .attr('refY', 5)
        .attr('markerUnits', 'userSpaceOnUse')
        .attr('markerWidth', 10)
        .attr('markerHeight', 10)
        .attr('orient', 'auto-start-reverse')
        .append('path')
        .attr('d', 'M 0 0 L 10 5 L 0 10 z');

  const groups = root.append('g').attr('class', 'ae-groups').selectAll('g').data(layout.groups).join('g');
  groups
    .append('rect')
    .attr('class', (g) => `ae-group ${g.id}`)
    .attr('x', (g) => g.x)
    .attr('y', (g) => g.y)
    .attr('width', (g) => g.w)
    .attr('height', (g) => g.h)
    .attr('rx', 10);
  groups
    .append('text')
    .attr('class', 'ae-group-label')
    .attr('x', (g) => g.x + 10)
    .attr('y', (g) => g.y + 17)
    .text((g) => groupLabels[g.id] ?? g.id);

  const touches = (e: { from: string; to: string }) =>
    selected !== null && (e.from === selected || e.to === selected);
  // Highlighted arrows are drawn last so that they lie on top.
  const edges = [...layout.edges].sort((a, b) => Number(touches(a)) - Number(touches(b)));
  root
    .append('g')
    .attr('class', 'ae-edges')
    .selectAll('line')
    .data(edges)
    .join('line')
    .attr('class', (e) => `ae-edge ${e.kind}${touches(e) ? ' active' : ''}`)
    .attr('x1', (e) => e.x1)
    .attr('y1', (e) => e.y1)
    .attr('x2', (e) => e.x2)
    .attr('y2', (e) => e.y2)
    .attr('marker-end', (e) => `url(#${idPrefix}-${e.kind}${touches(e) ? '-active' : ''})`)
    .attr('data-edge', (e) => `${e.from}-${e.to}`);
}
