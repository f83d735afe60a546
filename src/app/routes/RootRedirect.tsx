import { Navigate } from 'react-router';
import { usePlayground } from '../../store/playground';
import type { Lang } from '../../ui/i18n';

/** "/" goes to the language chosen last time, else the browser's preference. */
export function preferredLang(saved: Lang | null, languages: readonly string[]): Lang {
  if (saved) return saved;
  return languages.some((l) => l.toLowerCase().startsWith('zh')) ? 'zh' : 'en';
}

export function RootRedirect() {
  const saved = usePlayground((s) => s.lang);
  return <Navigate to={`/${preferredLang(saved, navigator.languages ?? [])}`} replace />;
}
