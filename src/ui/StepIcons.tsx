// Transport icons for StepControls as inline SVG: the Unicode glyphs ⏮ ⏭ ⏸ are missing from many fonts
// (headless Chromium, some CJK fonts) and render as empty boxes.
import type { ReactNode } from 'react';

const PATHS = {
  first: (
    <>
      <rect x="2" y="3" width="2" height="10" />
      <path d="M14 3v10L5 8z" />
    </>
  ),
  prev: <path d="M12 3v10L3 8z" />,
  play: <path d="M4 3v10l9-5z" />,
  pause: (
    <>
      <rect x="3.5" y="3" width="3" height="10" />
      <rect x="9.5" y="3" width="3" height="10" />
    </>
  ),
  next: <path d="M4 3v10l9-5z" />,
  last: (
    <>
      <rect x="12" y="3" width="2" height="10" />
      <path d="M2 3v10l9-5z" />
    </>
  ),
} satisfies Record<string, ReactNode>;

export type StepIconName = keyof typeof PATHS;

export function StepIcon({ name }: { name: StepIconName }) {
  return (
    <svg
      className="step-icon"
      viewBox="0 0 16 16"
      width="14"
      height="14"
      fill="currentColor"
      aria-hidden="true"
      focusable="false"
    >
      {PATHS[name]}
    </svg>
  );
}
