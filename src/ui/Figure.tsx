import type { ReactNode } from 'react';

/** A figure with a caption; `src` is an image under public/, or children (an inline SVG, a widget). */
export function Figure({
  src,
  alt,
  caption,
  children,
}: {
  src?: string;
  alt?: string;
  caption: ReactNode;
  children?: ReactNode;
}) {
  return (
    <figure className="figure">
      {src ? <img src={src} alt={alt ?? ''} loading="lazy" /> : children}
      <figcaption>{caption}</figcaption>
    </figure>
  );
}
