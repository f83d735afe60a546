// Numbers as the explorer prints them: a few significant digits, scientific for the very small or large.
import { locale, type Lang } from '../../ui/i18n';

export function formatSig(lang: Lang, value: number, digits = 3): string {
  if (!Number.isFinite(value)) return value > 0 ? '∞' : value < 0 ? '−∞' : '—';
  const abs = Math.abs(value);
  const scientific = abs !== 0 && (abs < 1e-3 || abs >= 1e6);
  return new Intl.NumberFormat(locale(lang), {
    maximumSignificantDigits: digits,
    notation: scientific ? 'scientific' : 'standard',
  }).format(value);
}
