// An <svg> drawn by a pure d3 function after every render, at the width of its container and at the page's
// font scale (the presenter mode enlarges the root font, and drawings grow with it).
import { useEffect, useRef } from 'react';
import { useElementWidth } from './useElementWidth';

export interface DrawFrame {
  width: number;
  /** Root font size ÷ 16. */
  scale: number;
}

export function D3Drawing({
  draw,
  label,
  className,
  testId,
}: {
  draw(svg: SVGSVGElement, frame: DrawFrame): void;
  /** What the drawing shows, for screen readers. */
  label: string;
  className?: string;
  testId?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const width = useElementWidth(box);
  useEffect(() => {
    if (!svg.current || width === 0) return;
    const scale = parseFloat(getComputedStyle(document.documentElement).fontSize) / 16 || 1;
    draw(svg.current, { width, scale });
  });
  return (
    <div className={className} ref={box} data-testid={testId}>
      <svg ref={svg} role="img" aria-label={label} />
    </div>
  );
}
