import { useEffect, useRef, type ReactNode } from 'react';

interface StartCancelProps {
  busy: boolean;
  /** False while Start has nothing to act on (no file chosen, nothing selected…). */
  canStart?: boolean;
  startLabel: ReactNode;
  cancelLabel: ReactNode;
  onStart(): void;
  onCancel(): void;
  startTestId: string;
  cancelTestId: string;
}

/**
 * A widget's Start and Cancel buttons: Start is disabled while the work runs, Cancel while it does not.
 * Disabling the focused button would drop a keyboard user's focus to the page, so the focus moves to
 * the button that has just become usable.
 */
export function StartCancel({
  busy,
  canStart = true,
  startLabel,
  cancelLabel,
  onStart,
  onCancel,
  startTestId,
  cancelTestId,
}: StartCancelProps) {
  const startButton = useRef<HTMLButtonElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (busy && document.activeElement === startButton.current) cancelButton.current?.focus();
    if (!busy && document.activeElement === cancelButton.current) startButton.current?.focus();
  }, [busy]);
  return (
    <>
      <button
        ref={startButton}
        type="button"
        className="button primary"
        disabled={busy || !canStart}
        onClick={onStart}
        data-testid={startTestId}
      >
        {startLabel}
      </button>
      <button
        ref={cancelButton}
        type="button"
        className="button"
        disabled={!busy}
        onClick={onCancel}
        data-testid={cancelTestId}
      >
        {cancelLabel}
      </button>
    </>
  );
}
