import { useId, useState, type ReactNode } from 'react';

/** Jargon with a definition shown on hover and on keyboard focus (tooltip). */
export function Term({ tip, children }: { tip: string; children: ReactNode }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  return (
    <span className="term">
      <button
        type="button"
        className="term-button"
        aria-describedby={id}
        onMouseEnter={() => setOpen(true)}
        onMouseLeave={() => setOpen(false)}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
      >
        {children}
      </button>
      <span role="tooltip" id={id} className={open ? 'term-tip open' : 'term-tip'}>
        {tip}
      </span>
    </span>
  );
}
