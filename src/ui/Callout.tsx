import type { ReactNode } from 'react';
import { defineStrings, useStrings } from './i18n';

const strings = defineStrings({
  en: { note: 'Note', tip: 'Tip', warning: 'Caution', key: 'Key idea' },
  zh: { note: '注意', tip: '提示', warning: '警告', key: '要点' },
});

export type CalloutKind = 'note' | 'tip' | 'warning' | 'key';

export function Callout({
  kind = 'note',
  title,
  children,
}: {
  kind?: CalloutKind;
  title?: string;
  children: ReactNode;
}) {
  const t = useStrings(strings);
  return (
    <aside className={`callout ${kind}`} aria-label={title ?? t[kind]}>
      <p className="callout-title">{title ?? t[kind]}</p>
      {children}
    </aside>
  );
}
