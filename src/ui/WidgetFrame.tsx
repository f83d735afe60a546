import { useId, type HTMLAttributes, type ReactNode } from 'react';

interface WidgetFrameProps extends Omit<HTMLAttributes<HTMLElement>, 'title' | 'className'> {
  /** The widget's own class, next to `widget` (its styles hang off it). */
  kind: string;
  title: ReactNode;
  subtitle?: ReactNode;
}

/** The frame every widget shares: a <section> named by its title, then the subtitle, then the widget. */
export function WidgetFrame({ kind, title, subtitle, children, ...rest }: WidgetFrameProps) {
  const titleId = useId();
  return (
    <section className={`widget ${kind}`} aria-labelledby={titleId} {...rest}>
      <h3 id={titleId} className="widget-title">
        {title}
      </h3>
      {subtitle !== undefined && <p className="widget-subtitle">{subtitle}</p>}
      {children}
    </section>
  );
}
