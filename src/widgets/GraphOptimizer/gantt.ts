// Draws the memory plan as a Gantt chart with d3, from props only: one rectangle per activation tensor,
// spanning the steps it is alive (x) at its offset and size in the arena (y). Overlapping rectangles would
// be a bug in the plan: where none overlap, the picture is the proof that the arena is big enough.
import { axisBottom, axisLeft, scaleLinear, select } from 'd3';
import type { MemoryPlan } from '../../engine';

export interface GanttProps {
  plan: MemoryPlan;
  width: number;
  height: number;
  /** Highlighted tensor (hover or focus in the table). */
  selected: string | null;
  formatBytes(bytes: number): string;
  tensorLabel(t: MemoryPlan['tensors'][number]): string;
  xLabel: string;
  yLabel: string;
}

const MARGIN = { top: 10, right: 12, bottom: 38, left: 64 };
/** Categorical colours that read on light and dark backgrounds. */
const COLOURS = [
  '#4e79a7',
  '#f28e2b',
  '#59a14f',
  '#e15759',
  '#76b7b2',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
];

/**
 * Tick values at round numbers of the unit the arena is counted in (1 KB = 1024 B, 1 MB = 1024 KB), so the
 * axis reads 1 MB, 2 MB … rather than the 976.6 KB, 1.91 MB of decimal ticks.
 */
export function byteTicks(max: number, count: number): number[] {
  const exponent = Math.floor(Math.log(Math.max(max, 1)) / Math.log(1024));
  const unit = 1024 ** Math.max(0, Math.min(3, exponent));
  return scaleLinear()
    .domain([0, max / unit])
    .ticks(count)
    .map((v) => v * unit);
}

/** "2.00 MB" → "2 MB", "2.50 MB" → "2.5 MB": tick labels without trailing zeros. */
const trimZeros = (label: string) => label.replace(/(\.\d*?)0+(?=\s)/, '$1').replace(/\.(?=\s)/, '');

export function drawGantt(svg: SVGSVGElement, p: GanttProps): void {
  const root = select(svg);
  root.selectAll('*').remove();
  root.attr('viewBox', `0 0 ${p.width} ${p.height}`).attr('width', p.width).attr('height', p.height);
  const { plan } = p;
  const steps = plan.order.length;
  // The plan counts every tensor at its size rounded up to the arena's alignment: so does the drawing.
  const size = (bytes: number) => Math.ceil(bytes / plan.alignment) * plan.alignment;
  const arena = Math.max(plan.plannedBytes, 1);
  const x = scaleLinear()
    .domain([-1, steps + 1])
    .range([MARGIN.left, p.width - MARGIN.right]);
  const y = scaleLinear()
    .domain([0, arena])
    .range([p.height - MARGIN.bottom, MARGIN.top]);

  root
    .append('g')
    .attr('class', 'go-axis')
    .attr('transform', `translate(0,${p.height - MARGIN.bottom})`)
    .call(
      axisBottom(x)
        .ticks(Math.min(10, steps + 2))
        .tickFormat((v) => String(v)),
    );
  root
    .append('g')
    .attr('class', 'go-axis')
    .attr('transform', `translate(${MARGIN.left},0)`)
    .call(
      axisLeft(y)
        .tickValues(byteTicks(arena, 5))
        .tickFormat((v) => trimZeros(p.formatBytes(v as number))),
    );
  root
    .append('text')
    .attr('class', 'go-axis-label')
    .attr('x', (MARGIN.left + p.width - MARGIN.right) / 2)
    .attr('y', p.height - 4)
    .attr('text-anchor', 'middle')
    .text(p.xLabel);

  root
    .append('text')
    .attr('class', 'go-axis-label')
    .attr('transform', `translate(12,${(MARGIN.top + p.height - MARGIN.bottom) / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle')
    .text(p.yLabel);

  // The lower bound: no arena can be lower than the bytes alive at the busiest step.
  root
    .append('line')
    .attr('class', 'go-bound')
    .attr('x1', MARGIN.left)
    .attr('x2', p.width - MARGIN.right)
    .attr('y1', y(plan.lowerBoundBytes))
    .attr('y2', y(plan.lowerBoundBytes));

  root
    .append('g')
    .selectAll('rect')
    .data(plan.tensors.filter((t) => t.bytes > 0))
    .join('rect')
    .attr('class', (t) => (t.name === p.selected ? 'go-tensor selected' : 'go-tensor'))
    .attr('x', (t) => x(t.start))
    .attr('width', (t) => Math.max(1, x(t.end + 1) - x(t.start)))
    .attr('y', (t) => y(t.offset + size(t.bytes)))
    .attr('height', (t) => Math.max(1, y(t.offset) - y(t.offset + size(t.bytes))))
    .attr('fill', (_, i) => COLOURS[i % COLOURS.length])
    .append('title')
    .text((t) => p.tensorLabel(t));
}
