// A titled numeric grid (see grid.ts): an SVG drawn by d3 from props, with a text alternative.
import { useEffect, useRef, type ReactNode } from 'react';
import { drawGrid, gridSize, type GridProps } from './grid';

/** The root font size in px, so that grids grow with presenter mode. */
export const remPx = () =>
  typeof window === 'undefined' ? 16 : parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;

export function GridPanel({
  title,
  note,
  grid,
  label,
  testId,
}: {
  title: ReactNode;
  /** A line under the grid (e.g. "rows 0–11 of 64 shown"). */
  note?: ReactNode;
  grid: GridProps;
  /** What the grid shows, for screen readers (the numbers are in the text around it). */
  label: string;
  testId?: string;
}) {
  const svg = useRef<SVGSVGElement>(null);
  const { width, height } = gridSize(grid);
  useEffect(() => {
    const group = svg.current?.querySelector('g');
    if (group) drawGrid(group, grid);
  });
  return (
    <figure className="kg-panel" data-testid={testId}>
      <figcaption className="kg-title">{title}</figcaption>
      <svg
        ref={svg}
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={label}
      >
        <g />
      </svg>
      {note && <p className="kg-note">{note}</p>}
    </figure>
  );
}
