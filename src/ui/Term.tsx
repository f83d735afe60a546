import { useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

/** Jargon with a definition shown on hover and on keyboard focus (tooltip), kept inside the viewport. */
export function Term({ tip, children }: { tip: string; children: ReactNode }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [shift, setShift] = useState(0);
  const tipRef = useRef<HTMLSpanElement>(null);

  useLayoutEffect(() => {
    if (!open || !tipRef.current) return setShift(0);
    const rect = tipRef.current.getBoundingClientRect();
    const overflow = rect.right - (document.documentElement.clientWidth - 8);
    setShift(overflow > 0 ? -Math.min(overflow, rect.left - 8) : 0);
  }, [open]);

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
      <span
        ref={tipRef}
        role="tooltip"
        id={id}
        className={open ? 'term-tip open' : 'term-tip'}
        style={shift ? { transform: `translateX(${shift}px)` } : undefined}
      >
        {tip}
      </span>
    </span>
  );
}
