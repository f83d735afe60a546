// The two graphs compared: nodes, parameters, MACs, planned peak memory and nodes per op type, from the
// worker's analysis of each (shape inference, the cost model, the memory planner).
import { useId } from 'react';
import type { GraphStats } from '../../engine';
import { useLang, useStrings } from '../../ui/i18n';
import { formatBytes, formatChange, formatCount } from './format';
import { strings } from './strings';

export function StatsTable({
  before,
  after,
}: {
  before: GraphStats | undefined;
  after: GraphStats | undefined;
}) {
  const t = useStrings(strings);
  const lang = useLang();
  const id = useId();
  const count = (v: number) => formatCount(lang, v);
  const bytes = (v: number) => formatBytes(lang, v);
  const rows: [string, string, keyof Omit<GraphStats, 'opCounts'>, (v: number) => string][] = [
    ['nodes', t.rowNodes, 'nodes', count],
    ['params', t.rowParams, 'params', count],
    ['macs', t.rowMacs, 'macs', count],
    ['peak', t.rowPeak, 'peakBytes', bytes],
  ];
  const ops = [
    ...new Set([...Object.keys(before?.opCounts ?? {}), ...Object.keys(after?.opCounts ?? {})]),
  ].sort();
  const cell = (s: GraphStats | undefined, v: (s: GraphStats) => number, f: (v: number) => string) =>
    s ? f(v(s)) : '…';
  return (
    <div className="go-table-wrap" tabIndex={0} role="region" aria-labelledby={id}>
      <table className="go-table" data-testid="stats-table">
        <caption id={id}>{t.statsCaption}</caption>
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">{t.colWhat}</span>
            </th>
            <th scope="col">{t.colBefore}</th>
            <th scope="col">{t.colAfter}</th>
            <th scope="col">{t.colChange}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([key, label, field, f]) => (
            <tr key={key} data-key={key} data-before={before?.[field]} data-after={after?.[field]}>
              <th scope="row">{label}</th>
              <td>{cell(before, (s) => s[field], f)}</td>
              <td>{cell(after, (s) => s[field], f)}</td>
              <td>{before && after ? formatChange(lang, before[field], after[field], f) : ''}</td>
            </tr>
          ))}
          <tr className="go-table-group">
            <th scope="rowgroup" colSpan={4}>
              {t.rowOps}
            </th>
          </tr>
          {ops.map((op) => {
            const b = before?.opCounts[op] ?? 0;
            const a = after?.opCounts[op] ?? 0;
            return (
              <tr key={op} data-op={op}>
                <th scope="row" className="go-op">
                  {op}
                </th>
                <td>{before ? count(b) : '…'}</td>
                <td>{after ? count(a) : '…'}</td>
                <td>{before && after ? formatChange(lang, b, a, count) : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
