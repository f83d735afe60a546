import { useEffect, useRef } from 'react';
import { useStrings } from '../ui/i18n';
import { appStrings } from './strings';

export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const t = useStrings(appStrings);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    dialog?.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="shortcut-title" onClose={onClose}>
      <h2 id="shortcut-title">{t.shortcuts}</h2>
      <dl className="shortcut-list">
        {t.shortcutList.map(([key, what]) => (
          <div key={key}>
            <dt>
              <kbd>{key}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <button type="button" className="button" onClick={onClose} autoFocus>
        {t.close}
      </button>
    </dialog>
  );
}
