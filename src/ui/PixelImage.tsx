// A small grayscale image drawn as square pixels in SVG (crisp at any zoom, no canvas): value 0 is the
// background, `max` is full ink. Used for the 8×8 digits.
export interface PixelImageProps {
  pixels: ArrayLike<number>;
  width: number;
  height: number;
  /** The value drawn as full ink (16 for the UCI digits). */
  max: number;
  /** Side of one pixel in CSS px. */
  size?: number;
  label: string;
}

export function PixelImage({ pixels, width, height, max, size = 4, label }: PixelImageProps) {
  const cells = [];
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const v = pixels[y * width + x] / max;
      if (v > 0)
        cells.push(
          <rect key={y * width + x} x={x} y={y} width={1} height={1} fillOpacity={Math.min(1, v)} />,
        );
    }
  return (
    <svg
      className="pixel-image"
      viewBox={`0 0 ${width} ${height}`}
      width={width * size}
      height={height * size}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
    >
      <rect width={width} height={height} className="pixel-image-bg" />
      <g className="pixel-image-ink">{cells}</g>
    </svg>
  );
}
