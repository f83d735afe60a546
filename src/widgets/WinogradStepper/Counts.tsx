// The multiplication counts (running, for the outputs stepped through so far, and for the whole layer from the
// engine's counters) and the error table against the float64 reference.
import type { NumericError } from '../../engine';
import { formatNumber, useLang, useStrings } from '../../ui/i18n';
import { formatError, formatRatio } from '../kernels-common/format';
import { strings } from './strings';

export function Counts({
  running,
  total,
  transformOps,
  perTile,
  note,
}: {
  running: { winograd: number; direct: number };
  total: { winograd: number; direct: number };
  transformOps: number;
  perTile: string;
  note?: string;
}) {
  const t = useStrings(strings);
  const lang = useLang();
  const n = (v: number) => formatNumber(lang, v);
  const ratio = total.direct / total.winograd;
  return (
    <div
      className="wg-counts"
      data-testid="mult-counts"
      data-winograd={total.winograd}
      data-direct={total.direct}
      data-ratio={ratio}
      data-running-winograd={running.winograd}
      data-running-direct={running.direct}
    >
      <p className="wg-section-title">{t.countsTitle}</p>
      <p className="wg-per-tile">{perTile}</p>
      <table className="wg-table">
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col">{t.winograd}</th>
            <th scope="col">{t.direct}</th>
            <th scope="col">
              {t.direct} ÷ {t.winograd}
            </th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{t.soFar}</th>
            <td>{n(running.winograd)}</td>
            <td>{n(running.direct)}</td>
            <td>{running.winograd > 0 ? formatRatio(running.direct / running.winograd) : '–'}</td>
          </tr>
          <tr>
            <th scope="row">{t.wholeLayer}</th>
            <td>{n(total.winograd)}</td>
            <td>{n(total.direct)}</td>
            <td>
              <strong data-testid="ratio">{formatRatio(ratio)}</strong>
            </td>
          </tr>
        </tbody>
      </table>
      <p className="wg-note">
        {t.fewer(formatRatio(ratio))}. {t.transformCost(n(transformOps))} {note}
      </p>
    </div>
  );
}

export interface ErrorRowView {
  name: string;
  fp32: NumericError;
  fp16?: NumericError;
  current: boolean;
}

export function Errors({ rows }: { rows: ErrorRowView[] }) {
  const t = useStrings(strings);
  const cell = (e: NumericError | undefined, key: string) =>
    e ? (
      <td data-key={key} data-value={e.maxAbsErr}>
        {formatError(e.maxAbsErr)} <span className="wg-rel">({formatError(e.maxRelErr)})</span>
      </td>
    ) : (
      <td>–</td>
    );
  return (
    <div className="wg-errors" data-testid="error-table">
      <p className="wg-section-title">{t.errorsTitle}</p>
      <div className="wg-table-wrap" tabIndex={0} role="region" aria-label={t.errorsTitle}>
        <table className="wg-table">
          <thead>
            <tr>
              <th scope="col">{t.algorithm}</th>
              <th scope="col">{t.fp32Col}</th>
              <th scope="col">{t.fp16Col}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.name} className={r.current ? 'current' : ''} data-row={r.name}>
                <th scope="row">{r.name}</th>
                {cell(r.fp32, 'fp32')}
                {cell(r.fp16, 'fp16')}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="wg-note">{t.errorNote}</p>
    </div>
  );
}
