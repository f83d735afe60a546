// Bilingual UI strings. Every component keeps its strings next to it as a Dict: one object per
// language with the same keys, checked by the compiler, so a string missing in one language is a type error.
import { createContext, useContext } from 'react';
import type { Lang } from '../store/playground';

export type { Lang };
export const LANGS: readonly Lang[] = ['zh', 'en'];
export const isLang = (v: unknown): v is Lang => v === 'zh' || v === 'en';

export type Dict<T> = { en: T; zh: T };

/** Declares a component's strings; the zh entry must have exactly the keys of the en entry. */
export function defineStrings<T>(dict: Dict<T>): Dict<T> {
  return dict;
}

export const LangContext = createContext<Lang>('en');

export function useLang(): Lang {
  return useContext(LangContext);
}

export function useStrings<T>(dict: Dict<T>): T {
  return dict[useLang()];
}

/** Locale for Intl number/date formatting. */
export const locale = (lang: Lang) => (lang === 'zh' ? 'zh-CN' : 'en-US');

export function formatNumber(lang: Lang, value: number, digits = 0): string {
  return new Intl.NumberFormat(locale(lang), {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  }).format(value);
}
