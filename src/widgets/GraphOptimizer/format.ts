// Numbers as the playground prints them: bytes in B/KB/MB (powers of 1024), counts in full with grouping,
// milliseconds with about three significant digits, errors in scientific notation.
import { formatNumber, locale, type Lang } from '../../ui/i18n';

const UNITS = ['B', 'KB', 'MB', 'GB'];

export function formatBytes(lang: Lang, bytes: number): string {
  let v = bytes;
  let u = 0;
  while (Math.abs(v) >= 1024 && u < UNITS.length - 1) {
    v /= 1024;
    u++;
  }
  return `${formatNumber(lang, v, u === 0 ? 0 : Math.abs(v) < 10 ? 2 : 1)} ${UNITS[u]}`;
}

export const formatCount = (lang: Lang, n: number) => formatNumber(lang, n);

export const formatMs = (lang: Lang, ms: number) =>
  formatNumber(lang, ms, ms < 1 ? 3 : ms < 10 ? 2 : ms < 100 ? 1 : 0);

/** A compact count for labels on the graph (1.2M, 34.5k). */
export const formatCompact = (lang: Lang, v: number) =>
  new Intl.NumberFormat(locale(lang), { notation: 'compact', maximumFractionDigits: 1 }).format(v);

export function formatError(v: number): string {
  if (v === 0) return '0';
  if (!Number.isFinite(v)) return String(v);
  return v.toExponential(2);
}

/** A change as a signed difference with its percentage: "−12 (−34%)". */
export function formatChange(
  lang: Lang,
  before: number,
  after: number,
  format: (v: number) => string,
): string {
  const d = after - before;
  if (d === 0) return '—';
  const sign = d > 0 ? '+' : '−';
  const pct = before !== 0 ? ` (${sign}${formatNumber(lang, Math.abs((100 * d) / before), 1)}%)` : '';
  return `${sign}${format(Math.abs(d))}${pct}`;
}
